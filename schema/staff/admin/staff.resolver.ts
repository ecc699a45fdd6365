import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { Site } from '../../estate/sites/site.entity';
import { Role } from '../role.enum';
import { Staff } from '../staff.entity';
import { StaffService } from './staff.service';
import { STAFF_ADMINS } from './staff-policy';
import { CreateStaffInput, UpdateStaffInput } from './staff.inputs';

@Resolver(() => Staff)
export class StaffResolver {
  constructor(private readonly staff: StaffService) {}

  /** core.graphql `StaffMembers`: a manager sees every account, a supervisor those of their sites. */
  @Authorized(STAFF_ADMINS)
  @Query(() => [Staff], { description: 'Staff accounts, by username; a supervisor sees those of their sites.' })
  staffMembers(
    @Ctx() ctx: RequestContext,
    @Arg('role', () => Role, { nullable: true }) role?: Role | null,
  ): Promise<Staff[]> {
    return this.staff.list(ctx.em, ctx.caller!, role ?? null);
  }

  /** core.graphql `CreateStaff`. */
  @Authorized(STAFF_ADMINS)
  @Mutation(() => Staff)
  createStaff(@Arg('input') input: CreateStaffInput, @Ctx() ctx: RequestContext): Promise<Staff> {
    return this.staff.create(ctx.em, ctx.caller!, input);
  }

  /** core.graphql `UpdateStaff`: applies at the account's next request and closes its WebSockets. */
  @Authorized(STAFF_ADMINS)
  @Mutation(() => Staff)
  updateStaff(@Arg('input') input: UpdateStaffInput, @Ctx() ctx: RequestContext): Promise<Staff> {
    return this.staff.update(ctx.em, ctx.caller!, input);
  }

  /**
   * The sites the account may see: every site for a MANAGER, else its own — as far as the
   * caller may see them (the request's unit of work is scoped). Batched per request.
   */
  @FieldResolver(() => [Site])
  sites(@Root() staff: Staff, @Ctx() ctx: RequestContext): Promise<Site[]> {
    const loader = ctx.loaders.batched<Site[]>('staff.sites', loadSitesOfStaff);
    return loader.load(staff.role === Role.MANAGER ? '*' : staff.id);
  }
}

/** `*` stands for a manager: every site. Two statements per batch whatever its size. */
async function loadSitesOfStaff(em: EntityManager, keys: readonly string[]): Promise<Site[][]> {
  const staffIds = keys.filter((k) => k !== '*');
  const rows = staffIds.length
    ? await em.execute<Array<{ staff_id: string; site_id: string }>>(
        `select staff_id, site_id from staff_site where staff_id in (${staffIds.map(() => '?').join(', ')})`,
        staffIds,
      )
    : [];
  const all = keys.includes('*');
  const sites = await em.find(Site, all ? {} : { id: { $in: [...new Set(rows.map((r) => r.site_id))] } }, {
    orderBy: { code: 'asc' },
  });
  return keys.map((key) => {
    if (key === '*') return sites;
    const own = new Set(rows.filter((r) => r.staff_id === key).map((r) => r.site_id));
    return sites.filter((site) => own.has(site.id));
  });
}

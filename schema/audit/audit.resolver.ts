import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { RequestContext } from '../context';
import { Role } from '../staff/role.enum';
import { Staff } from '../staff/staff.entity';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryConnection, AuditFilter } from './audit.inputs';
import { AuditLog } from './audit-log.service';

/** Reading the audit trail. There is deliberately no mutation: rows are written only by the changes themselves. */
@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(private readonly audit: AuditLog) {}

  @Authorized([Role.MANAGER])
  @Query(() => AuditEntryConnection, { description: 'Changes made through the API, newest first (MANAGER).' })
  auditEntries(
    @Args() page: PageArgs,

    @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter | null,
  ): Promise<AuditEntryConnection> {
    return this.audit.list(filter ?? {}, page);
  }

  @FieldResolver(() => Staff, { description: 'Who made the change.' })
  staff(@Root() entry: AuditEntry, @Ctx() ctx: RequestContext): Staff | Promise<Staff> {
    return ctx.loaders.load(Staff, entry.staff);
  }
}

import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { Role } from '../staff/role.enum';
import { KpiService } from './kpi.service';
import { ServiceKpis } from './kpi.types';

/** Who sees the service KPIs (绩效考核): the centre's manager, supervisors and the hotline manager. */
export const KPI_READERS = [Role.MANAGER, Role.SUPERVISOR, Role.HOTLINE_MANAGER];

@Resolver()
export class KpiResolver {
  constructor(private readonly kpis: KpiService) {}

  /** contract `ServiceKpis`: [from, to), at most two years; siteId null: every site the caller may see. */
  @Authorized(KPI_READERS)
  @Query(() => ServiceKpis)
  serviceKpis(
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Ctx() ctx: RequestContext,
    @Arg('siteId', () => ID, { nullable: true }) siteId?: string | null,
  ): Promise<ServiceKpis> {
    return this.kpis.serviceKpis(ctx.em, ctx.caller!, from, to, siteId ?? null);
  }
}

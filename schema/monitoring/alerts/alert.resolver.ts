import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AppError } from '../../common/app-error';
import { MAX_PAGE_SIZE } from '../../common/connection';
import type { RequestContext } from '../../context';
import { WorkOrder } from '../../desk/work-orders/work-order.entity';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { ALERT_HANDLERS } from '../../staff/role.enum';
import { Staff } from '../../staff/staff.entity';
import { Alert } from './alert.entity';
import { AlertConnection, AlertFilter } from './alert.inputs';
import { AlertService } from './alert.service';

@Authorized()
@Resolver(() => Alert)
export class AlertResolver {
  constructor(private readonly alertService: AlertService) {}

  /**
   * operations.graphql `ActiveAlerts`. Most severe first, then newest; equipment and work
   * order (with its plan) are joined in the same statement, so the page costs two
   * statements (count + rows) whatever its size.
   */
  @Query(() => AlertConnection)
  async alerts(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AlertFilter, { nullable: true }) filter?: AlertFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<AlertConnection> {
    if (first < 0 || first > MAX_PAGE_SIZE) throw AppError.badInput(`first must be between 0 and ${MAX_PAGE_SIZE}`);
    if (offset < 0) throw AppError.badInput('offset must not be negative');
    const where: FilterQuery<Alert> = {};
    if (filter?.active === true) where.clearedAt = null;
    if (filter?.active === false) where.clearedAt = { $ne: null };
    if (filter?.status?.length) where.status = { $in: filter.status };
    if (filter?.severity?.length) where.severity = { $in: filter.severity };
    if (filter?.equipmentId) where.equipment = filter.equipmentId;
    const [nodes, totalCount] = await ctx.em.findAndCount(Alert, where, {
      // severity is a PostgreSQL enum declared critical → warning, so it sorts by rank
      orderBy: { severity: 'asc', raisedAt: 'desc', id: 'asc' },
      populate: ['equipment', 'workOrder.emergencyPlan'],
      limit: first,
      offset,
    });
    return { nodes, totalCount };
  }

  @Query(() => Alert)
  async alert(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Alert> {
    const alert = await ctx.em.findOne(Alert, { id });
    if (!alert) throw AppError.notFound('Alert', id);
    return alert;
  }

  @Authorized(ALERT_HANDLERS)
  @Mutation(() => Alert)
  acknowledgeAlert(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Alert> {
    if (note && note.length > 2000) throw AppError.badInput('note must be at most 2000 characters');
    return this.alertService.acknowledge(ctx.em, id, ctx.caller!, note ?? null);
  }

  @FieldResolver(() => Equipment)
  equipment(@Root() alert: Alert, @Ctx() ctx: RequestContext): Promise<Equipment> {
    return ctx.loaders.load(Equipment, alert.equipment);
  }

  @FieldResolver(() => WorkOrder, { nullable: true })
  workOrder(@Root() alert: Alert, @Ctx() ctx: RequestContext): Promise<WorkOrder | null> {
    return ctx.loaders.loadOptional(WorkOrder, alert.workOrder);
  }

  @FieldResolver(() => Staff, { nullable: true })
  acknowledgedBy(@Root() alert: Alert, @Ctx() ctx: RequestContext): Promise<Staff | null> {
    return ctx.loaders.loadOptional(Staff, alert.acknowledgedBy);
  }
}

import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AppError } from '../../common/app-error';
import { findPage } from '../../common/connection';
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
   * operations.graphql `ActiveAlerts`. Most severe first, then newest; equipment (with its
   * building) and work order (with its plan) are joined into the same statement, so a page
   * costs one statement, two when it is full and needs a count, whatever its size.
   */
  @Query(() => AlertConnection)
  async alerts(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AlertFilter, { nullable: true }) filter?: AlertFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<AlertConnection> {
    const where: FilterQuery<Alert> = {};
    if (filter?.active === true) where.clearedAt = null;
    if (filter?.active === false) where.clearedAt = { $ne: null };
    if (filter?.status?.length) where.status = { $in: filter.status };
    if (filter?.severity?.length) where.severity = { $in: filter.severity };
    if (filter?.equipmentId) where.equipment = filter.equipmentId;
    return findPage(
      ctx.em,
      Alert,
      where,
      { first, offset },
      {
        // severity is a PostgreSQL enum declared critical → warning, so it sorts by rank
        orderBy: { severity: 'asc', raisedAt: 'desc', id: 'asc' },
        populate: ['equipment.building', 'workOrder.emergencyPlan'],
      },
    );
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

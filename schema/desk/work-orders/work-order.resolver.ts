import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { findPage } from '../../common/connection';
import type { RequestContext } from '../../context';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { EmergencyPlan } from '../../facilities/emergency-plans/emergency-plan.entity';
import { Alert } from '../../monitoring/alerts/alert.entity';
import { WorkOrder } from './work-order.entity';
import { OPEN_STATUSES } from './work-order.enums';
import { WorkOrderConnection, WorkOrderFilter } from './work-order.inputs';
import { WorkOrderService } from './work-order.service';

@Resolver(() => WorkOrder)
export class WorkOrderResolver {
  constructor(private readonly workOrderService: WorkOrderService) {}

  /** test/contract-operations.graphql `WorkOrder`. */
  @Authorized()
  @Query(() => WorkOrder)
  workOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WorkOrder> {
    return this.workOrderService.get(ctx.em, id);
  }

  @Authorized()
  @Query(() => WorkOrderConnection, { description: 'Work orders, newest first.' })
  async workOrders(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,

    @Arg('filter', () => WorkOrderFilter, { nullable: true }) filter?: WorkOrderFilter | null,
  ): Promise<WorkOrderConnection> {
    const where: FilterQuery<WorkOrder> = {};
    if (filter?.open === true) where.status = { $in: OPEN_STATUSES };
    if (filter?.open === false) where.status = { $nin: OPEN_STATUSES };
    if (filter?.status?.length) where.status = { $in: filter.status };
    if (filter?.department) where.department = filter.department;
    if (filter?.source) where.source = filter.source;
    return findPage(ctx.em, WorkOrder, where, page, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      populate: ['equipment', 'alert', 'emergencyPlan'],
    });
  }

  @FieldResolver(() => Alert, { nullable: true })
  alert(@Root() workOrder: WorkOrder, @Ctx() ctx: RequestContext): Alert | null | Promise<Alert | null> {
    return ctx.loaders.loadOptional(Alert, workOrder.alert);
  }

  @FieldResolver(() => Equipment, { nullable: true })
  equipment(@Root() workOrder: WorkOrder, @Ctx() ctx: RequestContext): Equipment | null | Promise<Equipment | null> {
    return ctx.loaders.loadOptional(Equipment, workOrder.equipment);
  }

  @FieldResolver(() => EmergencyPlan, { nullable: true })
  emergencyPlan(
    @Root() workOrder: WorkOrder,
    @Ctx() ctx: RequestContext,
  ): EmergencyPlan | null | Promise<EmergencyPlan | null> {
    return ctx.loaders.loadOptional(EmergencyPlan, workOrder.emergencyPlan);
  }
}

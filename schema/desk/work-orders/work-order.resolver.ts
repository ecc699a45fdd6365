import { raw, type FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { findPage } from '../../common/connection';
import type { RequestContext } from '../../context';
import { Unit } from '../../estate/units/unit.entity';
import { Department } from '../../facilities/emergency-plans/department.enum';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { EmergencyPlan } from '../../facilities/emergency-plans/emergency-plan.entity';
import { ServiceRequest } from '../../hotline/requests/service-request.entity';
import { Alert } from '../../monitoring/alerts/alert.entity';
import { Staff } from '../../staff/staff.entity';
import { WorkOrder } from './work-order.entity';
import { OPEN_STATUSES } from './work-order.enums';
import { DISPATCHERS } from './work-order-lifecycle';
import { isOverdue, overdueSql, overdueSqlParams } from './work-order-sla';
import { WorkOrderTransition } from './work-order-transition.entity';
import type { WorkOrderTransitionService } from './work-order-transition.service';
import { TransitionWorkOrderInput, WorkOrderConnection, WorkOrderFilter } from './work-order.inputs';
import { WorkOrderService } from './work-order.service';
import { assignableTechnicians } from './assignable-staff';

@Resolver(() => WorkOrder)
export class WorkOrderResolver {
  constructor(
    private readonly workOrderService: WorkOrderService,
    private readonly transitions: WorkOrderTransitionService,
    /** the platform's clock (gateway/container.ts): `overdue` is judged against it */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** test/contract-operations.graphql `WorkOrder`. */
  @Authorized()
  @Query(() => WorkOrder)
  workOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WorkOrder> {
    return this.workOrderService.get(ctx.em, id);
  }

  /** The board and the service-desk contract's `MyWorkOrders`. */
  @Authorized()
  @Query(() => WorkOrderConnection, { description: 'Work orders, newest first.' })
  async workOrders(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,

    @Arg('filter', () => WorkOrderFilter, { nullable: true }) filter?: WorkOrderFilter | null,
  ): Promise<WorkOrderConnection> {
    const where: FilterQuery<WorkOrder> & Record<string, unknown> = {};
    if (filter?.open === true) where.status = { $in: OPEN_STATUSES };
    if (filter?.open === false) where.status = { $nin: OPEN_STATUSES };
    if (filter?.status?.length) where.status = { $in: filter.status };
    if (filter?.department) where.department = filter.department;
    if (filter?.source) where.source = filter.source;
    if (filter?.assignedToMe === true) where.assignee = ctx.caller!.staffId;
    if (filter?.assignedToMe === false) where.assignee = { $ne: ctx.caller!.staffId };
    if (typeof filter?.overdue === 'boolean') {
      const negate = filter.overdue ? '' : 'not ';
      where[raw((alias) => `${negate}${overdueSql(alias)}`, overdueSqlParams(this.now()))] = [];
    }
    return findPage(ctx.em, WorkOrder, where, page, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      populate: ['equipment', 'alert', 'emergencyPlan'],
    });
  }

  /** Every move of the lifecycle (schema/desk/work-orders/work-order-lifecycle.ts). */
  @Authorized()
  @Mutation(() => WorkOrder)
  transitionWorkOrder(
    @Arg('input', () => TransitionWorkOrderInput) input: TransitionWorkOrderInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WorkOrder> {
    return this.transitions.transition(ctx.em, ctx.caller!, input);
  }

  /**
   * Who a work order can be dispatched to: the active technicians of the caller's sites.
   * Staff carry no department yet, so `department` does not narrow the list (it is the
   * department the dispatch dialog sends to).
   */
  @Authorized([...DISPATCHERS])
  @Query(() => [Staff], { description: 'Active technicians of the caller’s sites, by name (for dispatch).' })
  assignableStaff(
    @Ctx() ctx: RequestContext,
    @Arg('department', () => Department, { nullable: true }) _department?: Department | null,
  ): Promise<Staff[]> {
    return assignableTechnicians(ctx.em, ctx.caller!.siteIds);
  }

  @FieldResolver(() => Boolean, { description: 'A deadline passed and was not met (ON_HOLD pauses the clock).' })
  overdue(@Root() workOrder: WorkOrder): boolean {
    return isOverdue(workOrder, this.now());
  }

  @FieldResolver(() => [WorkOrderTransition], { description: 'Every move, oldest first.' })
  history(@Root() workOrder: WorkOrder, @Ctx() ctx: RequestContext): Promise<WorkOrderTransition[]> {
    return ctx.loaders
      .batched<WorkOrderTransition[]>('WorkOrder.history', async (em, ids) => {
        const rows = await em.find(
          WorkOrderTransition,
          { workOrder: { $in: [...ids] } },
          { orderBy: { at: 'asc', id: 'asc' } },
        );
        const byWorkOrder = new Map<string, WorkOrderTransition[]>(ids.map((id) => [id, []]));
        for (const row of rows) byWorkOrder.get(row.workOrder.id)?.push(row);
        return ids.map((id) => byWorkOrder.get(id)!);
      })
      .load(workOrder.id);
  }

  @FieldResolver(() => Staff, { nullable: true })
  assignee(@Root() workOrder: WorkOrder, @Ctx() ctx: RequestContext): Staff | null | Promise<Staff | null> {
    return ctx.loaders.loadOptional(Staff, workOrder.assignee);
  }

  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() workOrder: WorkOrder, @Ctx() ctx: RequestContext): Unit | null | Promise<Unit | null> {
    return ctx.loaders.loadOptional(Unit, workOrder.unit);
  }

  @FieldResolver(() => ServiceRequest, { nullable: true })
  serviceRequest(
    @Root() workOrder: WorkOrder,
    @Ctx() ctx: RequestContext,
  ): ServiceRequest | null | Promise<ServiceRequest | null> {
    return ctx.loaders.loadOptional(ServiceRequest, workOrder.serviceRequest);
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

/** `history { by }`: who made the move (null: the platform — an alert, the escalation job). */
@Resolver(() => WorkOrderTransition)
export class WorkOrderHistoryResolver {
  @FieldResolver(() => Staff, { nullable: true })
  by(@Root() entry: WorkOrderTransition, @Ctx() ctx: RequestContext): Staff | null | Promise<Staff | null> {
    return ctx.loaders.loadOptional(Staff, entry.by);
  }
}

import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { AppError } from '../../common/app-error';
import type { RequestContext } from '../../context';
import { WorkOrder } from '../../desk/work-orders/work-order.entity';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { ALERT_HANDLERS } from '../../staff/role.enum';
import { Staff } from '../../staff/staff.entity';
import { Alert } from './alert.entity';
import { AlertConnection, AlertFilter } from './alert.inputs';
import { AlertService } from './alert.service';

@Resolver(() => Alert)
export class AlertResolver {
  constructor(private readonly alertService: AlertService) {}

  /**
   * `ActiveAlerts` (test/contract-operations.graphql): most severe first, then newest. The
   * desk's overview: whole answers are cached in the gateway until the next published event.
   */
  @Authorized()
  @Query(() => AlertConnection)
  alerts(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,

    @Arg('filter', () => AlertFilter, { nullable: true }) filter?: AlertFilter | null,
  ): Promise<AlertConnection> {
    return this.alertService.list(ctx.em, filter ?? {}, page);
  }

  @Authorized()
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
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description: 'The version the caller saw; CONFLICT when the alert has changed since.',
    })
    expectedVersion?: number | null,
  ): Promise<Alert> {
    if (note && note.length > 2000) throw AppError.badInput('note must be at most 2000 characters');
    return this.alertService.acknowledge(ctx.em, id, ctx.caller!, note ?? null, expectedVersion ?? null);
  }

  @FieldResolver(() => Equipment)
  equipment(@Root() alert: Alert, @Ctx() ctx: RequestContext): Equipment | Promise<Equipment> {
    return ctx.loaders.load(Equipment, alert.equipment);
  }

  @FieldResolver(() => WorkOrder, { nullable: true })
  workOrder(@Root() alert: Alert, @Ctx() ctx: RequestContext): WorkOrder | null | Promise<WorkOrder | null> {
    return ctx.loaders.loadOptional(WorkOrder, alert.workOrder);
  }

  @FieldResolver(() => Staff, { nullable: true })
  acknowledgedBy(@Root() alert: Alert, @Ctx() ctx: RequestContext): Staff | null | Promise<Staff | null> {
    return ctx.loaders.loadOptional(Staff, alert.acknowledgedBy);
  }
}

import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { RequestContext } from '../context';
import { WorkOrder } from '../desk/work-orders/work-order.entity';
import { Incident } from '../incidents/incident.entity';
import { Resident } from '../residents/resident.entity';
import { Staff } from '../staff/staff.entity';
import { Callback } from './callback.entity';
import { CallbackConnection, CallbackFilter, CancelCallbackInput, RecordCallbackInput } from './callback.inputs';
import { CALLBACK_CANCELLERS, CALLBACK_WORKERS } from './callback-lifecycle';
import { CallbackService } from './callback.service';

@Resolver(() => Callback)
export class CallbackResolver {
  constructor(private readonly callbackService: CallbackService) {}

  /** incidents contract `Callbacks`: the callbacks of the caller's sites, soonest due first. */
  @Authorized(CALLBACK_WORKERS)
  @Query(() => CallbackConnection, { description: 'Callbacks (回访) of the caller’s sites, soonest due first.' })
  callbacks(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => CallbackFilter, { nullable: true }) filter?: CallbackFilter | null,
  ): Promise<CallbackConnection> {
    return this.callbackService.list(ctx.em, ctx.caller!, filter ?? {}, page);
  }

  /** incidents contract `RecordCallback`: one attempt, reached (with a satisfaction) or not. */
  @Authorized(CALLBACK_WORKERS)
  @Mutation(() => Callback)
  recordCallback(@Arg('input') input: RecordCallbackInput, @Ctx() ctx: RequestContext): Promise<Callback> {
    return this.callbackService.record(ctx.em, ctx.caller!, input);
  }

  /** A DUE callback that is not to be made, with the reason (callback-lifecycle.ts `cancel`). */
  @Authorized(CALLBACK_CANCELLERS)
  @Mutation(() => Callback, {
    description: 'Cancels a DUE callback (stale version: CONFLICT; not DUE: INVALID_TRANSITION).',
  })
  cancelCallback(@Arg('input') input: CancelCallbackInput, @Ctx() ctx: RequestContext): Promise<Callback> {
    return this.callbackService.cancel(ctx.em, ctx.caller!, input);
  }

  @FieldResolver(() => Resident)
  resident(@Root() callback: Callback, @Ctx() ctx: RequestContext): Resident | Promise<Resident> {
    return ctx.loaders.load(Resident, callback.resident);
  }

  @FieldResolver(() => WorkOrder, { nullable: true })
  workOrder(@Root() callback: Callback, @Ctx() ctx: RequestContext): WorkOrder | null | Promise<WorkOrder | null> {
    return ctx.loaders.loadOptional(WorkOrder, callback.workOrder);
  }

  @FieldResolver(() => Incident, { nullable: true })
  incident(@Root() callback: Callback, @Ctx() ctx: RequestContext): Incident | null | Promise<Incident | null> {
    return ctx.loaders.loadOptional(Incident, callback.incident);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who works it (null: anyone of its site).' })
  assignee(@Root() callback: Callback, @Ctx() ctx: RequestContext): Staff | null | Promise<Staff | null> {
    return ctx.loaders.loadOptional(Staff, callback.assignee);
  }
}

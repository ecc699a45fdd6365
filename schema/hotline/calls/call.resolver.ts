import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AppError } from '../../common/app-error';
import { PageArgs } from '../../common/connection';
import type { RequestContext } from '../../context';
import { Resident } from '../../residents/resident.entity';
import { Staff } from '../../staff/staff.entity';
import { CALL_TAKERS } from '../hotline-roles';
import { phoneFor } from '../../residents/phone';
import { ServiceRequest } from '../requests/service-request.entity';
import { Call } from './call.entity';
import { CallConnection, CallFilter, StartCallInput } from './call.inputs';
import { CallService } from './call.service';
import { matchedResidentsOf, requestsOfCalls } from './call-batches';

/** The longest summary an operator writes. */
const SUMMARY_MAX_LENGTH = 4000;

@Resolver(() => Call)
export class CallResolver {
  constructor(private readonly callService: CallService) {}

  /** service-desk contract `StartCall`: the operator is the caller; residents matched by phone. */
  @Authorized(CALL_TAKERS)
  @Mutation(() => Call)
  startCall(@Arg('input') input: StartCallInput, @Ctx() ctx: RequestContext): Promise<Call> {
    return this.callService.start(ctx.em, ctx.caller!, input);
  }

  /** service-desk contract `EndCall`: once (then INVALID_TRANSITION), by its operator or their managers. */
  @Authorized(CALL_TAKERS)
  @Mutation(() => Call)
  endCall(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('summary', () => String, { nullable: true }) summary?: string | null,
  ): Promise<Call> {
    if (summary && summary.length > SUMMARY_MAX_LENGTH) {
      throw AppError.badInput(`summary must be at most ${SUMMARY_MAX_LENGTH} characters`);
    }
    return this.callService.end(ctx.em, ctx.caller!, id, summary ?? null);
  }

  @Authorized()
  @Query(() => Call, { description: 'A call record the caller may see (its site, or taken by them).' })
  call(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Call> {
    return this.callService.get(ctx.em, id);
  }

  @Authorized()
  @Query(() => CallConnection, { description: 'Call records, newest first.' })
  calls(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => CallFilter, { nullable: true }) filter?: CallFilter | null,
  ): Promise<CallConnection> {
    return this.callService.list(ctx.em, filter ?? {}, page);
  }

  @FieldResolver(() => String, { description: "The caller's number; masked for roles that do not call back." })
  phone(@Root() call: Call, @Ctx() ctx: RequestContext): string {
    return phoneFor(ctx.caller?.role, call.phone);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Whole seconds from start to end; null while open.' })
  durationS(@Root() call: Call): number | null {
    return call.endedAt ? Math.round((call.endedAt.getTime() - call.startedAt.getTime()) / 1000) : null;
  }

  @FieldResolver(() => Staff)
  operator(@Root() call: Call, @Ctx() ctx: RequestContext): Staff | Promise<Staff> {
    return ctx.loaders.load(Staff, call.operator);
  }

  @FieldResolver(() => [Resident], { description: 'The residents matched by phone when the call started.' })
  matchedResidents(@Root() call: Call, @Ctx() ctx: RequestContext): Promise<Resident[]> {
    return ctx.loaders.batched('Call.matchedResidents', matchedResidentsOf).load(call.id);
  }

  @FieldResolver(() => [ServiceRequest], { description: 'What the call led to, in filing order.' })
  requests(@Root() call: Call, @Ctx() ctx: RequestContext): Promise<ServiceRequest[]> {
    return ctx.loaders.batched('Call.requests', requestsOfCalls).load(call.id);
  }
}

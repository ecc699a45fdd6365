import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import type { RequestContext } from '../../context';
import { WorkOrder } from '../../desk/work-orders/work-order.entity';
import { Unit } from '../../estate/units/unit.entity';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { Incident } from '../../incidents/incident.entity';
import { Resident } from '../../residents/resident.entity';
import { Staff } from '../../staff/staff.entity';
import { Call } from '../calls/call.entity';
import { REQUEST_CREATORS } from '../hotline-roles';
import { ServiceRequest } from './service-request.entity';
import { CreateServiceRequestInput, ServiceRequestConnection, ServiceRequestFilter } from './service-request.inputs';
import { ServiceRequestService } from './service-request.service';
import { workOrdersOfRequests } from './service-request-batches';

@Resolver(() => ServiceRequest)
export class ServiceRequestResolver {
  constructor(private readonly requestService: ServiceRequestService) {}

  /**
   * service-desk contract `CreateServiceRequest`: an answered inquiry and a suggestion are closed
   * on filing; everything else opens one work order with its SLA deadlines.
   */
  @Authorized(REQUEST_CREATORS)
  @Mutation(() => ServiceRequest)
  createServiceRequest(
    @Arg('input') input: CreateServiceRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceRequest> {
    return this.requestService.create(ctx.em, ctx.caller!, input);
  }

  @Authorized()
  @Query(() => ServiceRequest)
  serviceRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ServiceRequest> {
    return this.requestService.get(ctx.em, id);
  }

  @Authorized()
  @Query(() => ServiceRequestConnection, { description: 'Service requests, newest first.' })
  serviceRequests(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => ServiceRequestFilter, { nullable: true }) filter?: ServiceRequestFilter | null,
  ): Promise<ServiceRequestConnection> {
    return this.requestService.list(ctx.em, filter ?? {}, page);
  }

  @FieldResolver(() => Call, { nullable: true })
  call(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Call | null | Promise<Call | null> {
    return ctx.loaders.loadOptional(Call, request.call);
  }

  @FieldResolver(() => Resident, { nullable: true })
  resident(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Resident | null | Promise<Resident | null> {
    return ctx.loaders.loadOptional(Resident, request.resident);
  }

  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Unit | null | Promise<Unit | null> {
    return ctx.loaders.loadOptional(Unit, request.unit);
  }

  @FieldResolver(() => Equipment, { nullable: true })
  equipment(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Equipment | null | Promise<Equipment | null> {
    return ctx.loaders.loadOptional(Equipment, request.equipment);
  }

  @FieldResolver(() => WorkOrder, {
    nullable: true,
    description: 'The work order it opened (none when closed on filing).',
  })
  async workOrder(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Promise<WorkOrder | null> {
    const own = await ctx.loaders.batched('ServiceRequest.workOrder', workOrdersOfRequests).load(request.id);
    if (own || !request.incident) return own;
    // a request that joined an incident shares the incident's work order (schema/incidents/incident-requests.ts)
    const incident = await ctx.loaders.loadOptional(Incident, request.incident);
    return ctx.loaders.loadOptional(WorkOrder, incident?.workOrder ?? null);
  }

  @FieldResolver(() => Staff)
  createdBy(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Staff | Promise<Staff> {
    return ctx.loaders.load(Staff, request.createdBy);
  }
}

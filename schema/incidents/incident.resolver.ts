import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, PageInfo, type Page } from '../common/connection';
import type { RequestContext } from '../context';
import { WorkOrder } from '../desk/work-orders/work-order.entity';
import { Building } from '../estate/buildings/building.entity';
import { Unit } from '../estate/units/unit.entity';
import { Call } from '../hotline/calls/call.entity';
import { ServiceRequest } from '../hotline/requests/service-request.entity';
import { Alert } from '../monitoring/alerts/alert.entity';
import { Incident } from './incident.entity';
import { CreateIncidentInput, EndIncidentArgs, IncidentConnection, IncidentFilter } from './incident.inputs';
import { IncidentService } from './incident.service';
import { alertsOfIncidents, buildingsOfIncidents, countsOfIncidents, type IncidentCount } from './incident-batches';
import {
  IncidentCallConnection,
  IncidentMembers,
  IncidentRequestConnection,
  IncidentUnitConnection,
  MEMBER_IDS,
  MemberPageArgs,
  pageByIds,
} from './incident-members';
import { INCIDENT_EDITORS } from './incident-roles';

@Resolver(() => Incident)
export class IncidentResolver {
  constructor(private readonly service: IncidentService) {}

  @Authorized(INCIDENT_EDITORS)
  @Mutation(() => Incident, { description: 'A planned or manual incident on whole buildings (incidents contract).' })
  createIncident(@Arg('input') input: CreateIncidentInput, @Ctx() ctx: RequestContext): Promise<Incident> {
    return this.service.create(ctx.em, ctx.caller!, input);
  }

  @Authorized(INCIDENT_EDITORS)
  @Mutation(() => Incident, {
    description: 'Ends a manual or planned incident; one an alert opened ends by itself (INVALID_TRANSITION).',
  })
  endIncident(@Args() args: EndIncidentArgs, @Ctx() ctx: RequestContext): Promise<Incident> {
    return this.service.end(ctx.em, ctx.caller!, args.id, args.note ?? null);
  }

  @Authorized()
  @Query(() => Incident)
  incident(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Incident> {
    return this.service.get(ctx.em, id);
  }

  @Authorized()
  @Query(() => IncidentConnection, { description: 'Incidents, latest start first.' })
  incidents(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter?: IncidentFilter | null,
  ): Promise<IncidentConnection> {
    return this.service.list(ctx.em, filter ?? {}, page);
  }

  @FieldResolver(() => [Alert], { description: 'The alerts that opened or joined it.' })
  alerts(@Root() incident: Incident, @Ctx() ctx: RequestContext): Promise<Alert[]> {
    return ctx.loaders.batched('Incident.alerts', alertsOfIncidents).load(incident.id);
  }

  @FieldResolver(() => [Building])
  buildings(@Root() incident: Incident, @Ctx() ctx: RequestContext): Promise<Building[]> {
    return ctx.loaders.batched('Incident.buildings', buildingsOfIncidents).load(incident.id);
  }

  @FieldResolver(() => IncidentUnitConnection)
  affectedUnits(@Root() incident: Incident, @Args() page: MemberPageArgs): IncidentUnitConnection {
    return new IncidentUnitConnection(incident.id, page);
  }

  @FieldResolver(() => IncidentCallConnection)
  calls(@Root() incident: Incident, @Args() page: MemberPageArgs): IncidentCallConnection {
    return new IncidentCallConnection(incident.id, page);
  }

  @FieldResolver(() => IncidentRequestConnection)
  requests(@Root() incident: Incident, @Args() page: MemberPageArgs): IncidentRequestConnection {
    return new IncidentRequestConnection(incident.id, page);
  }

  @FieldResolver(() => WorkOrder, { nullable: true, description: 'The work order that fixes it.' })
  workOrder(@Root() incident: Incident, @Ctx() ctx: RequestContext): WorkOrder | null | Promise<WorkOrder | null> {
    return ctx.loaders.loadOptional(WorkOrder, incident.workOrder);
  }
}

function count(ctx: RequestContext, what: IncidentCount, members: IncidentMembers): Promise<number> {
  return ctx.loaders.batched(`Incident.${what}.count`, countsOfIncidents(what)).load(members.incidentId);
}

async function page<T extends { id: string }>(
  ctx: RequestContext,
  what: IncidentCount,
  members: IncidentMembers,
): Promise<Page<T>> {
  const { entity, sql } = MEMBER_IDS[what];
  const total = await count(ctx, what, members);
  return pageByIds(ctx.em, entity as never, sql, [members.incidentId], members.page, total) as Promise<Page<T>>;
}

@Resolver(() => IncidentUnitConnection)
export class IncidentUnitsResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() members: IncidentMembers, @Ctx() ctx: RequestContext): Promise<number> {
    return count(ctx, 'units', members);
  }

  @FieldResolver(() => [Unit])
  async nodes(@Root() members: IncidentMembers, @Ctx() ctx: RequestContext): Promise<Unit[]> {
    return (await page<Unit>(ctx, 'units', members)).nodes;
  }

  @FieldResolver(() => PageInfo)
  async pageInfo(@Root() members: IncidentMembers, @Ctx() ctx: RequestContext): Promise<PageInfo> {
    return (await page<Unit>(ctx, 'units', members)).pageInfo;
  }
}

@Resolver(() => IncidentCallConnection)
export class IncidentCallsResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() members: IncidentMembers, @Ctx() ctx: RequestContext): Promise<number> {
    return count(ctx, 'calls', members);
  }

  @FieldResolver(() => [Call])
  async nodes(@Root() members: IncidentMembers, @Ctx() ctx: RequestContext): Promise<Call[]> {
    return (await page<Call>(ctx, 'calls', members)).nodes;
  }
}

@Resolver(() => IncidentRequestConnection)
export class IncidentRequestsResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() members: IncidentMembers, @Ctx() ctx: RequestContext): Promise<number> {
    return count(ctx, 'requests', members);
  }

  @FieldResolver(() => [ServiceRequest])
  async nodes(@Root() members: IncidentMembers, @Ctx() ctx: RequestContext): Promise<ServiceRequest[]> {
    return (await page<ServiceRequest>(ctx, 'requests', members)).nodes;
  }
}

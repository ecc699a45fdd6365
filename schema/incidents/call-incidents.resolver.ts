import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { Call } from '../hotline/calls/call.entity';
import { ServiceRequest } from '../hotline/requests/service-request.entity';
import { Incident } from './incident.entity';
import { activeIncidentsOfCalls } from './incident-calls';

@Resolver(() => Call)
export class CallIncidentsResolver {
  /** incidents contract `CallWithIncidents`: what the caller's home is affected by, seen as the call starts. */
  @FieldResolver(() => [Incident], {
    description: 'The incidents affecting a matched resident’s current unit when the call started (not ended since).',
  })
  activeIncidents(@Root() call: Call, @Ctx() ctx: RequestContext): Promise<Incident[]> {
    return ctx.loaders.batched('Call.activeIncidents', activeIncidentsOfCalls).load(call.id);
  }
}

@Resolver(() => ServiceRequest)
export class RequestIncidentResolver {
  @FieldResolver(() => Incident, { nullable: true, description: 'The incident it joined (it shares its work order).' })
  incident(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Incident | null | Promise<Incident | null> {
    return ctx.loaders.loadOptional(Incident, request.incident);
  }
}

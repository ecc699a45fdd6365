import { Authorized, Resolver, Root, Subscription } from 'type-graphql';
import { OutboxTopic } from '../monitoring/outbox/outbox-event.entity';
import { Incident } from './incident.entity';

/**
 * The desk's live feed of incidents: fed only from the outbox after the change's transaction
 * commits; gateway/http/graphql-ws.ts hands each event only to subscribers who may see its site.
 */
@Resolver()
export class IncidentSubscriptionsResolver {
  @Authorized()
  @Subscription(() => Incident, {
    topics: OutboxTopic.INCIDENT_CHANGED,
    description: 'An incident the subscriber may see opened, joined by another alert, started or ended.',
  })
  incidentChanged(@Root() incident: Incident): Incident {
    return incident;
  }
}

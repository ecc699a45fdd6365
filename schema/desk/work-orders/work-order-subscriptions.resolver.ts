import { Authorized, Resolver, Root, Subscription } from 'type-graphql';
import { OutboxTopic } from '../../monitoring/outbox/outbox-event.entity';
import { WorkOrder } from './work-order.entity';

/**
 * The service desk's live feed (service-desk contract `WorkOrderChanged`). Fed only from the
 * outbox (schema/monitoring/outbox/outbox.relay.ts) after the change's transaction commits;
 * gateway/http/graphql-ws.ts hands each event only to subscribers who may see its site.
 */
@Resolver()
export class WorkOrderSubscriptionsResolver {
  @Authorized()
  @Subscription(() => WorkOrder, {
    topics: OutboxTopic.WORK_ORDER_CHANGED,
    description: 'Every transition, assignment and escalation of a work order the subscriber may see.',
  })
  workOrderChanged(@Root() workOrder: WorkOrder): WorkOrder {
    return workOrder;
  }
}

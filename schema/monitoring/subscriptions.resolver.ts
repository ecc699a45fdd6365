import { Authorized, Resolver, Root, Subscription } from 'type-graphql';
import { WorkOrder } from '../desk/work-orders/work-order.entity';
import { Alert } from './alerts/alert.entity';
import { OutboxTopic } from './outbox/outbox-event.entity';

/**
 * The monitoring desk's live feed (test/contract-operations.graphql subscriptions). Events come from the
 * outbox relay after their transaction commits; the payload is already loaded, so each
 * subscriber only serialises it. The token is checked when the WebSocket connects.
 */
@Resolver()
export class MonitoringSubscriptionsResolver {
  @Authorized()
  @Subscription(() => Alert, { topics: OutboxTopic.ALERT_RAISED, description: 'A new alert episode.' })
  alertRaised(@Root() alert: Alert): Alert {
    return alert;
  }

  @Authorized()
  @Subscription(() => Alert, {
    topics: OutboxTopic.ALERT_CHANGED,
    description: 'A change of an existing alert: repeated, acknowledged, cleared.',
  })
  alertChanged(@Root() alert: Alert): Alert {
    return alert;
  }

  @Authorized()
  @Subscription(() => WorkOrder, { topics: OutboxTopic.WORK_ORDER_OPENED, description: 'A new work order.' })
  workOrderOpened(@Root() workOrder: WorkOrder): WorkOrder {
    return workOrder;
  }
}

import type { MikroORM } from '@mikro-orm/postgresql';
import { WorkOrder } from '../../desk/work-orders/work-order.entity';
import { Alert } from '../alerts/alert.entity';
import { OutboxEvent, OutboxTopic } from './outbox-event.entity';

export type Publish = (topic: OutboxTopic, payload: Alert | WorkOrder) => void;

export interface OutboxRelayOptions {
  /** a sweep for events left by a crash between commit and publish */
  sweepIntervalMs: number;
  /** events per drain query */
  batchSize: number;
}

/**
 * Publishes committed outbox events to the subscription PubSub, in commit order, then marks
 * them published. At-least-once: a crash after publishing re-publishes on restart, so
 * subscribers treat events as idempotent updates of an alert or work order by id.
 * The payload is the entity loaded once with everything the contract's subscriptions
 * select, so thousands of subscribers cost no query each.
 */
export class OutboxRelay {
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly publish: Publish,
    private readonly onError: (error: unknown) => void,
    private readonly options: OutboxRelayOptions = { sweepIntervalMs: 2000, batchSize: 200 },
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.sweepIntervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
  }

  /** Ask for a drain; drains never overlap, and a kick during one schedules another. */
  kick(): void {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drainUntilEmpty()
      .catch(this.onError)
      .finally(() => {
        this.draining = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no drain is running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drainUntilEmpty(): Promise<void> {
    while ((await this.drainOnce()) === this.options.batchSize);
  }

  private async drainOnce(): Promise<number> {
    const em = this.orm.em.fork();
    const events = await em.find(
      OutboxEvent,
      { publishedAt: null },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: this.options.batchSize },
    );
    if (events.length === 0) return 0;
    const alertIds = events.filter((e) => e.topic !== OutboxTopic.WORK_ORDER_OPENED).map((e) => e.subjectId);
    const workOrderIds = events.filter((e) => e.topic === OutboxTopic.WORK_ORDER_OPENED).map((e) => e.subjectId);
    const alerts = alertIds.length
      ? await em.find(
          Alert,
          { id: { $in: alertIds } },
          { populate: ['equipment', 'workOrder.emergencyPlan', 'acknowledgedBy'] },
        )
      : [];
    const workOrders = workOrderIds.length
      ? await em.find(WorkOrder, { id: { $in: workOrderIds } }, { populate: ['alert', 'equipment', 'emergencyPlan'] })
      : [];
    const byId = new Map<string, Alert | WorkOrder>([...alerts, ...workOrders].map((entity) => [entity.id, entity]));
    for (const event of events) {
      const subject = byId.get(event.subjectId);
      if (subject) this.publish(event.topic, subject);
    }
    await em.nativeUpdate(OutboxEvent, { id: { $in: events.map((e) => e.id) } }, { publishedAt: new Date() });
    return events.length;
  }
}

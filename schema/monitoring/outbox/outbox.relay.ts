import type { MikroORM } from '@mikro-orm/postgresql';
import { WorkOrder } from '../../desk/work-orders/work-order.entity';
import { Alert } from '../alerts/alert.entity';
import { ALERT_PAYLOAD } from '../alerts/alert-payload';
import { OutboxEvent, OutboxTopic } from './outbox-event.entity';

export type Publish = (topic: OutboxTopic, payload: Alert | WorkOrder) => void;

/** A committed outbox row and the entity it is about, loaded as the subscriptions need it. */
export interface PublishedEvent {
  event: OutboxEvent;
  subject: Alert | WorkOrder;
}

export interface OutboxRelayOptions {
  /** how often to look for events nobody published (a crash between commit and publish) */
  sweepIntervalMs: number;
  /** an event this old and still unpublished is the sweep's; younger ones are being published */
  sweepGraceMs: number;
  /** events per sweep query */
  batchSize: number;
}

/**
 * Publishes committed outbox events to the subscription PubSub, then marks them published.
 * The normal path is `publishCommitted` right after the commit, with the entities the
 * transaction loaded: no query between a fault and the desk. The sweep publishes what a crash
 * left behind. At-least-once: subscribers treat events as updates of an alert or work order by
 * id. Every payload is loaded once, so thousands of subscribers cost no query each.
 */
export class OutboxRelay {
  private sweeping: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly publish: Publish,
    private readonly onError: (error: unknown) => void,
    private readonly options: OutboxRelayOptions = { sweepIntervalMs: 5000, sweepGraceMs: 10_000, batchSize: 200 },
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sweep(), this.options.sweepIntervalMs);
    this.timer.unref();
    this.sweep();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
  }

  /** Publish events whose transaction has committed, in order; never throws (the sweep retries). */
  async publishCommitted(events: PublishedEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const { event, subject } of events) this.publish(event.topic, subject);
    try {
      await this.markPublished(events.map(({ event }) => event.id));
    } catch (error) {
      this.onError(error);
    }
  }

  /** Resolves when no sweep is running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.sweeping) await this.sweeping;
  }

  private sweep(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweepUntilEmpty()
      .catch(this.onError)
      .finally(() => (this.sweeping = null));
  }

  private async sweepUntilEmpty(): Promise<void> {
    while ((await this.sweepOnce()) === this.options.batchSize);
  }

  private async sweepOnce(): Promise<number> {
    const em = this.orm.em.fork();
    const events = await em.find(
      OutboxEvent,
      { publishedAt: null, createdAt: { $lt: new Date(Date.now() - this.options.sweepGraceMs) } },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: this.options.batchSize },
    );
    if (events.length === 0) return 0;
    const ids = (topic: 'alert' | 'workOrder') =>
      events
        .filter((e) => (e.topic === OutboxTopic.WORK_ORDER_OPENED) === (topic === 'workOrder'))
        .map((e) => e.subjectId);
    const alertIds = ids('alert');
    const workOrderIds = ids('workOrder');
    const alerts = alertIds.length ? await em.find(Alert, { id: { $in: alertIds } }, { populate: ALERT_PAYLOAD }) : [];
    const workOrders = workOrderIds.length
      ? await em.find(
          WorkOrder,
          { id: { $in: workOrderIds } },
          { populate: ['alert', 'equipment.building', 'emergencyPlan'] },
        )
      : [];
    const byId = new Map<string, Alert | WorkOrder>([...alerts, ...workOrders].map((entity) => [entity.id, entity]));
    for (const event of events) {
      const subject = byId.get(event.subjectId);
      if (subject) this.publish(event.topic, subject);
    }
    await this.markPublished(events.map((e) => e.id));
    return events.length;
  }

  private async markPublished(ids: string[]): Promise<void> {
    await this.orm.em.fork().nativeUpdate(OutboxEvent, { id: { $in: ids } }, { publishedAt: new Date() });
  }
}

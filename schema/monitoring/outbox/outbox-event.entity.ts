import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '../../common/ids';

/** The subscription topics the outbox feeds (test/contract-operations.graphql subscriptions, and the service desk's). */
export enum OutboxTopic {
  ALERT_RAISED = 'ALERT_RAISED',
  ALERT_CHANGED = 'ALERT_CHANGED',
  WORK_ORDER_OPENED = 'WORK_ORDER_OPENED',
  /** a transition, an assignment, an escalation or a note of a work order (service-desk contract) */
  WORK_ORDER_CHANGED = 'WORK_ORDER_CHANGED',
  /** an incident opened, joined by another alert, activated or ended (incidents contract) */
  INCIDENT_CHANGED = 'INCIDENT_CHANGED',
}

/**
 * Transactional outbox: events are written in the same transaction as the change they
 * describe and published only after it commits, so a subscriber never sees an alert that
 * was rolled back, and a crash between commit and publish loses nothing (the relay's sweep
 * publishes what is left). An insert trigger announces the new ids to the other instances
 * at commit (outbox-notification.ts). `created_at` is indexed for the catch-up of an
 * instance that could not listen for a while, and for retention.
 */
@Entity({ tableName: 'outbox_event' })
@Index({
  name: 'outbox_event_unpublished',
  expression: 'create index "outbox_event_unpublished" on "outbox_event" ("created_at") where "published_at" is null',
})
export class OutboxEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 32 })
  topic!: OutboxTopic;

  /** the id of the alert or work order the event is about */
  @Property({ type: 'uuid' })
  subjectId!: string;

  @Property({ type: 'datetime', index: 'outbox_event_created_at' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;
}

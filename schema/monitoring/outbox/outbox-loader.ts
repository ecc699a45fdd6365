import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkOrder } from '../../desk/work-orders/work-order.entity';
import { WORK_ORDER_PAYLOAD } from '../../desk/work-orders/work-order-payload';
import { Incident } from '../../incidents/incident.entity';
import { Alert } from '../alerts/alert.entity';
import { ALERT_PAYLOAD } from '../alerts/alert-payload';
import { OutboxEvent, OutboxTopic } from './outbox-event.entity';
import type { PublishedEvent } from './outbox.relay';

/**
 * The subjects of outbox rows, loaded as the subscriptions need them: one query per kind
 * whatever the number of rows, so every payload is loaded once for all subscribers. Keeps
 * the rows' order; a row whose subject is gone is left out.
 */
export async function loadPublishedEvents(em: EntityManager, events: OutboxEvent[]): Promise<PublishedEvent[]> {
  if (events.length === 0) return [];
  const isWorkOrder = (e: OutboxEvent) =>
    e.topic === OutboxTopic.WORK_ORDER_OPENED || e.topic === OutboxTopic.WORK_ORDER_CHANGED;
  const isIncident = (e: OutboxEvent) => e.topic === OutboxTopic.INCIDENT_CHANGED;
  const alertIds = [...new Set(events.filter((e) => !isWorkOrder(e) && !isIncident(e)).map((e) => e.subjectId))];
  const incidentIds = [...new Set(events.filter(isIncident).map((e) => e.subjectId))];
  const workOrderIds = [...new Set(events.filter(isWorkOrder).map((e) => e.subjectId))];
  const alerts = alertIds.length
    ? await em.find(Alert, { id: { $in: alertIds } }, { populate: ALERT_PAYLOAD, refresh: true })
    : [];
  const workOrders = workOrderIds.length
    ? await em.find(WorkOrder, { id: { $in: workOrderIds } }, { populate: WORK_ORDER_PAYLOAD, refresh: true })
    : [];
  const incidents = incidentIds.length
    ? await em.find(Incident, { id: { $in: incidentIds } }, { refresh: true, filters: false })
    : [];
  const byId = new Map<string, Alert | WorkOrder | Incident>(
    [...alerts, ...workOrders, ...incidents].map((entity) => [entity.id, entity]),
  );
  const loaded: PublishedEvent[] = [];
  for (const event of events) {
    const subject = byId.get(event.subjectId);
    if (subject) loaded.push({ event, subject });
  }
  return loaded;
}

/** Rows in outbox order: creation time, then id (ids are random: the order within a millisecond is arbitrary). */
export function byOutboxOrder(a: OutboxEvent, b: OutboxEvent): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

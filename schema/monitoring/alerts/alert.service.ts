import { ref, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { FaultEvent } from '../../../devices/faults/fault-types';
import { AppError } from '../../common/app-error';
import { findPage, type Page } from '../../common/connection';
import type { ReadCache } from '../../common/read-cache';
import { newId } from '../../common/ids';
import type { Caller } from '../../context';
import { WorkOrderService } from '../../desk/work-orders/work-order.service';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { Staff } from '../../staff/staff.entity';
import { OutboxEvent, OutboxTopic } from '../outbox/outbox-event.entity';
import type { OutboxRelay, PublishedEvent } from '../outbox/outbox.relay';
import { Alert } from './alert.entity';
import { ALERT_PAYLOAD } from './alert-payload';
import type { AlertFilter } from './alert.inputs';
import { AlertStatus, statusAfterAck } from './alert-status.enum';

/**
 * Turns the detector's transitions into alert episodes, work orders and outbox events,
 * in one PostgreSQL transaction per batch (ARCHITECTURE "The one flow that matters most").
 * The events are published right after the commit, from the entities the transaction
 * already holds; the outbox rows cover a crash in between.
 */
export class AlertService {
  constructor(
    private readonly orm: MikroORM,
    private readonly workOrders: WorkOrderService,
    private readonly relay: OutboxRelay,
    /** pages of `list`; the gateway empties it on every published event */
    private readonly pages: ReadCache<Page<Alert>>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * A page of alerts, most severe first, then newest. Equipment (with its building) and work
   * order (with its plan) are joined into the same statement: one statement a page, two when
   * it is full and needs a count, whatever its size, and none while the page is cached.
   */
  list(filter: AlertFilter, page: { first: number; offset: number }): Promise<Page<Alert>> {
    const where: FilterQuery<Alert> = {};
    if (filter.active === true) where.clearedAt = null;
    if (filter.active === false) where.clearedAt = { $ne: null };
    if (filter.status?.length) where.status = { $in: filter.status };
    if (filter.severity?.length) where.severity = { $in: filter.severity };
    if (filter.equipmentId) where.equipment = filter.equipmentId;
    const key = JSON.stringify([where, page.first, page.offset]);
    return this.pages.get(key, () =>
      findPage(this.orm.em.fork(), Alert, where, page, {
        // severity is a PostgreSQL enum declared critical → warning, so it sorts by rank
        orderBy: { severity: 'asc', raisedAt: 'desc', id: 'asc' },
        populate: ['equipment.building', 'workOrder.emergencyPlan'],
      }),
    );
  }

  async apply(events: FaultEvent[]): Promise<void> {
    if (events.length === 0) return;
    const outbox: PublishedEvent[] = [];
    await this.orm.em.fork().transactional(async (em) => {
      for (const event of events) {
        if (event.type === 'raise') await this.raise(em, event, outbox);
        else await this.clear(em, event, outbox);
      }
      await em.flush();
    });
    await this.relay.publishCommitted(outbox);
  }

  /**
   * Upsert the episode: the partial unique index `alert_one_active_per_fault` decides
   * whether this is a new episode (insert → open its work order) or a repeat (occurrences + 1).
   */
  private async raise(em: EntityManager, event: FaultEvent, outbox: PublishedEvent[]): Promise<void> {
    const at = new Date(event.at);
    const [row] = await em.execute<Array<Record<string, unknown> & { id: string; inserted: boolean }>>(
      `insert into alert (id, equipment_id, device_id, fault_code, severity, status, raised_at, last_raised_at,
                          occurrences, message, metric, last_value)
       values (?, ?, (select id from device where device_id = ?), ?, ?::severity, ?::alert_status, ?, ?, 1, ?, ?, ?)
       on conflict (equipment_id, fault_code) where cleared_at is null
       do update set occurrences = alert.occurrences + 1, last_raised_at = excluded.last_raised_at,
                     message = excluded.message, metric = excluded.metric, last_value = excluded.last_value
       returning *, (xmax = 0) as inserted`,
      [
        newId(),
        event.equipmentId,
        event.deviceId,
        event.faultCode,
        event.severity,
        AlertStatus.ACTIVE_UNACK,
        at,
        at,
        event.message,
        event.metric ?? null,
        event.value ?? null,
      ],
    );
    if (!row.inserted) {
      await this.changed(em, [row.id], outbox);
      return;
    }
    const { inserted: _inserted, ...columns } = row;
    const alert = em.map(Alert, columns);
    const equipment = await em.findOneOrFail(Equipment, { id: event.equipmentId }, { populate: ['building'] });
    const workOrder = await this.workOrders.openForAlert(em, alert, equipment, this.now());
    alert.workOrder = ref(workOrder);
    outbox.push(this.record(em, OutboxTopic.ALERT_RAISED, alert));
    outbox.push(this.record(em, OutboxTopic.WORK_ORDER_OPENED, workOrder));
  }

  private async clear(em: EntityManager, event: FaultEvent, outbox: PublishedEvent[]): Promise<void> {
    const rows = await em.execute<Array<{ id: string }>>(
      `update alert set cleared_at = ?,
              status = (case when status = ?::alert_status then ? else ? end)::alert_status
       where equipment_id = ? and fault_code = ? and cleared_at is null
       returning id`,
      [
        new Date(event.at),
        AlertStatus.ACTIVE_UNACK,
        AlertStatus.CLEARED_UNACK,
        AlertStatus.CLEARED,
        event.equipmentId,
        event.faultCode,
      ],
    );
    if (rows.length > 0)
      await this.changed(
        em,
        rows.map((r) => r.id),
        outbox,
      );
  }

  /** ALERT_CHANGED for rows changed by SQL: load them as the subscriptions need them. */
  private async changed(em: EntityManager, ids: string[], outbox: PublishedEvent[]): Promise<void> {
    const alerts = await em.find(Alert, { id: { $in: ids } }, { populate: ALERT_PAYLOAD, refresh: true });
    for (const alert of alerts) outbox.push(this.record(em, OutboxTopic.ALERT_CHANGED, alert));
  }

  private record(em: EntityManager, topic: OutboxTopic, subject: PublishedEvent['subject']): PublishedEvent {
    const event = em.create(OutboxEvent, { topic, subjectId: subject.id });
    return { event, subject };
  }

  /** operations.graphql `AcknowledgeAlert`: records who and when; acknowledging twice changes nothing. */
  async acknowledge(em: EntityManager, id: string, caller: Caller, note: string | null): Promise<Alert> {
    const outbox: PublishedEvent[] = [];
    const alert = await em.transactional(async (tx) => {
      const found = await tx.findOne(Alert, { id }, { populate: ALERT_PAYLOAD });
      if (!found) throw AppError.notFound('Alert', id);
      const next = statusAfterAck(found.status);
      if (next === found.status) return found;
      found.status = next;
      found.acknowledgedAt = this.now();
      found.acknowledgedBy = ref(await tx.findOneOrFail(Staff, { id: caller.staffId }));
      found.ackNote = note;
      outbox.push(this.record(tx, OutboxTopic.ALERT_CHANGED, found));
      return found;
    });
    await this.relay.publishCommitted(outbox);
    return alert;
  }

  /** Uncleared episodes, so a restarted detector starts in the raised state and does not raise twice. */
  async activeFaults(): Promise<Array<{ deviceId: string; faultCode: string }>> {
    return this.orm.em.fork().execute<Array<{ deviceId: string; faultCode: string }>>(
      `select d.device_id as "deviceId", a.fault_code as "faultCode"
       from alert a join device d on d.id = a.device_id where a.cleared_at is null`,
    );
  }
}

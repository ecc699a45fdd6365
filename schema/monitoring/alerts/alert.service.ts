import { LockMode, ref, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { FaultEvent } from '../../../devices/faults/fault-types';
import type { AuditLog } from '../../audit/audit-log.service';
import { auditSnapshot } from '../../audit/audit-snapshot';
import { AppError } from '../../common/app-error';
import { findPage, type Page, type PageRequest } from '../../common/connection';
import { newId } from '../../common/ids';
import type { Caller } from '../../context';
import { WorkOrderService } from '../../desk/work-orders/work-order.service';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import type { IncidentsFromAlerts } from '../../incidents/incident-from-alerts';
import { OutboxEvent, OutboxTopic } from '../outbox/outbox-event.entity';
import type { OutboxRelay, PublishedEvent } from '../outbox/outbox.relay';
import { Alert } from './alert.entity';
import { alertStatusCaseSql, alertStatusListSql } from './alert-lifecycle';
import { ALERT_PAYLOAD } from './alert-payload';
import type { AlertFilter } from './alert.inputs';
import { AlertStatus } from './alert-status.enum';

type Row = Record<string, unknown> & { id: string };

/**
 * Turns the detector's transitions into alert episodes, work orders and outbox events,
 * in one PostgreSQL transaction per batch (README "Architecture in a page").
 *
 * Every change of an alert is one conditional statement (an upsert or an `update … where`
 * that re-checks the state it moves from), so a clear and an acknowledgement racing on two
 * connections both apply and never overwrite each other: PostgreSQL re-evaluates the
 * condition and the `case` on the row the other one committed. Status moves come from the
 * one table in alert-lifecycle.ts. Every statement bumps `version`.
 *
 * The events are published right after the commit, from the entities the transaction
 * already holds; the outbox rows cover a crash in between.
 */
export class AlertService {
  constructor(
    private readonly orm: MikroORM,
    private readonly workOrders: WorkOrderService,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
    /** opens, joins and ends incidents in the same transaction (schema/incidents/incident-from-alerts.ts) */
    private readonly incidents: IncidentsFromAlerts | null = null,
  ) {}

  /**
   * A page of alerts, most severe first, then newest. Equipment (with its building) and work
   * order (with its plan) are joined into the same statement: one statement a page, two when
   * it is full and needs a count, whatever its size. (The desk's overview answers are cached
   * whole in the gateway, emptied by every published event.) `em` is the request's: scoped to
   * the caller's sites (schema/estate/site-scope.ts), and off the alert path's connections.
   */
  list(em: EntityManager, filter: AlertFilter, page: PageRequest): Promise<Page<Alert>> {
    const where: FilterQuery<Alert> = {};
    if (filter.active === true) where.clearedAt = null;
    if (filter.active === false) where.clearedAt = { $ne: null };
    if (filter.status?.length) where.status = { $in: filter.status };
    if (filter.severity?.length) where.severity = { $in: filter.severity };
    if (filter.equipmentId) where.equipment = filter.equipmentId;
    return findPage(em, Alert, where, page, {
      // severity is a PostgreSQL enum declared critical → warning, so it sorts by rank
      orderBy: { severity: 'asc', raisedAt: 'desc', id: 'asc' },
      populate: ['equipment.building', 'workOrder.emergencyPlan'],
    });
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
   * whether this is a new episode (insert → open its work order) or a repeat (occurrences + 1,
   * the device joins `sources`).
   */
  private async raise(em: EntityManager, event: FaultEvent, outbox: PublishedEvent[]): Promise<void> {
    const at = new Date(event.at);
    const [row] = await em.execute<Array<Row & { inserted: boolean }>>(
      `insert into alert (id, equipment_id, device_id, fault_code, severity, status, raised_at, last_raised_at,
                          occurrences, message, metric, last_value, sources, version)
       values (?, ?, (select id from device where device_id = ?), ?, ?::severity, ?::alert_status, ?, ?, 1, ?, ?, ?,
               array[?]::text[], 1)
       on conflict (equipment_id, fault_code) where cleared_at is null
       do update set occurrences = alert.occurrences + 1, last_raised_at = excluded.last_raised_at,
                     message = excluded.message, metric = excluded.metric, last_value = excluded.last_value,
                     sources = case when excluded.sources[1] = any(alert.sources) then alert.sources
                                    else alert.sources || excluded.sources end,
                     version = alert.version + 1
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
        event.deviceId,
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
    const incident = await this.incidents?.alertRaised(em, alert, equipment, workOrder);
    if (incident) outbox.push(incident);
  }

  /**
   * The device no longer raises the fault: it leaves `sources`; the episode clears (status by
   * alert-lifecycle.ts) only when no device of the equipment raises it any more. A clear from a
   * device that is not a source changes nothing.
   */
  private async clear(em: EntityManager, event: FaultEvent, outbox: PublishedEvent[]): Promise<void> {
    const rows = await em.execute<Array<Row & { cleared: boolean }>>(
      `update alert set
              sources = array_remove(sources, ?),
              cleared_at = case when cardinality(array_remove(sources, ?)) = 0 then ?::timestamptz end,
              status = case when cardinality(array_remove(sources, ?)) = 0 then ${alertStatusCaseSql('clear')}
                            else status end,
              version = version + 1
       where equipment_id = ? and fault_code = ? and cleared_at is null and ? = any(sources)
       returning id, (cleared_at is not null) as cleared`,
      [
        event.deviceId,
        event.deviceId,
        new Date(event.at),
        event.deviceId,
        event.equipmentId,
        event.faultCode,
        event.deviceId,
      ],
    );
    const cleared = rows.filter((r) => r.cleared).map((r) => r.id);
    if (cleared.length === 0) return;
    // a work order nobody was dispatched to says that its alert cleared (issue 8), in this transaction
    for (const workOrder of await this.workOrders.noteAlertCleared(em, cleared, new Date(event.at))) {
      outbox.push(this.record(em, OutboxTopic.WORK_ORDER_CHANGED, workOrder));
    }
    await this.changed(em, cleared, outbox);
    outbox.push(...((await this.incidents?.endWhenDone(em, { alertIds: cleared })) ?? []));
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

  /**
   * `AcknowledgeAlert` (test/contract-operations.graphql): records who, when and why, in one
   * conditional statement, so a clear committed meanwhile is kept (ACTIVE_UNACK → CLEARED_UNACK
   * → CLEARED, never a cleared alert left ACTIVE_ACK). Acknowledging twice changes nothing.
   * With `expectedVersion`, a row changed since the caller read it is a CONFLICT.
   *
   * The row is locked first so that the audit row's `before` is exactly what the statement
   * changed; a clear arriving meanwhile waits for the commit and then applies to our row,
   * as it would have waited for the update's own row lock.
   */
  async acknowledge(
    em: EntityManager,
    id: string,
    caller: Caller,
    note: string | null,
    expectedVersion: number | null = null,
  ): Promise<Alert> {
    const outbox: PublishedEvent[] = [];
    const alert = await em.transactional(async (tx) => {
      // The caller's unit of work is site-scoped: an alert of another site is not found here. The
      // lock is taken without the scope's joins (PostgreSQL cannot lock the nullable side of one).
      if ((await tx.count(Alert, { id })) === 0) throw AppError.notFound('Alert', id);
      const locked = await tx.findOneOrFail(
        Alert,
        { id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, filters: false },
      );
      const before = auditSnapshot(locked);
      const rows = await tx.execute<Row[]>(
        `update alert set status = ${alertStatusCaseSql('acknowledge')},
                acknowledged_at = ?, acknowledged_by_id = ?, ack_note = ?, version = version + 1
         where id = ? and status in (${alertStatusListSql('acknowledge')}) and (?::int is null or version = ?::int)
         returning id`,
        [this.now(), caller.staffId, note, id, expectedVersion, expectedVersion],
      );
      const found = await tx.findOne(Alert, { id }, { populate: ALERT_PAYLOAD, refresh: true });
      if (!found) throw AppError.notFound('Alert', id);
      if (rows.length === 0) {
        if (expectedVersion !== null && found.version !== expectedVersion) {
          throw AppError.conflict(`Alert ${id} changed since version ${expectedVersion}`, { version: found.version });
        }
        return found; // already acknowledged: nothing to do
      }
      outbox.push(this.record(tx, OutboxTopic.ALERT_CHANGED, found));
      this.audit.record(tx, caller, {
        action: 'alert.acknowledge',
        entityType: 'Alert',
        entityId: id,
        before,
        after: auditSnapshot(found),
      });
      return found;
    });
    await this.relay.publishCommitted(outbox);
    return alert;
  }

  /**
   * Every device that raises an uncleared episode, so a restarted detector starts in the raised
   * state for exactly those devices and neither raises twice nor misses a clear.
   */
  async activeFaults(): Promise<Array<{ deviceId: string; faultCode: string }>> {
    return this.orm.em.fork().execute<Array<{ deviceId: string; faultCode: string }>>(
      `select s.device_id as "deviceId", a.fault_code as "faultCode"
       from alert a cross join unnest(a.sources) as s(device_id) where a.cleared_at is null`,
    );
  }
}

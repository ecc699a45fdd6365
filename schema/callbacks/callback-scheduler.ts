import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkOrder } from '../desk/work-orders/work-order.entity';
import type { Incident } from '../incidents/incident.entity';
import type { IncidentListener } from '../incidents/incident-listener';
import { cancelForMoveOut } from './callback-cancel';
import { scheduleMoveIns, type MoveIn } from './callback-move-ins';
import { DEFAULT_CALLBACK_TIMING, estateHourAfter, type CallbackTiming } from './callback-timing';

/** The insert every source shares: a DUE callback per selected resident, none twice (`callback_one_open`). */
const INSERT_FROM = `insert into "callback"
  ("id", "version", "reason", "status", "due_at", "first_due_at", "attempts", "resident_id", "work_order_id",
   "incident_id", "site_id", "created_at")
  select gen_random_uuid(), 1, s.reason::callback_reason, 'DUE', ?, ?, 0, s.resident_id, ?::uuid, ?::uuid, s.site_id, ?
  from (`;
const ON_CONFLICT = `) s on conflict do nothing`;

/**
 * Schedules callbacks (回访) from the platform's events, inside the transaction of the event
 * itself (a work order resolved, an incident ended, a move-in at the desk or by an import):
 * the callback exists exactly when the event does; a move-out out of the last unit cancels the
 * resident's open ones (callback-cancel.ts). Each insert skips a resident who already has the same open callback, so
 * an event processed twice never doubles it. The monthly sample is
 * schema/callbacks/periodic-callback.job.ts.
 */
export class CallbackScheduler implements IncidentListener {
  constructor(private readonly timing: CallbackTiming = DEFAULT_CALLBACK_TIMING) {}

  /** When an event at `at` is called back: the configured estate hour, `delayDays` later. */
  dueAfter(at: Date): Date {
    return estateHourAfter(at, this.timing.delayDays, this.timing.hour);
  }

  /**
   * A work order opened from a request of a known resident was resolved: call them back (a
   * complaint's callback is the COMPLAINT one). Alert work orders have no resident; the
   * residents an incident touched are called when it ends.
   */
  async workOrderResolved(em: EntityManager, workOrder: WorkOrder, at: Date): Promise<number> {
    if (!workOrder.serviceRequest) return 0;
    const due = this.dueAfter(at);
    return this.insert(
      em,
      `select r.resident_id, w.site_id,
              case when r.category = 'COMPLAINT' then 'COMPLAINT' else 'WORK_ORDER_RESOLVED' end as reason
       from service_request r join work_order w on w.service_request_id = r.id
       where w.id = ? and r.resident_id is not null`,
      [workOrder.id],
      { due, workOrderId: workOrder.id, incidentId: null, at },
    );
  }

  /**
   * `IncidentListener.incidentEnded`: every resident who called about the incident (calls
   * linked in `call_incident`, their matched residents) or filed a request against it gets an
   * INCIDENT_ENDED callback about the incident's work order.
   */
  async incidentEnded(em: EntityManager, incident: Incident, now: Date): Promise<void> {
    await this.insert(
      em,
      `select distinct x.resident_id, i.site_id, 'INCIDENT_ENDED' as reason
       from incident i
       join (select ci.incident_id, cr.resident_id from call_incident ci join call_resident cr on cr.call_id = ci.call_id
             union select sr.incident_id, sr.resident_id from service_request sr where sr.resident_id is not null) x
         on x.incident_id = i.id
       where i.id = ?`,
      [incident.id],
      { due: this.dueAfter(now), workOrderId: incident.workOrder?.id ?? null, incidentId: incident.id, at: now },
    );
  }

  /** A move-in at the desk (registerResident): the NEW_RESIDENT rule of callback-move-ins.ts. */
  residentMovedIn(em: EntityManager, residentId: string, unitId: string, since: string, at: Date): Promise<number> {
    return scheduleMoveIns(em, [{ resident_id: residentId, unit_id: unitId, since }], at, this.timing);
  }

  /** The occupancies of an import (importResidents): the same rule, one statement for all of them. */
  residentsMovedIn(em: EntityManager, moveIns: readonly MoveIn[], at: Date): Promise<number> {
    return scheduleMoveIns(em, moveIns, at, this.timing);
  }

  /** A move-out (moveOut): a resident left with no current home has their open callbacks cancelled. */
  residentMovedOut(em: EntityManager, residentId: string, until: string, at: Date): Promise<number> {
    return cancelForMoveOut(em, residentId, until, at);
  }

  /**
   * Inserts one DUE callback per row of `select` (resident_id, site_id, reason). Returns how
   * many were new.
   */
  async insert(
    em: EntityManager,
    select: string,
    params: unknown[],
    opts: { due: Date; workOrderId: string | null; incidentId: string | null; at: Date },
  ): Promise<number> {
    const result = await em.execute(
      INSERT_FROM + select + ON_CONFLICT,
      [opts.due, opts.due, opts.workOrderId, opts.incidentId, opts.at, ...params],
      'run',
    );
    return (result as { affectedRows?: number }).affectedRows ?? 0;
  }
}

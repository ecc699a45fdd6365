import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../common/app-error';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { Department } from '../../facilities/emergency-plans/department.enum';
import { EmergencyPlan } from '../../facilities/emergency-plans/emergency-plan.entity';
import type { Alert } from '../../monitoring/alerts/alert.entity';
import { RequestCategory } from '../../hotline/requests/service-request.enums';
import { Severity } from '../../monitoring/severity.enum';
import { WorkOrder } from './work-order.entity';
import { WorkOrderPriority, WorkOrderSource, WorkOrderStatus } from './work-order.enums';
import { workOrderNumber } from './work-order-number';
import { WORK_ORDER_PAYLOAD } from './work-order-payload';
import { recordOpening } from './work-order-history';
import { WorkOrderTransition } from './work-order-transition.entity';

/** The history note of a work order whose alert cleared while it was still OPEN. */
export const ALERT_CLEARED_NOTE = 'alert cleared before dispatch';

const PRIORITY_BY_SEVERITY: Record<Severity, WorkOrderPriority> = {
  [Severity.CRITICAL]: WorkOrderPriority.URGENT,
  [Severity.MAJOR]: WorkOrderPriority.HIGH,
  [Severity.MINOR]: WorkOrderPriority.NORMAL,
  [Severity.WARNING]: WorkOrderPriority.LOW,
};

/** A fault with no plan still gets a work order: engineering, within an hour, no steps. */
const FALLBACK_RESPONSE_MINUTES = 60;
/** …and a day to resolve it when no repair policy is set for its priority. */
const FALLBACK_RESOLVE_MINUTES = 24 * 60;

export class WorkOrderService {
  /**
   * Open the work order of a newly raised alert from its fault's emergency plan: steps
   * copied in, the plan's department, due = now + the plan's response time, source ALERT.
   * Runs inside the caller's transaction (the alert's), never on its own.
   */
  async openForAlert(em: EntityManager, alert: Alert, equipment: Equipment, now: Date): Promise<WorkOrder> {
    const plan = await em.findOne(EmergencyPlan, { faultCode: alert.faultCode });
    const responseMinutes = plan?.responseMinutes ?? FALLBACK_RESPONSE_MINUTES;
    const priority = PRIORITY_BY_SEVERITY[alert.severity];
    // the plan's response time; the repair policy of its priority for the resolution (never
    // sooner). The policy and the number in one statement: the desk waits on this transaction,
    // and under load every round trip waits its turn on the event loop.
    const [row] = await em.execute<Array<{ n: string; resolve_minutes: number | null }>>(
      `select nextval('work_order_number_seq') as n,
              (select resolve_minutes from sla_policy where category = ? and priority = ?) as resolve_minutes`,
      [RequestCategory.REPAIR, priority],
    );
    const respondBy = new Date(now.getTime() + responseMinutes * 60_000);
    const resolveMinutes = Math.max(row.resolve_minutes ?? FALLBACK_RESOLVE_MINUTES, responseMinutes);
    const workOrder = em.create(WorkOrder, {
      number: workOrderNumber(row.n, now),
      title: `${plan?.title ?? alert.faultCode} — ${equipment.code} ${equipment.name}`.slice(0, 200),
      priority,
      source: WorkOrderSource.ALERT,
      department: plan?.department ?? Department.ENGINEERING,
      dueAt: respondBy,
      respondBy,
      resolveBy: new Date(now.getTime() + resolveMinutes * 60_000),
      steps: (plan?.steps ?? []).map((step, index) => ({
        position: index + 1,
        text: step.text,
        textZh: step.textZh,
        done: false,
      })),
      alert,
      equipment,
      site: equipment.building.getEntity().site,
      emergencyPlan: plan ?? null,
      createdAt: now,
      updatedAt: now,
    });
    recordOpening(em, workOrder, now, null, `opened by alert ${alert.faultCode}`);
    return workOrder;
  }

  /**
   * The alerts `alertIds` cleared at `at`: their work orders still OPEN (nobody dispatched)
   * say so — `alertClearedAt`, a history note, status unchanged, never deleted — and are
   * returned, loaded for their WORK_ORDER_CHANGED events. One conditional statement, inside the
   * caller's transaction (the clear's): a dispatch committed meanwhile is re-checked by it.
   */
  async noteAlertCleared(em: EntityManager, alertIds: readonly string[], at: Date): Promise<WorkOrder[]> {
    if (alertIds.length === 0) return [];
    const rows = await em.execute<Array<{ id: string; last: Date | string | null }>>(
      `update work_order w set alert_cleared_at = ?, version = version + 1, updated_at = ?
       where alert_id in (${alertIds.map(() => '?').join(', ')}) and status = ? and alert_cleared_at is null
       returning id, (select max(t.at) from work_order_transition t where t.work_order_id = w.id) as last`,
      [at, at, ...alertIds, WorkOrderStatus.OPEN],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    for (const { id, last } of rows) {
      // the reading time of the clear may be earlier than the opening line (written at the
      // platform's now): the note still comes after it in the history
      const lastMs = last ? new Date(last).getTime() : -Infinity;
      em.create(WorkOrderTransition, {
        workOrder: em.getReference(WorkOrder, id),
        at: lastMs < at.getTime() ? at : new Date(lastMs + 1),
        from: WorkOrderStatus.OPEN,
        to: WorkOrderStatus.OPEN,
        by: null,
        note: ALERT_CLEARED_NOTE,
      });
    }
    return em.find(WorkOrder, { id: { $in: ids } }, { populate: WORK_ORDER_PAYLOAD, refresh: true, filters: false });
  }

  async get(em: EntityManager, id: string): Promise<WorkOrder> {
    const workOrder = await em.findOne(WorkOrder, { id });
    if (!workOrder) throw AppError.notFound('WorkOrder', id);
    return workOrder;
  }
}

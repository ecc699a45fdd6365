import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkOrderMoveHook } from '../desk/work-orders/work-order-move-hook';
import type { WorkOrder } from '../desk/work-orders/work-order.entity';
import { WorkOrderStatus } from '../desk/work-orders/work-order.enums';
import type { PublishedEvent } from '../monitoring/outbox/outbox.relay';
import { CallbackReason, CallbackStatus } from './callback.enums';

/**
 * Cancels the DUE callbacks `where` selects (a condition on `c`, the callback), in the caller's
 * transaction: CANCELLED with the time and reason, the version moved on (a stale recordCallback
 * is CONFLICT). A cancelled callback is not due (callbacks `due`, the handover's open items),
 * not done and not late (schema/kpis/kpi.sql.ts counts DONE ones only), and frees its
 * `callback_one_open` slot. Returns how many were cancelled.
 */
export async function cancelOpenCallbacks(
  em: EntityManager,
  where: string,
  params: unknown[],
  reason: string,
  at: Date,
): Promise<number> {
  const result = await em.execute(
    `update "callback" c set "status" = ?, "cancelled_at" = ?, "cancel_reason" = ?, "version" = c."version" + 1
      where c."status" = ? and ${where}`,
    [CallbackStatus.CANCELLED, at, reason, CallbackStatus.DUE, ...params],
    'run',
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}

/**
 * A resident who moved out of their last unit (no current occupancy left) is not called: their
 * open callbacks of every reason are cancelled in the move-out's transaction. A resident who
 * still lives in another unit keeps them.
 */
export function cancelForMoveOut(em: EntityManager, residentId: string, until: string, at: Date): Promise<number> {
  return cancelOpenCallbacks(
    em,
    `c."resident_id" = ? and not exists (select 1 from occupancy o where o.resident_id = ? and o.until is null)`,
    [residentId, residentId],
    `moved out on ${until}`,
    at,
  );
}

/** The reasons that ask about a work order's fix: a cancelled work order fixed nothing to ask about. */
const ABOUT_THE_FIX = [CallbackReason.WORK_ORDER_RESOLVED, CallbackReason.COMPLAINT];

/**
 * A work order CANCELLED (after a rework or a low score had sent it back, its callback still
 * open): its open WORK_ORDER_RESOLVED and COMPLAINT callbacks are cancelled in the move's
 * transaction. An INCIDENT_ENDED callback stays: the incident did end, and whether the supply
 * is back at the resident's home is still worth asking.
 */
export class CallbacksOfCancelledWorkOrder implements WorkOrderMoveHook {
  async afterMove(em: EntityManager, workOrder: WorkOrder, at: Date): Promise<PublishedEvent[]> {
    if (workOrder.status !== WorkOrderStatus.CANCELLED) return [];
    await cancelOpenCallbacks(
      em,
      `c."work_order_id" = ? and c."reason"::text in (?, ?)`,
      [workOrder.id, ...ABOUT_THE_FIX],
      `work order ${workOrder.number} cancelled`,
      at,
    );
    return [];
  }
}

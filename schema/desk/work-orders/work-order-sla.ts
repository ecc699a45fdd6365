import type { WorkOrder } from './work-order.entity';
import { WorkOrderStatus } from './work-order.enums';

type SlaFields = Pick<WorkOrder, 'status' | 'respondBy' | 'resolveBy' | 'respondedAt' | 'resolvedAt' | 'holdStartedAt'>;

/**
 * Whether a deadline has passed and was not met: respondBy passed with no response (first
 * IN_PROGRESS), or resolveBy passed with no resolution. ON_HOLD pauses the clock, so a work
 * order on hold is judged at the moment its hold began; a cancelled one is never overdue.
 * The SQL twin is `overdueSql` below — the `workOrders(filter: { overdue })` list and this
 * field must agree (test/integration/work-order-lifecycle.test.ts).
 */
export function isOverdue(workOrder: SlaFields, now: Date): boolean {
  if (workOrder.status === WorkOrderStatus.CANCELLED) return false;
  const at = workOrder.status === WorkOrderStatus.ON_HOLD && workOrder.holdStartedAt ? workOrder.holdStartedAt : now;
  const t = at.getTime();
  return (
    (workOrder.respondedAt === null && workOrder.respondBy.getTime() < t) ||
    (workOrder.resolvedAt === null && workOrder.resolveBy.getTime() < t)
  );
}

/**
 * `isOverdue` as an SQL condition on the `work_order` row aliased `alias`, with `?` for now.
 * The statuses are the enum's own constants, never input.
 */
export function overdueSql(alias: string): string {
  const at = `(case when ${alias}.status = '${WorkOrderStatus.ON_HOLD}' then coalesce(${alias}.hold_started_at, ?) else ? end)`;
  return (
    `(${alias}.status <> '${WorkOrderStatus.CANCELLED}' and (` +
    `(${alias}.responded_at is null and ${alias}.respond_by < ${at}) or ` +
    `(${alias}.resolved_at is null and ${alias}.resolve_by < ${at})))`
  );
}

/** The parameters of `overdueSql`, in order. */
export function overdueSqlParams(now: Date): Date[] {
  return [now, now, now, now];
}

/**
 * Leaving ON_HOLD: every deadline moves forward by the hold's length, so the time spent
 * waiting for the resident or parts does not count (the SLA clock paused).
 */
export function resumeClock(workOrder: WorkOrder, now: Date): void {
  if (!workOrder.holdStartedAt) return;
  const heldMs = Math.max(0, now.getTime() - workOrder.holdStartedAt.getTime());
  workOrder.respondBy = new Date(workOrder.respondBy.getTime() + heldMs);
  workOrder.resolveBy = new Date(workOrder.resolveBy.getTime() + heldMs);
  workOrder.dueAt = new Date(workOrder.dueAt.getTime() + heldMs);
  workOrder.holdStartedAt = null;
}

import { CallbackReason } from '../../schema/callbacks/callback.enums';
import { NotificationKind } from '../../schema/desk/notifications/notification.entity';
import type { Department } from '../../schema/facilities/emergency-plans/department.enum';
import {
  WorkOrderPriority,
  WorkOrderSource,
  WorkOrderStatus as S,
} from '../../schema/desk/work-orders/work-order.enums';
import { Role } from '../../schema/staff/role.enum';
import { planCallback, type CallbackOutcome } from './demo-year-callbacks';
import { addRow, newId, type DemoYear, type RowBucket } from './demo-year-context';
import {
  demoPath,
  DIRECT_CLOSED_PATH,
  lifeOf,
  REOPENED_CLOSED_PATH,
  type DemoLife,
  type DemoStep,
} from './demo-work-order-life';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const RECENT_MS = 17 * 24 * HOUR_MS;

export interface WorkOrderPlan {
  bucket: Extract<RowBucket, 'work_order' | 'work_order:incident'>;
  createdAt: Date;
  title: string;
  priority: WorkOrderPriority;
  source: WorkOrderSource;
  department: Department;
  respondMinutes: number;
  resolveMinutes: number;
  serviceRequestId: string | null;
  unitId: string | null;
  siteId: string | null;
  openedBy: string;
  openNote: string;
  /** the resident called back once it is resolved (none: no callback) */
  residentId: string | null;
  complaint: boolean;
  /** the resolution is fixed (an incident's work order is resolved when the supply is back) */
  resolvedAt?: Date;
}

export interface PlannedWorkOrder {
  id: string;
  status: S;
  finishedAt: Date | null;
  /** its first transition (to OPEN), whose note may name the request once numbered */
  opening: Record<string, unknown>;
}

/**
 * A work order of the year, finished: CLOSED (most; straight through, with a hold, or reopened
 * by a low callback score), VERIFIED (waiting for the supervisor's close) or CANCELLED — never
 * left open, so nothing of the year is overdue now. Responded and resolved mostly in time; the
 * late ones carry the escalation they would have had (level and notification).
 */
export function planWorkOrder(year: DemoYear, plan: WorkOrderPlan): PlannedWorkOrder {
  const random = year.random;
  const id = newId();
  const created = plan.createdAt.getTime();
  const r = random();
  const state = plan.resolvedAt ? S.CLOSED : r < 0.09 ? S.CANCELLED : r < 0.15 ? S.VERIFIED : S.CLOSED;
  let path: readonly DemoStep[];
  let times: number[];
  if (state === S.CANCELLED) {
    path = demoPath(S.CANCELLED);
    times = [created + (0.5 + random() * 20) * HOUR_MS];
  } else {
    // the year's last days: nothing whose life would run on into the week after it
    const recent = year.now.getTime() - created < RECENT_MS;
    const lateRespond = random() < 0.08;
    const lateResolve = random() < 0.12 && !recent;
    const respondAt =
      created + plan.respondMinutes * MINUTE_MS * (lateRespond ? 1.2 + random() * 2 : 0.2 + random() * 0.75);
    let resolveAt =
      plan.resolvedAt?.getTime() ??
      created + plan.resolveMinutes * MINUTE_MS * (lateResolve ? 1.1 + random() * 0.4 : 0.25 + random() * 0.65);
    resolveAt = Math.max(resolveAt, respondAt + 10 * MINUTE_MS);
    const held = !plan.resolvedAt && state === S.CLOSED && random() < 0.2;
    const first = planCallbackOf(year, plan, id, new Date(resolveAt), state === S.CLOSED && !recent);
    const reopened = first !== null && first.score !== null && first.score <= 2;
    path =
      state === S.VERIFIED
        ? demoPath(S.VERIFIED)
        : reopened
          ? REOPENED_CLOSED_PATH
          : held
            ? demoPath(S.CLOSED)
            : DIRECT_CLOSED_PATH;
    let verifiedAfter = first;
    times = spread(path, created, respondAt, resolveAt);
    let checkedAt = (first?.doneAt ?? first?.lastAttemptAt)?.getTime() ?? resolveAt + (18 + random() * 30) * HOUR_MS;
    if (reopened) {
      const reopenAt = checkedAt + 2 * MINUTE_MS;
      const fixedAt = reopenAt + (3 + random() * 17) * HOUR_MS;
      const second = planCallbackOf(year, plan, id, new Date(fixedAt), false);
      verifiedAfter = second;
      checkedAt = (second?.doneAt ?? second?.lastAttemptAt)?.getTime() ?? fixedAt + 20 * HOUR_MS;
      times.push(reopenAt, fixedAt);
      addRow(
        year,
        'notification',
        notification(id, NotificationKind.CALLBACK_LOW_SCORE, Role.HOTLINE_MANAGER, plan, new Date(reopenAt)),
      );
    }
    times.push(checkedAt + 2 * MINUTE_MS);
    if (state === S.CLOSED) times.push(checkedAt + (1 + random() * 20) * HOUR_MS);
    path = path.map(([to, by, note]): DemoStep => [to, by, to === S.VERIFIED ? verifyNote(verifiedAfter) : note]);
  }
  const life = lifeOf(path, times);
  const respondBy = new Date(created + plan.respondMinutes * MINUTE_MS);
  const resolveBy = new Date(created + plan.resolveMinutes * MINUTE_MS + life.pausedMs);
  const firstResolve = life.moves.find((m) => m.to === S.RESOLVED)?.at ?? null;
  const lateRespond = life.respondedAt !== null && life.respondedAt > respondBy;
  const lateResolve = firstResolve !== null && firstResolve > resolveBy;
  if (plan.complaint)
    addRow(
      year,
      'notification',
      notification(id, NotificationKind.COMPLAINT_FILED, Role.HOTLINE_MANAGER, plan, plan.createdAt),
    );
  if (lateRespond)
    addRow(year, 'notification', notification(id, NotificationKind.RESPONSE_OVERDUE, Role.SUPERVISOR, plan, respondBy));
  if (lateResolve)
    addRow(year, 'notification', notification(id, NotificationKind.RESOLUTION_OVERDUE, Role.MANAGER, plan, resolveBy));
  addRow(
    year,
    plan.bucket,
    workOrderRow(year, plan, id, state, life, { respondBy, resolveBy }, lateResolve ? 2 : lateRespond ? 1 : 0),
  );
  const opening = addRow(
    year,
    'work_order_transition',
    transition(id, plan.createdAt, null, S.OPEN, plan.openedBy, plan.openNote),
  );
  for (const move of life.moves)
    addRow(year, 'work_order_transition', transition(id, move.at, move.from, move.to, year.staff[move.by], move.note));
  return { id, status: state, finishedAt: life.finishedAt, opening };
}

/** Why the hotline manager verified it: what the callback (the last one) found, if there was one. */
function verifyNote(callback: CallbackOutcome | null): string {
  if (callback === null) return '已核实 Checked';
  if (callback.score === null) return '回访未接通，已核实 Callback unreachable: checked';
  return '回访满意 Callback: satisfied';
}

/** The callback after a resolution, when there is a resident to call. */
function planCallbackOf(
  year: DemoYear,
  plan: WorkOrderPlan,
  workOrderId: string,
  resolvedAt: Date,
  lowAllowed: boolean,
): CallbackOutcome | null {
  if (!plan.residentId) return null;
  return planCallback(year, {
    reason: plan.complaint ? CallbackReason.COMPLAINT : CallbackReason.WORK_ORDER_RESOLVED,
    residentId: plan.residentId,
    siteId: plan.siteId,
    workOrderId,
    after: resolvedAt,
    lowAllowed,
  });
}

/**
 * The times of the moves up to the (first) resolution: the moves before work starts between
 * opening and the response, those of the work between the response and the resolution.
 */
function spread(path: readonly DemoStep[], created: number, respondAt: number, resolveAt: number): number[] {
  const started = path.findIndex(([to]) => to === S.IN_PROGRESS);
  const resolved = path.findIndex(([to]) => to === S.RESOLVED);
  const times: number[] = [];
  for (let i = 0; i < started; i++) times.push(created + ((respondAt - created) * (i + 1)) / (started + 1));
  times.push(respondAt);
  for (let i = started + 1; i < resolved; i++)
    times.push(respondAt + ((resolveAt - respondAt) * (i - started)) / (resolved - started));
  times.push(resolveAt);
  return times;
}

function workOrderRow(
  year: DemoYear,
  plan: WorkOrderPlan,
  id: string,
  state: S,
  life: DemoLife,
  deadlines: { respondBy: Date; resolveBy: Date },
  escalationLevel: number,
): Record<string, unknown> {
  return {
    id,
    version: 1 + life.moves.length,
    number: null,
    title: plan.title.slice(0, 200),
    status: state,
    priority: plan.priority,
    source: plan.source,
    department: plan.department,
    due_at: deadlines.respondBy,
    respond_by: deadlines.respondBy,
    resolve_by: deadlines.resolveBy,
    responded_at: life.respondedAt,
    resolved_at: life.resolvedAt,
    hold_started_at: null,
    finished_at: life.finishedAt,
    escalation_level: escalationLevel,
    steps: '[]',
    service_request_id: plan.serviceRequestId,
    unit_id: plan.unitId,
    site_id: plan.siteId,
    assignee_id: state === S.CANCELLED ? null : year.staff.technician,
    created_at: plan.createdAt,
    updated_at: life.moves.at(-1)?.at ?? plan.createdAt,
  };
}

function transition(workOrderId: string, at: Date, from: S | null, to: S, by: string | null, note: string | null) {
  return { id: newId(), work_order_id: workOrderId, at, from, to, by_id: by, note };
}

function notification(workOrderId: string, kind: NotificationKind, role: Role, plan: WorkOrderPlan, at: Date) {
  return { id: newId(), work_order_id: workOrderId, kind, recipient_role: role, site_id: plan.siteId, created_at: at };
}

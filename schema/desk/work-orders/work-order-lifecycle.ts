import { Role } from '../../staff/role.enum';
import { WorkOrderStatus } from './work-order.enums';

/**
 * The one table of allowed work order moves (issue 8, "Work orders through their whole life")
 * and who may make each. Every path that changes a work order's status — a person's
 * `transitionWorkOrder`, whatever opened the work order — takes its move from here; a pair of
 * statuses missing from the table is INVALID_TRANSITION, a role missing from a move's row is
 * FORBIDDEN. Escalation and the alert-cleared note are not moves: they leave the status alone.
 */
export type WorkOrderMove =
  | 'dispatch'
  | 'redispatch'
  | 'start'
  | 'hold'
  | 'resume'
  | 'resolve'
  | 'rework'
  | 'verify'
  | 'close'
  | 'cancel'
  | 'reopen';

export interface WorkOrderMoveRule {
  move: WorkOrderMove;
  from: readonly WorkOrderStatus[];
  to: WorkOrderStatus;
  /** roles that may make the move on any work order of their sites */
  roles: readonly Role[];
  /** a TECHNICIAN may make it, on a work order assigned to them only */
  assignedTechnician: boolean;
  /** needs `assigneeId` (an active technician who may see the work order's site) */
  needsAssignee: boolean;
  /** needs a non-empty note (the reason) */
  needsNote: boolean;
  /**
   * made by the platform only, on behalf of a person (a low callback score reopens the work
   * order: schema/callbacks/callback-reopen.ts); never a person's `transitionWorkOrder`
   */
  byPlatform: boolean;
}

/** Operators and the hotline manager create and dispatch; the supervisor and manager may do it too. */
export const DISPATCHERS = [Role.HOTLINE_OPERATOR, Role.HOTLINE_MANAGER, Role.SUPERVISOR, Role.MANAGER] as const;
/** Verify, close, send back for rework and cancel: the hotline manager, supervisor and manager. */
const CHECKERS = [Role.HOTLINE_MANAGER, Role.SUPERVISOR, Role.MANAGER] as const;
/** Working a work order: its assigned technician, or the supervisor and manager for them. */
const WORKERS = [Role.SUPERVISOR, Role.MANAGER] as const;

const S = WorkOrderStatus;
const rule = (
  move: WorkOrderMove,
  from: WorkOrderStatus[],
  to: WorkOrderStatus,
  roles: readonly Role[],
  extra: Partial<Pick<WorkOrderMoveRule, 'assignedTechnician' | 'needsAssignee' | 'needsNote' | 'byPlatform'>> = {},
): WorkOrderMoveRule => ({
  move,
  from,
  to,
  roles,
  assignedTechnician: false,
  needsAssignee: false,
  needsNote: false,
  byPlatform: false,
  ...extra,
});

export const WORK_ORDER_MOVES: readonly WorkOrderMoveRule[] = [
  rule('dispatch', [S.OPEN], S.DISPATCHED, DISPATCHERS, { needsAssignee: true }),
  rule('redispatch', [S.DISPATCHED], S.DISPATCHED, DISPATCHERS, { needsAssignee: true }),
  rule('start', [S.DISPATCHED], S.IN_PROGRESS, WORKERS, { assignedTechnician: true }),
  rule('hold', [S.IN_PROGRESS], S.ON_HOLD, WORKERS, { assignedTechnician: true }),
  rule('resume', [S.ON_HOLD], S.IN_PROGRESS, WORKERS, { assignedTechnician: true }),
  rule('resolve', [S.IN_PROGRESS], S.RESOLVED, WORKERS, { assignedTechnician: true }),
  rule('rework', [S.RESOLVED], S.IN_PROGRESS, CHECKERS),
  rule('verify', [S.RESOLVED], S.VERIFIED, CHECKERS),
  rule('close', [S.VERIFIED], S.CLOSED, CHECKERS),
  rule('cancel', [S.OPEN, S.DISPATCHED, S.ON_HOLD], S.CANCELLED, CHECKERS, { needsNote: true }),
  rule('reopen', [S.RESOLVED, S.VERIFIED, S.CLOSED], S.IN_PROGRESS, [], { needsNote: true, byPlatform: true }),
];

/** The move a person may ask for from `from` to `to`, or null when the lifecycle has none. */
export function workOrderMove(from: WorkOrderStatus, to: WorkOrderStatus): WorkOrderMoveRule | null {
  return WORK_ORDER_MOVES.find((r) => !r.byPlatform && r.to === to && r.from.includes(from)) ?? null;
}

/** The platform's own move `move` (e.g. 'reopen'), when the work order's status allows it; else null. */
export function platformMove(move: WorkOrderMove, from: WorkOrderStatus): WorkOrderMoveRule | null {
  return WORK_ORDER_MOVES.find((r) => r.byPlatform && r.move === move && r.from.includes(from)) ?? null;
}

/**
 * Whether `role` (the member of staff `staffId`) may make `rule` on a work order assigned to
 * `assigneeId`. A technician only ever moves their own work orders.
 */
export function mayMakeMove(
  rule: WorkOrderMoveRule,
  caller: { role: Role; staffId: string },
  assigneeId: string | null,
): boolean {
  if (caller.role === Role.TECHNICIAN) return rule.assignedTechnician && assigneeId === caller.staffId;
  return rule.roles.includes(caller.role);
}

/**
 * Which moves the desk offers for a work order: the lifecycle's allowed moves from its status,
 * narrowed to those the signed-in role makes in this organisation. Only what buttons to show:
 * the platform checks both on every move and answers INVALID_TRANSITION / FORBIDDEN.
 */
import { t } from './i18n.js';

/** status → the statuses it may move to (the order is the buttons' order). */
export const MOVES = {
  OPEN: ['DISPATCHED', 'CANCELLED'],
  DISPATCHED: ['IN_PROGRESS', 'CANCELLED'],
  IN_PROGRESS: ['ON_HOLD', 'RESOLVED'],
  ON_HOLD: ['IN_PROGRESS', 'CANCELLED'],
  RESOLVED: ['VERIFIED', 'IN_PROGRESS'],
  VERIFIED: ['CLOSED'],
};

const DESK_ROLES = ['MANAGER', 'SUPERVISOR', 'HOTLINE_MANAGER'];
/** role → the target statuses it moves work orders to */
const ROLE_MOVES = {
  HOTLINE_OPERATOR: ['DISPATCHED', 'CANCELLED'],
  HOTLINE_MANAGER: ['DISPATCHED', 'CANCELLED', 'VERIFIED', 'CLOSED', 'IN_PROGRESS'],
  SUPERVISOR: ['DISPATCHED', 'CANCELLED', 'VERIFIED', 'CLOSED', 'IN_PROGRESS', 'ON_HOLD', 'RESOLVED'],
  MANAGER: ['DISPATCHED', 'CANCELLED', 'VERIFIED', 'CLOSED', 'IN_PROGRESS', 'ON_HOLD', 'RESOLVED'],
  TECHNICIAN: ['IN_PROGRESS', 'ON_HOLD', 'RESOLVED'],
};

/** The moves `role` may offer on a work order in `status`. */
export function movesFor(status, role) {
  const allowed = new Set(ROLE_MOVES[role] ?? []);
  return (MOVES[status] ?? []).filter((to) => {
    // a technician reworks nothing: RESOLVED → IN_PROGRESS is the verifier's call
    if (role === 'TECHNICIAN' && status === 'RESOLVED') return false;
    return allowed.has(to);
  });
}

/** The button label of a move: RESOLVED → IN_PROGRESS is a rework, not a start. */
export const moveLabel = (from, to) => t(from === 'RESOLVED' && to === 'IN_PROGRESS' ? 'move.rework' : `move.${to}`);

/** Moves that must carry a note (a cancellation's reason). */
export const needsNote = (to) => to === 'CANCELLED';

/** Roles that watch escalations (the supervisor and up). */
export const watchesEscalations = (role) => DESK_ROLES.includes(role);

/**
 * Runs TransitionWorkOrder (operations/MoveWorkOrder.graphql) and resolves with the moved work order; on failure throws an Error
 * whose `userMessage` says what to do (CONFLICT: reload; INVALID_TRANSITION; FORBIDDEN) and
 * whose `conflict` is true when the caller should reload the work order.
 */
export async function moveWorkOrder(api, wo, to, { note, assigneeId, department } = {}) {
  const input = { id: wo.id, version: wo.version, to };
  if (note) input.note = note;
  if (assigneeId) input.assigneeId = assigneeId;
  if (department) input.department = department;
  try {
    const data = await api.request('MoveWorkOrder', { input });
    return data.transitionWorkOrder;
  } catch (err) {
    err.conflict = err.code === 'CONFLICT';
    err.userMessage = userMessageOf(err);
    throw err;
  }
}

export function userMessageOf(err) {
  if (err.code === 'CONFLICT') return t('move.conflict');
  if (err.code === 'INVALID_TRANSITION') return t('move.invalid', { detail: err.message });
  if (err.code === 'FORBIDDEN') return t('move.forbidden');
  if (err.kind === 'network') return t('error.network');
  return t('call.failed', { detail: err.message });
}

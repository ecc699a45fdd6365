/**
 * Which moves the desk offers for a work order: the lifecycle's allowed moves from its status,
 * narrowed to those the signed-in role makes in this organisation. Only what buttons to show:
 * the platform checks both on every move and answers INVALID_TRANSITION / FORBIDDEN.
 */
import { t } from './i18n.js';

/** The lifecycle's moves, named: [from, to, name] (the order is the buttons' order). */
const MOVES = [
  ['OPEN', 'DISPATCHED', 'dispatch'],
  ['DISPATCHED', 'IN_PROGRESS', 'start'],
  ['DISPATCHED', 'DISPATCHED', 'redispatch'],
  ['IN_PROGRESS', 'ON_HOLD', 'hold'],
  ['IN_PROGRESS', 'RESOLVED', 'resolve'],
  ['ON_HOLD', 'IN_PROGRESS', 'resume'],
  ['RESOLVED', 'VERIFIED', 'verify'],
  ['RESOLVED', 'IN_PROGRESS', 'rework'],
  ['VERIFIED', 'CLOSED', 'close'],
  ['OPEN', 'CANCELLED', 'cancel'],
  ['DISPATCHED', 'CANCELLED', 'cancel'],
  ['ON_HOLD', 'CANCELLED', 'cancel'],
];

const ALL = new Set(MOVES.map(([, , name]) => name));
/** role → the moves it makes (README "A work order's whole life") */
const ROLE_MOVES = {
  HOTLINE_OPERATOR: new Set(['dispatch', 'redispatch']),
  HOTLINE_MANAGER: new Set(['dispatch', 'redispatch', 'verify', 'close', 'rework', 'cancel']),
  SUPERVISOR: ALL,
  MANAGER: ALL,
  TECHNICIAN: new Set(['start', 'hold', 'resume', 'resolve']),
};

/** The moves `role` may offer on a work order in `status`: [{ to, name }]. */
export function movesFor(status, role) {
  const allowed = ROLE_MOVES[role] ?? new Set();
  return MOVES.filter(([from, , name]) => from === status && allowed.has(name)).map(([, to, name]) => ({ to, name }));
}

/** A move's button label. */
export const moveLabel = (move) => t(`move.${move.name}`);

/** Moves that must carry a note (a cancellation's reason). */
export const needsNote = (to) => to === 'CANCELLED';

/** Roles that watch escalations (the supervisor and up). */
export const watchesEscalations = (role) => ['MANAGER', 'SUPERVISOR', 'HOTLINE_MANAGER'].includes(role);

/**
 * Runs TransitionWorkOrder (operations/MoveWorkOrder.graphql) and resolves with the moved work
 * order; on failure throws an Error whose `userMessage` says what to do (CONFLICT: reload;
 * INVALID_TRANSITION; FORBIDDEN) and whose `conflict` is true when the caller should reload.
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

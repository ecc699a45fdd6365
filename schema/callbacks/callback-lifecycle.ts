import { Role } from '../staff/role.enum';
import { CallbackStatus } from './callback.enums';

/** Who works callbacks: the hotline, and the supervisor and manager for them. */
export const CALLBACK_WORKERS = [Role.HOTLINE_OPERATOR, Role.HOTLINE_MANAGER, Role.SUPERVISOR, Role.MANAGER] as const;

/** Failed attempts after which a callback is UNREACHABLE. */
export const MAX_ATTEMPTS = 3;

export type CallbackMove = 'reach' | 'retry' | 'give-up' | 'cancel';

/** Who may cancel a callback by hand (cancelCallback): those who answer for the residents' care. */
export const CALLBACK_CANCELLERS = [
  Role.RELATIONS_OFFICER,
  Role.HOTLINE_MANAGER,
  Role.SUPERVISOR,
  Role.MANAGER,
] as const;

/**
 * The one table of callback moves. An attempt is recorded on a DUE callback only: reached →
 * DONE; not reached → still DUE, due again later; not reached for the MAX_ATTEMPTS-th time →
 * UNREACHABLE. Only a DUE callback is cancelled — by the platform when its resident moves out
 * of every unit or its work order is cancelled, or by staff (schema/callbacks/callback-cancel.ts).
 * Anything else (recording or cancelling a DONE, UNREACHABLE or CANCELLED one) is INVALID_TRANSITION.
 */
export const CALLBACK_MOVES: ReadonlyArray<{
  move: CallbackMove;
  from: readonly CallbackStatus[];
  to: CallbackStatus;
}> = [
  { move: 'reach', from: [CallbackStatus.DUE], to: CallbackStatus.DONE },
  { move: 'retry', from: [CallbackStatus.DUE], to: CallbackStatus.DUE },
  { move: 'give-up', from: [CallbackStatus.DUE], to: CallbackStatus.UNREACHABLE },
  { move: 'cancel', from: [CallbackStatus.DUE], to: CallbackStatus.CANCELLED },
];

/** The move an attempt makes, given whether the resident was reached and the failed attempts so far. */
export function attemptMove(reached: boolean, attemptsBefore: number): CallbackMove {
  if (reached) return 'reach';
  return attemptsBefore + 1 >= MAX_ATTEMPTS ? 'give-up' : 'retry';
}

export function callbackMove(from: CallbackStatus, move: CallbackMove) {
  return CALLBACK_MOVES.find((m) => m.move === move && m.from.includes(from)) ?? null;
}

/** A satisfaction this low sends the work order back (the fix did not reach the resident). */
export const LOW_SATISFACTION = 2;

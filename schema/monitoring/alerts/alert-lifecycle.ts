import { AlertStatus } from './alert-status.enum';

/**
 * The one table of allowed alert moves (ISA-18.2 / IEC 62682: "active" and "acknowledged"
 * are tracked independently). Every path that changes an alert's status — the detector's
 * clear, an operator's acknowledgement — takes its next status from here, and the SQL that
 * applies it is generated from here, so the table and the database cannot disagree.
 * A status missing from a move's row does not allow that move.
 *
 * Raising is not a status move: a raise either opens a new episode (ACTIVE_UNACK) or counts
 * an occurrence of the uncleared one, whatever its status.
 */
export type AlertMove = 'acknowledge' | 'clear';

export const ALERT_MOVES: Readonly<Record<AlertMove, Readonly<Partial<Record<AlertStatus, AlertStatus>>>>> = {
  acknowledge: {
    [AlertStatus.ACTIVE_UNACK]: AlertStatus.ACTIVE_ACK,
    [AlertStatus.CLEARED_UNACK]: AlertStatus.CLEARED,
  },
  clear: {
    [AlertStatus.ACTIVE_UNACK]: AlertStatus.CLEARED_UNACK,
    [AlertStatus.ACTIVE_ACK]: AlertStatus.CLEARED,
    [AlertStatus.SHELVED]: AlertStatus.CLEARED,
  },
};

/** The status after `move`, or null when the move is not allowed from `from`. */
export function nextAlertStatus(move: AlertMove, from: AlertStatus): AlertStatus | null {
  return ALERT_MOVES[move][from] ?? null;
}

/** The statuses `move` is allowed from. */
export function alertStatusesAllowing(move: AlertMove): AlertStatus[] {
  return Object.keys(ALERT_MOVES[move]) as AlertStatus[];
}

/** An uncleared episode is in one of these; a cleared one in the others. */
export const ACTIVE_ALERT_STATUSES: readonly AlertStatus[] = [
  AlertStatus.ACTIVE_UNACK,
  AlertStatus.ACTIVE_ACK,
  AlertStatus.SHELVED,
];

/**
 * `case "status" when 'A' then 'B'::alert_status … else "status" end` for one move, so one
 * conditional statement applies the table. The literals are the enum's own constants, never
 * input.
 */
export function alertStatusCaseSql(move: AlertMove, column = 'status'): string {
  const arms = Object.entries(ALERT_MOVES[move]).map(([from, to]) => `when '${from}' then '${to}'::alert_status`);
  return `case ${column} ${arms.join(' ')} else ${column} end`;
}

/** `'A', 'B'` — the statuses a move is allowed from, for a `status in (…)` condition. */
export function alertStatusListSql(move: AlertMove): string {
  return alertStatusesAllowing(move)
    .map((s) => `'${s}'::alert_status`)
    .join(', ');
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { estateDate } from '../residents/local-date';
import { ESTATE_OFFSET_H, type CallbackTiming } from './callback-timing';

/** A move-in to schedule a NEW_RESIDENT callback for: who, where, since when (`YYYY-MM-DD`). */
export interface MoveIn {
  resident_id: string;
  unit_id: string;
  since: string;
}

/**
 * The NEW_RESIDENT rule, one statement for one move-in (registerResident) or ten thousand (an
 * import), in the transaction that records them:
 * - only a move-in whose `since` is at most `newResidentWithinDays` before the day it is
 *   recorded (a future `since` too): someone who moved in years ago and is only now entered
 *   in the archive is not new;
 * - due at `hour` estate time, `newResidentDays` after `since` — or `delayDays` after the day
 *   it is recorded when that is later (a move-in entered late is called soon, never in the past);
 * - one per resident (moving into two units is one callback, the sooner), none while they have
 *   an open one already (`callback_one_open`).
 * Returns how many callbacks were scheduled.
 */
export async function scheduleMoveIns(
  em: EntityManager,
  moveIns: readonly MoveIn[],
  at: Date,
  timing: CallbackTiming,
): Promise<number> {
  if (!moveIns.length) return 0;
  const today = estateDate(at);
  const result = await em.execute(
    `insert into "callback"
       ("id", "version", "reason", "status", "due_at", "first_due_at", "attempts", "resident_id", "site_id", "created_at")
     select gen_random_uuid(), 1, 'NEW_RESIDENT', 'DUE', m.due, m.due, 0, m.resident_id, m.site_id, ?
       from (select distinct on (x.resident_id) x.resident_id, b.site_id,
                    (greatest(x.since + ?::int, ?::date + ?::int)::timestamp + make_interval(hours => ?::int))
                      at time zone 'UTC' as due
               from jsonb_to_recordset(?::jsonb) as x(resident_id uuid, unit_id uuid, since date)
               join unit u on u.id = x.unit_id join building b on b.id = u.building_id
              where x.since >= ?::date - ?::int
              order by x.resident_id, due) m
     on conflict do nothing`,
    [
      at,
      timing.newResidentDays,
      today,
      timing.delayDays,
      timing.hour - ESTATE_OFFSET_H,
      JSON.stringify(moveIns.map(({ resident_id, unit_id, since }) => ({ resident_id, unit_id, since }))),
      today,
      timing.newResidentWithinDays,
    ],
    'run',
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}

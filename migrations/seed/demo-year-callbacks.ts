import { CallbackReason, CallbackStatus } from '../../schema/callbacks/callback.enums';
import { DEFAULT_CALLBACK_TIMING, estateHourAfter, estateMonth } from '../../schema/callbacks/callback-timing';
import { estateDate } from '../../schema/residents/local-date';
import { addRow, newId, type DemoYear } from './demo-year-context';
import { CALLBACK_COMMENTS } from './demo-year-texts';
import { weighted } from './demo-hotline-texts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** How residents score a fix: mostly happy, a few not. */
const SCORES: Array<[number, number]> = [
  [5, 55],
  [4, 30],
  [3, 9],
  [2, 4],
  [1, 2],
];

export interface CallbackPlan {
  reason: CallbackReason;
  residentId: string;
  siteId: string | null;
  workOrderId?: string;
  incidentId?: string;
  /** what it follows (a resolution, an incident's end): it falls due the next day at 10:00 */
  after: Date;
  /** a score of 1–2 may be drawn (a work order's callback: the caller reopens it) */
  lowAllowed: boolean;
}

export interface CallbackOutcome {
  doneAt: Date | null;
  /** when the last call was made: the reaching one, or the third failed one */
  lastAttemptAt: Date;
  score: number | null;
}

/**
 * One callback of the year, worked as the hotline works them: from the due list, so after it
 * fell due (10:00); most reached that day (on time, as the service KPIs count it: by the end of
 * the estate day it was first due — schema/kpis/kpi.sql.ts), some on the second call that day,
 * some only on a later day's retry (late), a few never (UNREACHABLE after three calls).
 */
export function planCallback(year: DemoYear, plan: CallbackPlan): CallbackOutcome {
  const random = year.random;
  const firstDue = estateHourAfter(plan.after, DEFAULT_CALLBACK_TIMING.delayDays, DEFAULT_CALLBACK_TIMING.hour);
  const assignee = random() < 0.7 ? year.staff.operator : year.staff['hotline-manager'];
  const r = random();
  let status = CallbackStatus.DONE;
  let attempts = 1;
  let dueAt = firstDue;
  let last: Date;
  if (r < 0.05) {
    // three calls, four hours apart, nobody answered
    status = CallbackStatus.UNREACHABLE;
    attempts = 3;
    last = new Date(firstDue.getTime() + 2 * DEFAULT_CALLBACK_TIMING.retryHours * HOUR_MS + random() * 30 * MINUTE_MS);
    dueAt = new Date(last.getTime() + DEFAULT_CALLBACK_TIMING.retryHours * HOUR_MS);
  } else if (r < 0.14) {
    // not answered late in the day; reached on the next morning's retry (late)
    attempts = 2;
    const failed = new Date(firstDue.getTime() + (6 + random() * 2) * HOUR_MS);
    dueAt = new Date(failed.getTime() + DEFAULT_CALLBACK_TIMING.retryHours * HOUR_MS);
    last = new Date(firstDue.getTime() + 24 * HOUR_MS + random() * 90 * MINUTE_MS);
  } else if (r < 0.24) {
    // not answered at first; reached on the retry the same afternoon (on time)
    attempts = 2;
    const failed = new Date(firstDue.getTime() + random() * 60 * MINUTE_MS);
    dueAt = new Date(failed.getTime() + DEFAULT_CALLBACK_TIMING.retryHours * HOUR_MS);
    last = new Date(dueAt.getTime() + random() * 45 * MINUTE_MS);
  } else {
    last = new Date(firstDue.getTime() + (5 + random() * 420) * MINUTE_MS);
  }
  let score: number | null = null;
  if (status === CallbackStatus.DONE) {
    score = weighted(random, SCORES);
    if (!plan.lowAllowed && score < 3) score = 3 + Math.floor(random() * 3);
  }
  const comments = score === null ? null : CALLBACK_COMMENTS[score];
  addRow(year, 'callback', {
    id: newId(),
    version: 1 + attempts,
    reason: plan.reason,
    status,
    due_at: dueAt,
    first_due_at: firstDue,
    attempts,
    last_attempt_at: last,
    satisfaction: score,
    comment: comments && random() < 0.6 ? comments[Math.floor(random() * comments.length)] : null,
    resident_id: plan.residentId,
    work_order_id: plan.workOrderId ?? null,
    incident_id: plan.incidentId ?? null,
    site_id: plan.siteId,
    assignee_id: assignee,
    created_at: plan.after,
    done_at: status === CallbackStatus.DONE ? last : null,
  });
  return { doneAt: status === CallbackStatus.DONE ? last : null, lastAttemptAt: last, score };
}

/**
 * The monthly sample of long-standing residents (PERIODIC) for every month of the year before
 * the current one — its `callback_sample` row too, so the periodic job draws only the months
 * to come (schema/callbacks/periodic-callback.job.ts).
 */
export function planPeriodicCallbacks(year: DemoYear, firstDay: Date, lastDay: Date): number {
  const thisMonth = estateMonth(year.now);
  let drawn = 0;
  for (let day = firstDay; day.getTime() <= lastDay.getTime(); day = estateHourAfter(day, 1, 0)) {
    const month = estateMonth(day);
    if (!estateDate(day).endsWith('-01') || month === thisMonth) continue;
    const drawnAt = estateHourAfter(day, 0, 9);
    const sample = 4 + Math.floor(year.random() * 3);
    for (let i = 0; i < sample; i++) {
      const occupant = year.occupants[Math.floor(year.random() * year.occupants.length)];
      planCallback(year, {
        reason: CallbackReason.PERIODIC,
        residentId: occupant.residentId,
        siteId: occupant.siteId,
        after: drawnAt,
        lowAllowed: false,
      });
    }
    addRow(year, 'callback_sample', { month, drawn: sample, drawn_at: drawnAt });
    drawn += sample;
  }
  return drawn;
}

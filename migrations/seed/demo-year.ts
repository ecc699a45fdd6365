import type { EntityManager } from '@mikro-orm/postgresql';
import { estateHourAfter } from '../../schema/callbacks/callback-timing';
import { centreDay } from '../../schema/desk/work-orders/work-order-number';
import { planPeriodicCallbacks } from './demo-year-callbacks';
import { planDayOfCalls } from './demo-year-calls';
import { INSERT_ORDER, insertRows, loadDemoYear, numberRows, type Row } from './demo-year-context';
import { planIncidents, planSiteNotices } from './demo-year-incidents';
import { planShifts } from './demo-year-shifts';
import { demoRandom } from './demo-hotline-texts';
import { demoWeekStart } from './demo-service-desk';

/** days of the year before the demo week */
const DAYS = 366;

/** Rows the demo year wrote, by table. */
export type DemoYearCounts = Record<string, number>;

/**
 * A year of the demo centre before its last week (only with DEMO on and DEMO_HISTORY, right
 * after the demo residents, like demo-service-desk.ts): a few calls a day on every channel,
 * more heating faults in winter and water in summer, their requests and work orders — all
 * finished, with a history the lifecycle allows — the callbacks after them, a dozen ended
 * supply interruptions with their calls, callbacks and announcements, the site's notices, the
 * monthly callback samples, and two handovers a day up to now. Planned in memory
 * (deterministic: `demoRandom`), then written with multi-row INSERTs in one transaction: a
 * first `npm start` stays quick. Nothing of it is open now, so the live jobs (escalation,
 * callbacks, shifts) find nothing of the past to act on.
 */
export async function seedDemoYear(em: EntityManager, now: Date): Promise<DemoYearCounts> {
  const year = await loadDemoYear(em, now, demoRandom(20251130));
  if (!year) return {};
  // the year ends where the week of demo-service-desk.ts begins
  const weekStart = demoWeekStart(now);
  const firstDay = estateHourAfter(weekStart, -DAYS, 0);
  const lastDay = estateHourAfter(weekStart, -1, 0);
  const incidents = planIncidents(year);
  for (let day = firstDay; day.getTime() <= lastDay.getTime(); day = estateHourAfter(day, 1, 0))
    planDayOfCalls(year, day);
  planPeriodicCallbacks(year, firstDay, lastDay);
  planSiteNotices(year);
  const rowsOf = (bucket: (typeof INSERT_ORDER)[number]): Row[] => year.rows.get(bucket) ?? [];
  await em.transactional(async (tx) => {
    await numberRows(tx, rowsOf('service_request'), 'service_request_number_seq', 'SR', centreDay);
    await numberRows(
      tx,
      [...rowsOf('work_order:incident'), ...rowsOf('work_order')],
      'work_order_number_seq',
      'WO',
      centreDay,
    );
    await numberRows(tx, rowsOf('incident'), 'incident_number_seq', 'INC', centreDay);
    for (const fix of year.numbered) fix();
    const numbers = new Map(rowsOf('incident').map((i) => [i.id as string, i.number as string]));
    planShifts(year, firstDay, incidents, numbers);
    for (const bucket of INSERT_ORDER) await insertRows(tx, bucket.split(':')[0], rowsOf(bucket));
  });
  const counts: DemoYearCounts = {};
  for (const bucket of INSERT_ORDER) {
    const table = bucket.split(':')[0];
    counts[table] = (counts[table] ?? 0) + rowsOf(bucket).length;
  }
  return counts;
}

/**
 * The aggregate statements behind `serviceKpis` (a handful per request, whatever the period).
 * Every figure is bounded by the period [from, to) on one timestamp column, read through that
 * column's index (call.started_at, service_request.created_at, work_order.created_at and
 * finished_at: migrations/Migration20261129023859.ts; callback.done_at:
 * migrations/Migration20261129030116.ts), the sites filtering what the period found: a short
 * period never reads the whole history. Definitions:
 * - calls: `call.started_at` in the period; requests and complaints: `service_request.created_at`;
 *   those of no site count for the sites of the staff who took them (siteOrStaffOf).
 * - work orders opened: `work_order.created_at` in the period; closed: status CLOSED with
 *   `finished_at` in the period.
 * - responded in time: over the work orders opened in the period and not CANCELLED whose response
 *   is known at `now` (responded_at set, or respond_by passed), the share with
 *   responded_at ≤ respond_by; resolved in time likewise with resolved_at and resolve_by.
 * - medians: percentile_cont(0.5) of the minutes from created_at to responded_at (resolved_at) of
 *   the work orders opened in the period that have one.
 * - callbacks: status DONE with `done_at` in the period; on time: done on or before the estate
 *   day (Asia/Shanghai) it was first due — `first_due_at`, not `due_at`, which moves on after each
 *   failed attempt (compared with it, a callback reached only on a later day's retry would count
 *   as on time — schema/callbacks/callback.entity.ts). The day, not the instant: the due list shows
 *   a callback once it is due (10:00 by default), so one worked from it is always a little after
 *   its due time, and a callback is a day's work;
 *   satisfaction: their mean (per operator: the callback's assignee, who recorded it). A
 *   CANCELLED callback (schema/callbacks/callback-cancel.ts) is neither done nor late.
 * - incidents: `incident.started_at` in the period.
 * Sites: `null` means no site condition (an unscoped caller asking for every site: rows with no
 * site, such as a call from an unknown number, are counted too); otherwise `site_id` in the list
 * (for calls and requests, or the staff's sites: siteOrStaffOf).
 */
import { ESTATE_OFFSET_H } from '../callbacks/callback-timing';

/** Collects positional parameters (`?`, as MikroORM's `em.execute` takes them). */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return '?';
  }
}

export interface Period {
  from: Date;
  to: Date;
  /** null: every site (no condition) */
  siteIds: readonly string[] | null;
  /** the clock deciding whether a deadline has passed */
  now: Date;
}

function pct(part: string, whole: string): string {
  return `round(100.0 * ${part} / nullif(${whole}, 0), 1)::float8`;
}

function siteOf(p: Params, period: Period, alias: string): string {
  return period.siteIds === null ? 'true' : `${alias}.site_id = any(${p.add(`{${period.siteIds.join(',')}}`)}::uuid[])`;
}

/**
 * Calls and requests whose site is not known (a caller whose number matches no resident, an
 * inquiry about no unit) belong to the hotline that took them: they count for the sites of the
 * member of staff in `staffColumn` (`staff_site`), so a site's figures include its hotline's
 * unknown callers. A row counts once per statement, whichever of the sites asked it matches.
 */
function siteOrStaffOf(p: Params, period: Period, alias: string, staffColumn: string): string {
  if (period.siteIds === null) return 'true';
  const sites = () => p.add(`{${period.siteIds!.join(',')}}`);
  return `(${alias}.site_id = any(${sites()}::uuid[]) or (${alias}.site_id is null and exists (
    select 1 from staff_site ss where ss.staff_id = ${alias}.${staffColumn} and ss.site_id = any(${sites()}::uuid[]))))`;
}

function during(p: Params, period: Period, column: string): string {
  return `${column} >= ${p.add(period.from)} and ${column} < ${p.add(period.to)}`;
}

/** One row: every figure but the callbacks'. */
export function totalsStatement(period: Period): { sql: string; params: unknown[] } {
  const p = new Params();
  const sql = `select
  (select count(*) from call c where ${during(p, period, 'c.started_at')}
     and ${siteOrStaffOf(p, period, 'c', 'operator_id')})::int as calls,
  r.requests, r.complaints,
  w.opened, w.responded_in_time_pct, w.resolved_in_time_pct, w.median_respond_minutes, w.median_resolve_minutes,
  (select count(*) from work_order x where x.status = 'CLOSED' and ${during(p, period, 'x.finished_at')}
     and ${siteOf(p, period, 'x')})::int as closed,
  (select count(*) from incident i where ${during(p, period, 'i.started_at')} and ${siteOf(p, period, 'i')})::int as incidents
from (
  select count(*)::int as requests, (count(*) filter (where r.category = 'COMPLAINT'))::int as complaints
  from service_request r where ${during(p, period, 'r.created_at')} and ${siteOrStaffOf(p, period, 'r', 'created_by_id')}
) r, (
  ${workOrderFigures(p, period)}
  from work_order w where ${during(p, period, 'w.created_at')} and ${siteOf(p, period, 'w')}
) w`;
  return { sql, params: p.values };
}

/** The select list over work orders `w` opened in the period: counts, in-time shares, medians. */
function workOrderFigures(p: Params, period: Period): string {
  const now = p.add(period.now);
  const now2 = p.add(period.now);
  const minutes = (column: string) => `extract(epoch from (w.${column} - w.created_at)) / 60`;
  return `select count(*)::int as opened,
    ${pct(
      `count(*) filter (where w.status <> 'CANCELLED' and w.responded_at <= w.respond_by)`,
      `count(*) filter (where w.status <> 'CANCELLED' and (w.responded_at is not null or w.respond_by <= ${now}::timestamptz))`,
    )} as responded_in_time_pct,
    ${pct(
      `count(*) filter (where w.status <> 'CANCELLED' and w.resolved_at <= w.resolve_by)`,
      `count(*) filter (where w.status <> 'CANCELLED' and (w.resolved_at is not null or w.resolve_by <= ${now2}::timestamptz))`,
    )} as resolved_in_time_pct,
    round((percentile_cont(0.5) within group (order by ${minutes('responded_at')})
      filter (where w.responded_at is not null))::numeric, 1)::float8 as median_respond_minutes,
    round((percentile_cont(0.5) within group (order by ${minutes('resolved_at')})
      filter (where w.resolved_at is not null))::numeric, 1)::float8 as median_resolve_minutes`;
}

/** One row per department with a work order opened in the period. */
export function departmentsStatement(period: Period): { sql: string; params: unknown[] } {
  const p = new Params();
  const now = p.add(period.now);
  const sql = `select w.department::text as department, count(*)::int as work_orders,
  ${pct(
    `count(*) filter (where w.status <> 'CANCELLED' and w.resolved_at <= w.resolve_by)`,
    `count(*) filter (where w.status <> 'CANCELLED' and (w.resolved_at is not null or w.resolve_by <= ${now}::timestamptz))`,
  )} as resolved_in_time_pct
from work_order w where ${during(p, period, 'w.created_at')} and ${siteOf(p, period, 'w')}
group by w.department order by w.department`;
  return { sql, params: p.values };
}

/** One row per member of staff who took a call, filed a request or completed a callback in the period. */
export function operatorsStatement(period: Period): { sql: string; params: unknown[] } {
  const p = new Params();
  const parts = [
    `select c.operator_id as staff_id, count(*) as calls, 0 as requests, 0 as sat_sum, 0 as sat_n
     from call c where ${during(p, period, 'c.started_at')} and ${siteOrStaffOf(p, period, 'c', 'operator_id')}
     group by c.operator_id`,
    `select r.created_by_id, 0, count(*), 0, 0
     from service_request r where ${during(p, period, 'r.created_at')}
       and ${siteOrStaffOf(p, period, 'r', 'created_by_id')} group by r.created_by_id`,
    `select b.assignee_id, 0, 0, coalesce(sum(b.satisfaction), 0), count(b.satisfaction)
     from callback b where b.status = 'DONE' and b.assignee_id is not null and ${during(p, period, 'b.done_at')}
       and ${siteOf(p, period, 'b')} group by b.assignee_id`,
  ];
  const sql = `select staff_id, sum(calls)::int as calls, sum(requests)::int as requests,
  round(sum(sat_sum)::numeric / nullif(sum(sat_n), 0), 2)::float8 as avg_satisfaction
from (${parts.join('\n  union all\n  ')}) o
group by staff_id`;
  return { sql, params: p.values };
}

/**
 * The estate calendar day of a timestamptz column: its UTC wall time moved by the estate's fixed
 * offset (schema/callbacks/callback-timing.ts ESTATE_OFFSET_H; Asia/Shanghai keeps UTC+8 all
 * year), so the answer does not depend on the session's TimeZone or on tz data being installed.
 */
const estateDay = (column: string) => `((${column} at time zone 'UTC') + interval '${ESTATE_OFFSET_H} hours')::date`;

/** One row: callbacks done in the period, the share on time, their mean satisfaction. */
export function callbacksStatement(period: Period): { sql: string; params: unknown[] } {
  const p = new Params();
  const sql = `select count(*)::int as done,
  ${pct(`count(*) filter (where ${estateDay('b.done_at')} <= ${estateDay('b.first_due_at')})`, 'count(*)')} as on_time_pct,
  round(avg(b.satisfaction)::numeric, 2)::float8 as avg_satisfaction
from callback b where b.status = 'DONE' and ${during(p, period, 'b.done_at')} and ${siteOf(p, period, 'b')}`;
  return { sql, params: p.values };
}

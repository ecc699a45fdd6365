import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../common/app-error';
import type { Caller } from '../context';
import { Site } from '../estate/sites/site.entity';
import type { Department } from '../facilities/emergency-plans/department.enum';
import { Staff } from '../staff/staff.entity';
import { callbacksStatement, departmentsStatement, operatorsStatement, totalsStatement, type Period } from './kpi.sql';
import type { ServiceKpis } from './kpi.types';

/** The longest period asked at once: two years (and a leap day). */
export const MAX_KPI_RANGE_DAYS = 731;

interface Totals {
  calls: number;
  requests: number;
  complaints: number;
  opened: number;
  responded_in_time_pct: number | null;
  resolved_in_time_pct: number | null;
  median_respond_minutes: number | null;
  median_resolve_minutes: number | null;
  closed: number;
  incidents: number;
}

/**
 * `serviceKpis`: the figures of schema/kpis/kpi.sql.ts for the sites the caller may see. The
 * statements after the first run side by side (each on its own pooled connection on
 * PostgreSQL).
 */
export class KpiService {
  constructor(private readonly now: () => Date) {}

  async serviceKpis(
    em: EntityManager,
    caller: Caller,
    from: Date,
    to: Date,
    siteId: string | null,
  ): Promise<ServiceKpis> {
    if (!(from.getTime() < to.getTime())) throw AppError.badInput('from must be before to');
    if (to.getTime() - from.getTime() > MAX_KPI_RANGE_DAYS * 86_400_000) {
      throw AppError.badInput(`the period must be at most ${MAX_KPI_RANGE_DAYS} days`);
    }
    const period: Period = { from, to, siteIds: await this.sitesOf(em, caller, siteId), now: this.now() };
    const run = <T>(statement: { sql: string; params: unknown[] }) => em.execute<T[]>(statement.sql, statement.params);
    const [totals] = await run<Totals>(totalsStatement(period));
    // side by side on pooled connections; one after another on a transaction's one connection
    const all = em.isInTransaction()
      ? async <T extends unknown[]>(work: { [K in keyof T]: () => Promise<T[K]> }) => {
          const done: unknown[] = [];
          for (const next of work) done.push(await next());
          return done as T;
        }
      : <T extends unknown[]>(work: { [K in keyof T]: () => Promise<T[K]> }) =>
          Promise.all(work.map((next) => next())) as Promise<T>;
    const [departments, operators, callbacks] = await all([
      () =>
        run<{ department: Department; work_orders: number; resolved_in_time_pct: number | null }>(
          departmentsStatement(period),
        ),
      () =>
        run<{ staff_id: string; calls: number; requests: number; avg_satisfaction: number | null }>(
          operatorsStatement(period),
        ),
      () =>
        run<{ done: number; on_time_pct: number | null; avg_satisfaction: number | null }>(callbacksStatement(period)),
    ]);
    const staff = operators.length ? await em.find(Staff, { id: { $in: operators.map((o) => o.staff_id) } }) : [];
    const byId = new Map(staff.map((s) => [s.id, s]));
    const byOperator = operators
      .flatMap((o) => {
        const member = byId.get(o.staff_id);
        return member
          ? [{ staff: member, calls: o.calls, requests: o.requests, avgSatisfaction: o.avg_satisfaction }]
          : [];
      })
      .sort((a, b) => b.calls - a.calls || b.requests - a.requests || a.staff.username.localeCompare(b.staff.username));
    return {
      calls: totals.calls,
      requests: totals.requests,
      complaints: totals.complaints,
      workOrdersOpened: totals.opened,
      workOrdersClosed: totals.closed,
      respondedInTimePct: totals.responded_in_time_pct,
      resolvedInTimePct: totals.resolved_in_time_pct,
      medianRespondMinutes: totals.median_respond_minutes,
      medianResolveMinutes: totals.median_resolve_minutes,
      callbacksDone: callbacks[0].done,
      callbacksOnTimePct: callbacks[0].on_time_pct,
      avgSatisfaction: callbacks[0].avg_satisfaction,
      incidents: totals.incidents,
      byOperator,
      byDepartment: departments.map((d) => ({
        department: d.department,
        workOrders: d.work_orders,
        resolvedInTimePct: d.resolved_in_time_pct,
      })),
    };
  }

  /**
   * The sites measured: the one asked for, when the caller may see it (else NOT_FOUND, as any
   * other site's id); with none asked, every site the caller may see (null: no condition).
   */
  private async sitesOf(em: EntityManager, caller: Caller, siteId: string | null): Promise<readonly string[] | null> {
    if (siteId === null) return caller.siteIds;
    // the request's em is scoped to the caller's sites (schema/estate/site-scope.ts)
    const seen = await em.count(Site, { id: siteId });
    if (!seen) throw AppError.notFound('Site', siteId);
    return [siteId];
  }
}

/**
 * The demo estate's year of history (DEMO_HISTORY, migrations/seed/demo-year.ts): calls, work
 * orders and callbacks in every month of a year before the demo week; a supervisor asking
 * `serviceKpis` for the last year over HTTP sees a living centre; incidents ended with their
 * calls, requests, callbacks and announcements; two handovers a day, all taken over, a year
 * back in `shifts`; nothing of the past left open for the live jobs (the escalation job run at
 * the real time escalates nothing of it); a restart on the same database seeds no second
 * year. Every work order's history (the year's too) is checked against the lifecycle
 * table by test/integration/demo-centre.test.ts.
 * Real: the whole platform on the shared services, seeding as `npm start` does, read back with
 * SQL and over HTTP as the demo supervisor. Faked: nothing.
 */
import { demoWeekStart } from '../../migrations/seed/demo-service-desk';
import { run } from '../support/core-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

jest.setTimeout(180_000);

/** test/contract-incidents.graphql `ServiceKpis`, verbatim */
const SERVICE_KPIS = `query ServiceKpis($from: DateTimeISO!, $to: DateTimeISO!, $siteId: ID) {
  serviceKpis(from: $from, to: $to, siteId: $siteId) {
    calls requests complaints workOrdersOpened workOrdersClosed
    respondedInTimePct resolvedInTimePct medianRespondMinutes medianResolveMinutes
    callbacksDone callbacksOnTimePct avgSatisfaction incidents
    byOperator { staff { username } calls requests avgSatisfaction }
    byDepartment { department workOrders resolvedInTimePct }
  }
}`;

const DAY_MS = 86_400_000;
/** the start of the demo week (demo-service-desk.ts): the year is before it */
const WEEK_START = `'${demoWeekStart(new Date()).toISOString()}'::timestamptz`;
/** an estate month, YYYY-MM */
const MONTH = (column: string) => `to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM')`;

interface Kpis {
  calls: number;
  requests: number;
  complaints: number;
  workOrdersOpened: number;
  workOrdersClosed: number;
  respondedInTimePct: number | null;
  resolvedInTimePct: number | null;
  callbacksDone: number;
  callbacksOnTimePct: number | null;
  avgSatisfaction: number | null;
  incidents: number;
  byOperator: Array<{ staff: { username: string }; calls: number; avgSatisfaction: number | null }>;
  byDepartment: Array<{ department: string; workOrders: number }>;
}

/** the estate months from the one `from` falls in to the one `to` falls in, YYYY-MM */
function monthsBetween(from: Date, to: Date): string[] {
  const month = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
  const months: string[] = [];
  for (let at = from; month(at) <= month(to); at = new Date(at.getTime() + 10 * DAY_MS))
    if (!months.includes(month(at))) months.push(month(at));
  return months;
}

describe('the demo year', () => {
  let platform: TestPlatform;
  const sql = <T>(text: string) => platform.orm.em.fork().execute<T[]>(text);
  const count = async (text: string) => Number((await sql<{ n: string }>(text))[0].n);

  beforeAll(async () => {
    platform = await startTestPlatform({ DEMO_HISTORY: 'on' });
  });
  afterAll(() => platform?.stop());

  it('spans a year: calls, work orders and callbacks in every month, a few calls a day on every channel', async () => {
    const [span] = await sql<{ first: string; days: string; calls: string }>(
      `select min(started_at) as first, count(distinct date_trunc('day', started_at)) as days, count(*) as calls
         from call where started_at < ${WEEK_START}`,
    );
    const first = new Date(span.first);
    expect(Date.now() - first.getTime()).toBeGreaterThanOrEqual(360 * DAY_MS);
    expect(Number(span.days)).toBeGreaterThanOrEqual(360);
    // the demo estate's volume: a few calls a day
    expect(Number(span.calls)).toBeGreaterThan(1000);
    expect(Number(span.calls)).toBeLessThan(2500);

    const months = async (table: string, column: string) =>
      (await sql<{ m: string }>(`select distinct ${MONTH(column)} as m from ${table}`)).map((r) => r.m);
    const every = monthsBetween(first, new Date(Date.now() - 10 * DAY_MS));
    expect(every.length).toBeGreaterThanOrEqual(12);
    const withCalls = await months('call', 'started_at');
    const withWorkOrders = await months('work_order', 'created_at');
    const withCallbacks = await months('callback', 'created_at');
    for (const month of every) {
      expect({ month, calls: withCalls.includes(month) }).toEqual({ month, calls: true });
      expect({ month, workOrders: withWorkOrders.includes(month) }).toEqual({ month, workOrders: true });
      expect({ month, callbacks: withCallbacks.includes(month) }).toEqual({ month, callbacks: true });
    }
    const channels = await sql<{ channel: string }>(
      `select distinct channel from call where started_at < ${WEEK_START} order by channel`,
    );
    expect(channels.map((c) => c.channel).sort()).toEqual(['APP', 'PHONE', 'WALK_IN', 'WECHAT']);
    const categories = await sql<{ category: string }>(
      `select distinct category from service_request where created_at < ${WEEK_START} order by category`,
    );
    expect(categories.map((c) => c.category).sort()).toEqual([
      'BUSINESS',
      'COMPLAINT',
      'INQUIRY',
      'REPAIR',
      'SUGGESTION',
    ]);
  });

  it('has more heating faults in winter and more water faults in summer', async () => {
    const [season] = await sql<{
      winter_heat: string;
      summer_heat: string;
      summer_water: string;
      winter_water: string;
    }>(
      `select count(*) filter (where m in (12, 1, 2) and description like '%暖气%') as winter_heat,
              count(*) filter (where m in (6, 7, 8) and description like '%暖气%') as summer_heat,
              count(*) filter (where m in (6, 7, 8) and (description like '%水压%' or description like '%进水%' or description like '%渗水%')) as summer_water,
              count(*) filter (where m in (12, 1, 2) and (description like '%水压%' or description like '%进水%' or description like '%渗水%')) as winter_water
         from (select description, extract(month from created_at at time zone 'Asia/Shanghai') as m
                 from service_request where category = 'REPAIR') r`,
    );
    expect(Number(season.winter_heat)).toBeGreaterThan(Number(season.summer_heat));
    expect(Number(season.summer_water)).toBeGreaterThan(Number(season.winter_water));
  });

  it('answers serviceKpis for the last year as the demo supervisor: a living centre', async () => {
    const supervisor = await platform.login('supervisor');
    const to = new Date();
    const from = new Date(to.getTime() - 365 * DAY_MS);
    const { serviceKpis: k } = await run<{ serviceKpis: Kpis }>(
      platform.graphqlUrl,
      SERVICE_KPIS,
      { from: from.toISOString(), to: to.toISOString(), siteId: null },
      supervisor,
    );
    expect(k.calls).toBeGreaterThan(1000);
    expect(k.requests).toBeGreaterThan(1000);
    expect(k.complaints).toBeGreaterThan(0);
    expect(k.workOrdersOpened).toBeGreaterThan(300);
    expect(k.workOrdersClosed).toBeGreaterThan(200);
    // mostly on time, some late
    expect(k.respondedInTimePct).toBeGreaterThan(70);
    expect(k.respondedInTimePct).toBeLessThan(100);
    expect(k.resolvedInTimePct).toBeGreaterThan(70);
    expect(k.resolvedInTimePct).toBeLessThan(100);
    expect(k.callbacksDone).toBeGreaterThan(200);
    expect(k.callbacksOnTimePct).toBeGreaterThan(50);
    expect(k.callbacksOnTimePct).toBeLessThan(100);
    expect(k.avgSatisfaction).toBeGreaterThanOrEqual(4);
    expect(k.avgSatisfaction).toBeLessThanOrEqual(5);
    expect(k.incidents).toBeGreaterThanOrEqual(12);
    expect(k.byOperator.map((o) => o.staff.username).sort()).toEqual(['hotline-manager', 'operator']);
    expect(k.byOperator.every((o) => o.calls > 0 && o.avgSatisfaction! >= 1 && o.avgSatisfaction! <= 5)).toBe(true);
    expect(k.byDepartment.map((d) => d.department).sort()).toEqual(['CUSTOMER_SERVICE', 'ENGINEERING']);
  });

  it('holds a dozen ended incidents with their buildings, units, calls, requests, callbacks and announcements', async () => {
    const incidents = await sql<{
      source: string;
      kind: string;
      buildings: string;
      units: string;
      calls: string;
      requests: string;
      callbacks: string;
      announcements: string;
      expired: string;
    }>(
      `select i.source, i.kind,
              (select count(*) from incident_building b where b.incident_id = i.id) as buildings,
              (select count(*) from incident_unit u where u.incident_id = i.id) as units,
              (select count(*) from call_incident c where c.incident_id = i.id) as calls,
              (select count(*) from service_request r where r.incident_id = i.id) as requests,
              (select count(*) from callback b where b.incident_id = i.id and b.reason = 'INCIDENT_ENDED') as callbacks,
              (select count(*) from announcement a where a.incident_id = i.id and a.status = 'PUBLISHED'
                  and exists (select 1 from announcement_unit au where au.announcement_id = a.id)) as announcements,
              (select count(*) from announcement a where a.incident_id = i.id and a.expires_at <= now()) as expired
         from incident i where i.status = 'ENDED' and i.ended_at is not null`,
    );
    expect(incidents.length).toBeGreaterThanOrEqual(12);
    expect(new Set(incidents.map((i) => i.kind))).toEqual(new Set(['WATER', 'ELECTRIC', 'HEATING']));
    expect(new Set(incidents.map((i) => i.source))).toEqual(new Set(['PLANNED', 'MANUAL']));
    for (const i of incidents) {
      expect(Number(i.buildings)).toBeGreaterThan(0);
      expect(Number(i.units)).toBeGreaterThan(0);
      expect(Number(i.calls)).toBeGreaterThan(0);
      expect(Number(i.requests)).toBe(Number(i.calls));
      expect(Number(i.callbacks)).toBeGreaterThan(0);
      expect(Number(i.announcements)).toBe(1);
      expect(Number(i.expired)).toBe(1);
    }
    expect(await count(`select count(*) as n from incident where status <> 'ENDED'`)).toBe(0);
  });

  it('lists two handovers a day a year back in `shifts`, every one taken over', async () => {
    const manager = await platform.login('hotline-manager');
    const closed: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        shifts: {
          nodes: Array<{ closedAt: string; takenOverAt: string | null }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = await run(
        platform.graphqlUrl,
        'query($after: String) { shifts(first: 500, after: $after) { nodes { closedAt takenOverAt } pageInfo { hasNextPage endCursor } } }',
        { after },
        manager,
      );
      closed.push(...page.shifts.nodes.map((s) => s.closedAt));
      expect(page.shifts.nodes.every((s) => s.takenOverAt !== null)).toBe(true);
      if (!page.shifts.pageInfo.hasNextPage) break;
      after = page.shifts.pageInfo.endCursor;
    }
    expect(closed.length).toBeGreaterThan(700);
    expect(Date.now() - new Date(closed.at(-1)!).getTime()).toBeGreaterThanOrEqual(360 * DAY_MS);
    // the newest is from the last day: the log runs up to now
    expect(Date.now() - new Date(closed[0]).getTime()).toBeLessThan(DAY_MS);
  });

  it('leaves nothing of the past open: no work order to escalate, no callback due, no shift to take over', async () => {
    const yearOrders = await count(`select count(*) as n from work_order where created_at < ${WEEK_START}`);
    expect(yearOrders).toBeGreaterThan(300);
    expect(
      await count(
        `select count(*) as n from work_order where created_at < ${WEEK_START}
            and status in ('OPEN', 'DISPATCHED', 'IN_PROGRESS', 'ON_HOLD', 'RESOLVED')`,
      ),
    ).toBe(0);
    const escalated = await platform.services.escalation.runOnce(new Date());
    const ids: string[] = Object.values(escalated).flat();
    if (ids.length) {
      const old = await count(
        `select count(*) as n from work_order where created_at < ${WEEK_START} and id in (${ids.map((id) => `'${id}'`).join(', ')})`,
      );
      expect(old).toBe(0);
    }
    expect(await count(`select count(*) as n from callback`)).toBeGreaterThan(300);
    expect(await count(`select count(*) as n from callback where status = 'DUE'`)).toBe(0);
    expect(await count(`select count(*) as n from callback where status = 'UNREACHABLE'`)).toBeGreaterThan(0);
    expect(await count(`select count(*) as n from shift where taken_over_at is null`)).toBe(0);
  });

  it('is seeded once: a restart on the same database adds no second year', async () => {
    const tables = ['call', 'work_order', 'callback', 'incident', 'announcement', 'shift'];
    const before = await Promise.all(tables.map((t) => count(`select count(*) as n from ${t}`)));
    expect(before.every((n) => n > 0)).toBe(true);
    await platform.stop();
    platform = await startTestPlatform({ DEMO_HISTORY: 'on' }, { resetDatabase: false });
    const after = await Promise.all(tables.map((t) => count(`select count(*) as n from ${t}`)));
    expect(after).toEqual(before);
  });
});

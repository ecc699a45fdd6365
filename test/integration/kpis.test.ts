/**
 * Service KPIs (contract `ServiceKpis`, verbatim below): every figure on a small hand-made
 * month of one site — calls, requests, complaints, work orders opened and closed, in-time
 * shares, medians, incidents, by operator and by department — with rows just outside the period
 * and on another site that must not count; the roles that may ask; site scoping; bad periods.
 * The callback figures are computed from a `callback` table when it exists: here a temporary one
 * with the columns schema/kpis/kpi.sql.ts reads, on one connection, through the platform's own
 * KpiService. Real: the platform over HTTP on the shared PostgreSQL, rows inserted with SQL.
 * Faked: nothing (the temporary callback table stands in for the callbacks' own table).
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { KpiService } from '../../schema/kpis/kpi.service';
import { Role } from '../../schema/staff/role.enum';
import { codeOf, newSite, newStaff, run, type NewStaff } from '../support/core-operations';
import { postGraphql } from '../support/graphql-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

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

const FROM = '2025-03-01T00:00:00.000Z';
const TO = '2025-04-01T00:00:00.000Z';
const at = (iso: string) => new Date(iso);
const plus = (iso: string, minutes: number) => new Date(at(iso).getTime() + minutes * 60_000);

describe('service KPIs', () => {
  let platform: TestPlatform;
  let url: string;
  let manager: string;
  let site: string;
  let other: string;
  let supervisor: NewStaff;
  let op1: NewStaff;
  let op2: NewStaff;
  /** an operator of the other site */
  let opX: NewStaff;
  let serial = 0;

  const sql = (query: string, params: unknown[] = []) => platform.orm.em.fork().getConnection().execute(query, params);
  const ask = (token: string, variables: Record<string, unknown>) =>
    postGraphql<{ serviceKpis: Record<string, unknown> }, object>(url, SERVICE_KPIS, variables, token);

  const call = (operatorId: string, siteId: string | null, startedAt: string) =>
    sql(
      `insert into call (id, channel, phone, operator_id, site_id, started_at) values (?, 'PHONE', '13800000000', ?, ?, ?)`,
      [randomUUID(), operatorId, siteId, at(startedAt)],
    );
  const request = (createdBy: string, siteId: string | null, category: string, createdAt: string) =>
    sql(
      `insert into service_request (id, number, category, description, site_id, created_by_id, created_at)
       values (?, ?, ?, 'kpi', ?, ?, ?)`,
      [randomUUID(), `SR-KPI-${++serial}`, category, siteId, createdBy, at(createdAt)],
    );
  /** a work order opened at `createdAt`, due in 60 minutes (response) and 24 hours (resolution) */
  const workOrder = (w: {
    siteId: string;
    department: string;
    status: string;
    createdAt: string;
    respondedAfter?: number;
    resolvedAfter?: number;
    finishedAt?: string;
    deadlinesAt?: string;
  }) => {
    const respondBy = w.deadlinesAt ? at(w.deadlinesAt) : plus(w.createdAt, 60);
    const resolveBy = w.deadlinesAt ? at(w.deadlinesAt) : plus(w.createdAt, 24 * 60);
    return sql(
      `insert into work_order (id, number, title, status, priority, source, department, due_at, respond_by, resolve_by,
         responded_at, resolved_at, finished_at, steps, site_id, created_at, updated_at)
       values (?, ?, 'kpi', ?, 'NORMAL', 'MANUAL', ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)`,
      [
        randomUUID(),
        `WO-KPI-${++serial}`,
        w.status,
        w.department,
        respondBy,
        respondBy,
        resolveBy,
        w.respondedAfter === undefined ? null : plus(w.createdAt, w.respondedAfter),
        w.resolvedAfter === undefined ? null : plus(w.createdAt, w.resolvedAfter),
        w.finishedAt ? at(w.finishedAt) : null,
        w.siteId,
        at(w.createdAt),
        at(w.createdAt),
      ],
    );
  };
  const incident = (siteId: string, startedAt: string) =>
    sql(
      `insert into incident (id, number, title, kind, status, source, started_at, site_id, created_at)
       values (?, ?, 'kpi', 'WATER', 'ENDED', 'MANUAL', ?, ?, ?)`,
      [randomUUID(), `INC-KPI-${++serial}`, at(startedAt), siteId, at(startedAt)],
    );

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    manager = await platform.login('manager');
    site = (await newSite(url, manager, 'KPI')).siteId;
    other = (await newSite(url, manager, 'KPX')).siteId;
    supervisor = await newStaff(url, manager, { role: 'SUPERVISOR', siteIds: [site] });
    op1 = await newStaff(url, manager, { role: 'HOTLINE_OPERATOR', siteIds: [site], username: 'kpi-op-1' });
    op2 = await newStaff(url, manager, { role: 'HOTLINE_OPERATOR', siteIds: [site], username: 'kpi-op-2' });
    opX = await newStaff(url, manager, { role: 'HOTLINE_OPERATOR', siteIds: [other], username: 'kpi-op-x' });

    // calls: op1 3, op2 1 in March; one just before, one at the end instant, one on the other site
    for (const t of ['2025-03-01T00:00:00Z', '2025-03-10T08:00:00Z', '2025-03-31T23:59:59Z'])
      await call(op1.id, site, t);
    await call(op2.id, site, '2025-03-15T09:00:00Z');
    await call(op1.id, site, '2025-02-28T23:59:59Z');
    await call(op2.id, site, TO);
    await call(op2.id, other, '2025-03-15T09:00:00Z');
    // unknown callers (no site): the site of the operator who took it
    await call(op1.id, null, '2025-03-12T09:00:00Z');
    await call(opX.id, null, '2025-03-12T09:00:00Z');

    // requests: op1 REPAIR ×2 + COMPLAINT, op2 COMPLAINT + INQUIRY; outside: before, other site
    await request(op1.id, site, 'REPAIR', '2025-03-02T10:00:00Z');
    await request(op1.id, site, 'REPAIR', '2025-03-03T10:00:00Z');
    await request(op1.id, site, 'COMPLAINT', '2025-03-04T10:00:00Z');
    await request(op2.id, site, 'COMPLAINT', '2025-03-05T10:00:00Z');
    await request(op2.id, site, 'INQUIRY', '2025-03-06T10:00:00Z');
    await request(op1.id, site, 'COMPLAINT', '2025-02-20T10:00:00Z');
    await request(op2.id, other, 'COMPLAINT', '2025-03-05T10:00:00Z');
    await request(op2.id, null, 'SUGGESTION', '2025-03-07T10:00:00Z'); // about no unit: op2's site
    await request(opX.id, null, 'SUGGESTION', '2025-03-07T10:00:00Z');

    // work orders opened in March (W1–W6, W8), one opened in February and closed in March (W7)
    const W1 = '2025-03-02T10:00:00Z';
    await workOrder({
      siteId: site,
      department: 'ENGINEERING',
      status: 'CLOSED',
      createdAt: W1,
      respondedAfter: 30,
      resolvedAfter: 600,
      finishedAt: '2025-03-05T00:00:00Z',
    });
    await workOrder({
      siteId: site,
      department: 'ENGINEERING',
      status: 'CLOSED',
      createdAt: '2025-03-03T10:00:00Z',
      respondedAfter: 90,
      resolvedAfter: 1800,
      finishedAt: '2025-04-02T00:00:00Z',
    });
    await workOrder({
      siteId: site,
      department: 'ENGINEERING',
      status: 'IN_PROGRESS',
      createdAt: '2025-03-04T10:00:00Z',
      respondedAfter: 20,
    });
    await workOrder({
      siteId: site,
      department: 'SECURITY',
      status: 'RESOLVED',
      createdAt: '2025-03-05T10:00:00Z',
      respondedAfter: 60,
      resolvedAfter: 1440,
    });
    await workOrder({
      siteId: site,
      department: 'SECURITY',
      status: 'CANCELLED',
      createdAt: '2025-03-06T10:00:00Z',
      finishedAt: '2025-03-06T11:00:00Z',
    });
    await workOrder({
      siteId: site,
      department: 'CUSTOMER_SERVICE',
      status: 'CLOSED',
      createdAt: '2025-03-07T10:00:00Z',
      respondedAfter: 10,
      resolvedAfter: 120,
      finishedAt: '2025-03-08T00:00:00Z',
    });
    await workOrder({
      siteId: site,
      department: 'ENGINEERING',
      status: 'CLOSED',
      createdAt: '2025-02-27T10:00:00Z',
      respondedAfter: 10,
      resolvedAfter: 100,
      finishedAt: '2025-03-02T00:00:00Z',
    });
    // W8: still open, its deadlines not yet passed: neither in time nor late
    await workOrder({
      siteId: site,
      department: 'ENGINEERING',
      status: 'OPEN',
      createdAt: '2025-03-20T10:00:00Z',
      deadlinesAt: '2099-01-01T00:00:00Z',
    });
    await workOrder({
      siteId: other,
      department: 'SECURITY',
      status: 'CLOSED',
      createdAt: '2025-03-02T10:00:00Z',
      respondedAfter: 5,
      resolvedAfter: 5,
      finishedAt: '2025-03-03T00:00:00Z',
    });

    await incident(site, '2025-03-09T00:00:00Z');
    await incident(site, '2025-02-09T00:00:00Z');
    await incident(other, '2025-03-09T00:00:00Z');
  });
  afterAll(() => platform?.stop());

  /** Every figure of March on the site, as worked out by hand above. */
  const MARCH = {
    calls: 5, // op1 4 (one from an unknown number), op2 1
    requests: 6, // op1 3, op2 3 (one about no unit)
    complaints: 2,
    workOrdersOpened: 7, // W1–W6 and W8; W7 was opened in February
    workOrdersClosed: 3, // W1, W6, W7 (W2 closed in April; W5 was cancelled)
    respondedInTimePct: 80, // known: W1 30, W2 90 (late), W3 20, W4 60 (= the deadline), W6 10; W5 cancelled, W8 not due
    resolvedInTimePct: 60, // known: W1, W2 (late), W3 (unresolved, past due), W4 (= the deadline), W6
    medianRespondMinutes: 30, // 10 20 30 60 90
    medianResolveMinutes: 1020, // 120 600 1440 1800
    callbacksDone: 0, // no callback table in this database
    callbacksOnTimePct: null,
    avgSatisfaction: null,
    incidents: 1,
    byOperator: [
      { staff: { username: 'kpi-op-1' }, calls: 4, requests: 3, avgSatisfaction: null },
      { staff: { username: 'kpi-op-2' }, calls: 1, requests: 3, avgSatisfaction: null },
    ],
    byDepartment: [
      { department: 'ENGINEERING', workOrders: 4, resolvedInTimePct: 33.3 }, // W1 of W1, W2, W3 (W8 not due)
      { department: 'SECURITY', workOrders: 2, resolvedInTimePct: 100 }, // W4 (W5 cancelled)
      { department: 'CUSTOMER_SERVICE', workOrders: 1, resolvedInTimePct: 100 },
    ],
  };

  it('answers every figure of a hand-made month exactly, as the manager asking for the site', async () => {
    const result = await ask(manager, { from: FROM, to: TO, siteId: site });
    expect(result.errors).toBeUndefined();
    expect(result.data!.serviceKpis).toEqual(MARCH);
  });

  it("a scoped supervisor's null siteId means their sites; the same figures", async () => {
    const result = await ask(supervisor.token, { from: FROM, to: TO });
    expect(result.errors).toBeUndefined();
    expect(result.data!.serviceKpis).toEqual(MARCH);
  });

  it("the manager's null siteId counts every site", async () => {
    const all = (await run<{ serviceKpis: typeof MARCH }>(url, SERVICE_KPIS, { from: FROM, to: TO }, manager))
      .serviceKpis;
    expect(all.calls).toBe(7);
    expect(all.requests).toBe(8);
    expect(all.complaints).toBe(3);
    expect(all.workOrdersOpened).toBe(8);
    expect(all.incidents).toBe(2);
  });

  it('another site, or a site that does not exist, is NOT_FOUND', async () => {
    expect(codeOf(await ask(supervisor.token, { from: FROM, to: TO, siteId: other }))).toBe('NOT_FOUND');
    expect(codeOf(await ask(manager, { from: FROM, to: TO, siteId: randomUUID() }))).toBe('NOT_FOUND');
  });

  it('MANAGER, SUPERVISOR and HOTLINE_MANAGER may ask; other roles are FORBIDDEN', async () => {
    const hotlineManager = await newStaff(url, manager, { role: Role.HOTLINE_MANAGER, siteIds: [site] });
    const answered = await ask(hotlineManager.token, { from: FROM, to: TO });
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.serviceKpis.calls).toBe(5);
    for (const role of [Role.HOTLINE_OPERATOR, Role.TECHNICIAN, Role.RELATIONS_OFFICER, Role.AFFAIRS_OFFICER]) {
      const someone = await newStaff(url, manager, { role, siteIds: [site] });
      expect(codeOf(await ask(someone.token, { from: FROM, to: TO }))).toBe('FORBIDDEN');
    }
  });

  it('a period that is empty, reversed or longer than two years is BAD_USER_INPUT', async () => {
    for (const [from, to] of [
      [FROM, FROM],
      [TO, FROM],
      ['2022-01-01T00:00:00Z', '2025-01-01T00:00:00Z'],
    ]) {
      expect(codeOf(await ask(manager, { from, to, siteId: site }))).toBe('BAD_USER_INPUT');
    }
    const twoYears = await ask(manager, { from: '2023-04-01T00:00:00Z', to: TO, siteId: site });
    expect(twoYears.errors).toBeUndefined();
    expect(twoYears.data!.serviceKpis.workOrdersOpened).toBe(8);
  });

  it('counts callbacks done, on time and their satisfaction, overall and per operator, once their table exists', async () => {
    const caller = { staffId: supervisor.id, sessionId: 'kpi', role: Role.SUPERVISOR, siteIds: [site], expiresAt: 0 };
    const figures = await platform.orm.em.fork().transactional(async (tx: EntityManager) => {
      // on this connection, `callback` names this temporary table (pg_temp comes first)
      await tx.execute(`create temp table callback (id uuid primary key, status text not null, due_at timestamptz not null,
        done_at timestamptz, satisfaction int, site_id uuid, assignee_id uuid) on commit drop`);
      const add = (
        status: string,
        due: string,
        done: string | null,
        satisfaction: number | null,
        siteId: string,
        by: string,
      ) =>
        tx.execute('insert into callback values (?, ?, ?, ?, ?, ?, ?)', [
          randomUUID(),
          status,
          at(due),
          done ? at(done) : null,
          satisfaction,
          siteId,
          by,
        ]);
      await add('DONE', '2025-03-03T12:00:00Z', '2025-03-03T10:00:00Z', 5, site, op1.id); // on time
      await add('DONE', '2025-03-03T12:00:00Z', '2025-03-04T10:00:00Z', 2, site, op1.id); // late
      await add('DONE', '2025-03-05T12:00:00Z', '2025-03-05T12:00:00Z', 4, site, op2.id); // on time (= due)
      await add('DUE', '2025-03-06T12:00:00Z', null, null, site, op2.id); // not done
      await add('UNREACHABLE', '2025-03-06T12:00:00Z', '2025-03-07T12:00:00Z', null, site, op2.id);
      await add('DONE', '2025-03-31T12:00:00Z', '2025-04-01T10:00:00Z', 1, site, op2.id); // done in April
      await add('DONE', '2025-03-03T12:00:00Z', '2025-03-03T10:00:00Z', 1, other, op2.id); // other site
      return new KpiService(() => new Date()).serviceKpis(tx, caller, at(FROM), at(TO), null);
    });
    expect(figures.callbacksDone).toBe(3);
    expect(figures.callbacksOnTimePct).toBe(66.7);
    expect(figures.avgSatisfaction).toBe(3.67);
    expect(figures.byOperator.map((o) => [o.staff.username, o.calls, o.requests, o.avgSatisfaction])).toEqual([
      ['kpi-op-1', 4, 3, 3.5],
      ['kpi-op-2', 1, 3, 4],
    ]);
    // the rest is as without callbacks
    expect(figures.calls).toBe(MARCH.calls);
    expect(figures.medianResolveMinutes).toBe(MARCH.medianResolveMinutes);
  });
});

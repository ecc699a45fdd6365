/**
 * The work order's whole life through `transitionWorkOrder` (service-desk contract), as the demo
 * accounts. Real: the whole platform on the shared services (PostgreSQL or PGlite, HTTP),
 * MikroORM, the outbox and audit rows. Faked: the platform's clock (PlatformOverrides.now, moved
 * by the tests) and the work orders' starting states (written by test/factories/work-order.factory.ts).
 */
import { MyWorkOrdersDocument, type WorkOrderStatus } from '../support/generated/graphql';
import { gql, postGraphql } from '../support/graphql-client';
import { codeOf, newSite, newStaff } from '../support/core-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { signInAll, transition, transitionOk, workOrderRow, type DemoAccount } from '../support/work-order-desk';
import { createWorkOrder, staffId, type WorkOrderSeed } from '../factories/work-order.factory';
import { workOrderMove } from '../../schema/desk/work-orders/work-order-lifecycle';
import { WorkOrderStatus as S } from '../../schema/desk/work-orders/work-order.enums';

jest.setTimeout(120_000);

const MIN = 60_000;
const STATUSES = Object.values(S);

/** The lifecycle of issue 8, written out: every allowed (from, to). */
const ALLOWED: Array<[S, S]> = [
  [S.OPEN, S.DISPATCHED],
  [S.DISPATCHED, S.DISPATCHED],
  [S.DISPATCHED, S.IN_PROGRESS],
  [S.IN_PROGRESS, S.ON_HOLD],
  [S.ON_HOLD, S.IN_PROGRESS],
  [S.IN_PROGRESS, S.RESOLVED],
  [S.RESOLVED, S.IN_PROGRESS],
  [S.RESOLVED, S.VERIFIED],
  [S.VERIFIED, S.CLOSED],
  [S.OPEN, S.CANCELLED],
  [S.DISPATCHED, S.CANCELLED],
  [S.ON_HOLD, S.CANCELLED],
];

describe('the work order lifecycle', () => {
  let platform: TestPlatform;
  let tokens: Record<DemoAccount, string>;
  let technicianId: string;
  let clock = Date.parse('2026-11-20T02:00:00.000Z');

  beforeAll(async () => {
    platform = await startTestPlatform({}, { overrides: { now: () => new Date(clock) } });
    tokens = await signInAll(platform);
    technicianId = await staffId(platform.orm, 'technician');
  });
  afterAll(() => platform?.stop());

  /** a work order opened now by the test's clock (so its history is in order) */
  const open = (seed: WorkOrderSeed = {}) => createWorkOrder(platform.orm, { openedAt: new Date(clock), ...seed });

  const query = async <T>(token: string, text: string, variables: object = {}) => {
    const result = await postGraphql<T, object>(platform.graphqlUrl, text, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };

  it('the table allows exactly the moves of the issue', () => {
    const allowed = STATUSES.flatMap((from) =>
      STATUSES.filter((to) => workOrderMove(from, to)).map((to) => [from, to]),
    );
    expect(allowed.sort()).toEqual([...ALLOWED].sort());
  });

  it('a request’s whole life: dispatch, start, hold, resume, resolve, rework, resolve, verify, close — each move in the history', async () => {
    const t0 = clock;
    const wo = await open({ openedAt: new Date(t0), withRequestBy: technicianId });
    let version = wo.version;
    const step = async (account: DemoAccount, minute: number, to: WorkOrderStatus, extra: object = {}) => {
      clock = t0 + minute * MIN;
      const moved = await transitionOk(platform, tokens[account], { id: wo.id, version, to, ...extra });
      expect(moved.version).toBe(version + 1);
      version = moved.version;
      return moved;
    };
    const dispatched = await step('operator', 5, 'DISPATCHED', { assigneeId: technicianId, note: 'kitchen tap' });
    expect(dispatched.assignee).toEqual({ id: technicianId, username: 'technician' });
    const started = await step('technician', 10, 'IN_PROGRESS');
    expect(started.respondedAt).toBe(new Date(t0 + 10 * MIN).toISOString());
    await step('technician', 20, 'ON_HOLD', { note: 'waiting for a washer' });
    await step('technician', 80, 'IN_PROGRESS');
    const resolved = await step('technician', 90, 'RESOLVED', { note: 'washer replaced' });
    expect(resolved.resolvedAt).toBe(new Date(t0 + 90 * MIN).toISOString());
    const reworked = await step('hotline-manager', 100, 'IN_PROGRESS', { note: 'still drips' });
    expect(reworked.resolvedAt).toBeNull(); // not resolved any more
    expect(reworked.respondedAt).toBe(started.respondedAt); // the first response stays
    await step('technician', 110, 'RESOLVED');
    await step('supervisor', 120, 'VERIFIED');
    const closed = await step('hotline-manager', 130, 'CLOSED');

    expect(closed.history.map((h) => [h.from, h.to, h.by?.username ?? null])).toEqual([
      [null, 'OPEN', null],
      ['OPEN', 'DISPATCHED', 'operator'],
      ['DISPATCHED', 'IN_PROGRESS', 'technician'],
      ['IN_PROGRESS', 'ON_HOLD', 'technician'],
      ['ON_HOLD', 'IN_PROGRESS', 'technician'],
      ['IN_PROGRESS', 'RESOLVED', 'technician'],
      ['RESOLVED', 'IN_PROGRESS', 'hotline-manager'],
      ['IN_PROGRESS', 'RESOLVED', 'technician'],
      ['RESOLVED', 'VERIFIED', 'supervisor'],
      ['VERIFIED', 'CLOSED', 'hotline-manager'],
    ]);
    expect(closed.history.map((h) => h.at)).toEqual(
      [0, 5, 10, 20, 80, 90, 100, 110, 120, 130].map((m) => new Date(t0 + m * MIN).toISOString()),
    );
    expect(closed.history[1].note).toBe('kitchen tap');
    expect(closed.history[6].note).toBe('still drips');

    const row = await workOrderRow(platform, wo.id);
    expect(row.finished_at?.toISOString()).toBe(new Date(t0 + 130 * MIN).toISOString());
    expect(row.audits).toBe(9); // one audit row per move, in its transaction
    expect(row.events).toBe(9); // one WORK_ORDER_CHANGED per move
    const [request] = await platform.orm.em
      .fork()
      .execute<Array<{ status: string; closed_at: Date }>>(
        'select status, closed_at from service_request where id = ?',
        [wo.serviceRequestId],
      );
    expect(request.status).toBe('CLOSED');
    expect(new Date(request.closed_at).toISOString()).toBe(new Date(t0 + 130 * MIN).toISOString());
  });

  it('ON_HOLD pauses the SLA clock exactly: deadlines move by the hold, and overdue is frozen while on hold', async () => {
    const t0 = clock;
    const wo = await open({
      openedAt: new Date(t0),
      status: S.IN_PROGRESS,
      assigneeId: technicianId,
      respondMinutes: 30,
      resolveMinutes: 60,
    });
    const before = await workOrderRow(platform, wo.id);
    clock = t0 + 40 * MIN;
    const held = await transitionOk(platform, tokens.technician, { id: wo.id, version: wo.version, to: 'ON_HOLD' });
    const overdue = async () =>
      (
        await query<{ workOrder: { overdue: boolean } }>(
          tokens.supervisor,
          'query($id: ID!) { workOrder(id: $id) { overdue } }',
          { id: wo.id },
        )
      ).workOrder.overdue;
    const listed = async (flag: boolean) =>
      (
        await query<{ workOrders: { nodes: Array<{ id: string }> } }>(
          tokens.supervisor,
          'query($o: Boolean) { workOrders(filter: { overdue: $o }, first: 500) { nodes { id } } }',
          { o: flag },
        )
      ).workOrders.nodes.map((n) => n.id);
    clock = t0 + 5 * 60 * MIN; // far past resolveBy (t0 + 60 min), but on hold since t0 + 40 min
    expect(await overdue()).toBe(false);
    expect(await listed(false)).toContain(wo.id);
    expect(await listed(true)).not.toContain(wo.id);

    const resumed = await transitionOk(platform, tokens.technician, {
      id: wo.id,
      version: held.version,
      to: 'IN_PROGRESS',
    });
    const after = await workOrderRow(platform, wo.id);
    const heldMs = 5 * 60 * MIN - 40 * MIN;
    expect(after.resolve_by.getTime() - before.resolve_by.getTime()).toBe(heldMs);
    expect(after.respond_by.getTime() - before.respond_by.getTime()).toBe(heldMs);
    expect(after.due_at.getTime() - before.due_at.getTime()).toBe(heldMs);
    expect(after.hold_started_at).toBeNull();
    expect(await overdue()).toBe(false); // 20 of the 60 minutes are left
    clock = after.resolve_by.getTime() + 1;
    expect(await overdue()).toBe(true);
    expect(await listed(true)).toContain(wo.id);
    expect(await listed(false)).not.toContain(wo.id);
    expect(resumed.status).toBe('IN_PROGRESS');
  });

  it('every move the table does not have is INVALID_TRANSITION, for every status, and changes nothing', async () => {
    let refused = 0;
    for (const from of STATUSES) {
      const wo = await open({ status: from, assigneeId: technicianId });
      const before = await workOrderRow(platform, wo.id);
      for (const to of STATUSES) {
        if (ALLOWED.some(([f, t]) => f === from && t === to)) continue;
        // the manager may make every move there is: only the lifecycle refuses
        const result = await transition(platform, tokens.manager, {
          id: wo.id,
          version: wo.version,
          to,
          note: 'n',
          assigneeId: technicianId,
        });
        expect([from, to, codeOf(result)]).toEqual([from, to, 'INVALID_TRANSITION']);
        refused++;
      }
      expect(await workOrderRow(platform, wo.id)).toEqual(before);
    }
    expect(refused).toBe(STATUSES.length * STATUSES.length - ALLOWED.length);
  });

  it('cancelling needs a note; it ends the request, and leaving ON_HOLD moves the deadlines', async () => {
    const t0 = clock;
    const wo = await open({
      openedAt: new Date(t0),
      status: S.ON_HOLD,
      assigneeId: technicianId,
      withRequestBy: technicianId,
    });
    const before = await workOrderRow(platform, wo.id);
    for (const note of [undefined, '   ']) {
      const refused = await transition(platform, tokens.supervisor, {
        id: wo.id,
        version: wo.version,
        to: 'CANCELLED',
        note,
      });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    }
    expect(await workOrderRow(platform, wo.id)).toEqual(before);
    clock = t0 + 10 * MIN;
    const cancelled = await transitionOk(platform, tokens.supervisor, {
      id: wo.id,
      version: wo.version,
      to: 'CANCELLED',
      note: 'the resident fixed it',
    });
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.history.at(-1)).toMatchObject({ from: 'ON_HOLD', to: 'CANCELLED', note: 'the resident fixed it' });
    const row = await workOrderRow(platform, wo.id);
    expect(row.finished_at?.getTime()).toBe(t0 + 10 * MIN);
    expect(row.resolve_by.getTime() - before.resolve_by.getTime()).toBe(
      t0 + 10 * MIN - before.hold_started_at!.getTime(),
    );
    const [request] = await platform.orm.em
      .fork()
      .execute<Array<{ status: string }>>('select status from service_request where id = ?', [wo.serviceRequestId]);
    expect(request.status).toBe('CANCELLED');
    // a cancelled work order is never overdue
    clock = t0 + 1000 * MIN;
    const { workOrder } = await query<{ workOrder: { overdue: boolean } }>(
      tokens.manager,
      'query($id: ID!) { workOrder(id: $id) { overdue } }',
      { id: wo.id },
    );
    expect(workOrder.overdue).toBe(false);
  });

  it('a stale version is CONFLICT and changes nothing; checks run NOT_FOUND → CONFLICT → INVALID_TRANSITION → FORBIDDEN', async () => {
    const wo = await open();
    const moved = await transitionOk(platform, tokens.operator, {
      id: wo.id,
      version: wo.version,
      to: 'DISPATCHED',
      assigneeId: technicianId,
    });
    const before = await workOrderRow(platform, wo.id);
    // the operator saw the old version: refused, nothing written (no history, audit or event)
    const stale = await transition(platform, tokens.supervisor, {
      id: wo.id,
      version: wo.version,
      to: 'CANCELLED',
      note: 'x',
    });
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0].extensions).toMatchObject({ version: moved.version });
    // stale and also an invalid move: CONFLICT first (re-read, then decide)
    expect(
      codeOf(await transition(platform, tokens.supervisor, { id: wo.id, version: wo.version, to: 'CLOSED' })),
    ).toBe('CONFLICT');
    // an invalid move by a role with no moves at all: INVALID_TRANSITION before FORBIDDEN
    expect(
      codeOf(await transition(platform, tokens.relations, { id: wo.id, version: moved.version, to: 'CLOSED' })),
    ).toBe('INVALID_TRANSITION');
    expect(
      codeOf(
        await transition(platform, tokens.relations, { id: wo.id, version: moved.version, to: 'CANCELLED', note: 'x' }),
      ),
    ).toBe('FORBIDDEN');
    expect(await workOrderRow(platform, wo.id)).toEqual(before);

    // another site's work order is NOT_FOUND, whatever else is wrong with the request
    const other = await newSite(
      platform.graphqlUrl,
      tokens.manager,
      `LC${Date.now().toString(36).slice(-4)}`.toUpperCase(),
    );
    const code = (
      await platform.orm.em
        .fork()
        .execute<Array<{ code: string }>>('select code from site where id = ?', [other.siteId])
    )[0].code;
    const theirs = await open({ siteCode: code });
    expect(codeOf(await transition(platform, tokens.supervisor, { id: theirs.id, version: 99, to: 'CLOSED' }))).toBe(
      'NOT_FOUND',
    );
    expect((await workOrderRow(platform, theirs.id)).version).toBe(theirs.version);
  });

  it('dispatch needs an active technician who may see the site; re-dispatch moves it to another', async () => {
    const wo = await open();
    const operatorId = await staffId(platform.orm, 'operator');
    const [{ id: hgSite }] = await platform.orm.em
      .fork()
      .execute<Array<{ id: string }>>("select id from site where code = 'HG'");
    const other = await newSite(
      platform.graphqlUrl,
      tokens.manager,
      `DS${Date.now().toString(36).slice(-4)}`.toUpperCase(),
    );
    const elsewhere = await newStaff(platform.graphqlUrl, tokens.manager, {
      role: 'TECHNICIAN',
      siteIds: [other.siteId],
    });
    const second = await newStaff(platform.graphqlUrl, tokens.manager, { role: 'TECHNICIAN', siteIds: [hgSite] });
    for (const assigneeId of [undefined, operatorId, elsewhere.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await transition(platform, tokens.operator, {
        id: wo.id,
        version: wo.version,
        to: 'DISPATCHED',
        assigneeId,
      });
      expect([assigneeId, codeOf(refused)]).toEqual([assigneeId, 'BAD_USER_INPUT']);
    }
    expect((await workOrderRow(platform, wo.id)).status).toBe('OPEN');
    const { assignableStaff } = await query<{ assignableStaff: Array<{ id: string }> }>(
      tokens.operator,
      'query { assignableStaff(department: ENGINEERING) { id } }',
    );
    expect(assignableStaff.map((s) => s.id)).toEqual(expect.arrayContaining([technicianId, second.id]));
    expect(assignableStaff.map((s) => s.id)).not.toContain(elsewhere.id);

    const first = await transitionOk(platform, tokens.operator, {
      id: wo.id,
      version: wo.version,
      to: 'DISPATCHED',
      assigneeId: technicianId,
      department: 'SECURITY',
    });
    const again = await transitionOk(platform, tokens['hotline-manager'], {
      id: wo.id,
      version: first.version,
      to: 'DISPATCHED',
      assigneeId: second.id,
      note: 'Sun Tao is off today',
    });
    expect(again.assignee?.id).toBe(second.id);
    expect(again.history.at(-1)).toMatchObject({ from: 'DISPATCHED', to: 'DISPATCHED', note: 'Sun Tao is off today' });
    // the first technician may no longer start it; the new one may
    expect(
      codeOf(await transition(platform, tokens.technician, { id: wo.id, version: again.version, to: 'IN_PROGRESS' })),
    ).toBe('FORBIDDEN');
    await transitionOk(platform, second.token, { id: wo.id, version: again.version, to: 'IN_PROGRESS' });
    const [{ department }] = await platform.orm.em
      .fork()
      .execute<Array<{ department: string }>>('select department from work_order where id = ?', [wo.id]);
    expect(department).toBe('SECURITY');
  });

  it('MyWorkOrders (as written in the contract) lists the technician’s own open work orders, with overdue', async () => {
    const t0 = clock;
    const mine = await open({
      status: S.DISPATCHED,
      assigneeId: technicianId,
      openedAt: new Date(t0 - 60 * MIN),
    });
    const done = await open({ status: S.CLOSED, assigneeId: technicianId });
    const nobodys = await open({ status: S.OPEN });
    const { workOrders } = await gql(platform.graphqlUrl, MyWorkOrdersDocument, {}, tokens.technician);
    const ids = workOrders.nodes.map((n) => n.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(done.id);
    expect(ids).not.toContain(nobodys.id);
    expect(workOrders.totalCount).toBe(ids.length);
    // respondBy (opened an hour ago, 30 min to respond) has passed with no response
    expect(workOrders.nodes.find((n) => n.id === mine.id)).toMatchObject({ status: 'DISPATCHED', overdue: true });
  });

  it('workOrders pages with after: each work order once, in order', async () => {
    for (let i = 0; i < 3; i++) await open();
    const page = async (after: string | null) =>
      (
        await query<{
          workOrders: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            nodes: Array<{ id: string }>;
          };
        }>(
          tokens.manager,
          'query($a: String) { workOrders(first: 2, after: $a) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }',
          {
            a: after,
          },
        )
      ).workOrders;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const p = await page(after);
      total = p.totalCount;
      seen.push(...p.nodes.map((n) => n.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThanOrEqual(3);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('the board (workOrders with history and assignee) costs the same statements for 1 or 20 more work orders (no N+1)', async () => {
    const knex = platform.orm.em.getConnection().getKnex();
    // first: 200 — a page that is not full needs no count statement, however many this file opened before
    const board = `query { workOrders(filter: { open: true }, first: 200) {
      totalCount nodes { id number status overdue respondBy resolveBy escalationLevel
        assignee { id username name } unit { id code } serviceRequest { id number }
        history { at from to by { username name } note } } } }`;
    const statementsFor = async () => {
      let n = 0;
      // not the board's: the relay's sweeps and a session re-read when the account cache renews it
      const count = (q: { sql: string }) => {
        if (!q.sql.includes('outbox_event') && !q.sql.includes('staff_session')) n++;
      };
      knex.on('query', count);
      const data = await query<{ workOrders: { totalCount: number; nodes: Array<{ history: unknown[] }> } }>(
        tokens.supervisor,
        board,
      );
      knex.removeListener('query', count);
      return {
        n,
        total: data.workOrders.totalCount,
        lines: data.workOrders.nodes.reduce((s, w) => s + w.history.length, 0),
      };
    };
    const seed = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const wo = await open({ withRequestBy: technicianId });
        await transitionOk(platform, tokens.operator, {
          id: wo.id,
          version: wo.version,
          to: 'DISPATCHED',
          assigneeId: technicianId,
        });
      }
    };
    await seed(1);
    const one = await statementsFor();
    expect(one.n).toBeGreaterThan(0); // the counter counted
    await seed(20);
    const more = await statementsFor();
    expect(more.total).toBe(one.total + 20);
    expect(more.lines).toBeGreaterThanOrEqual(one.lines + 40);
    expect(more.n).toBe(one.n);
    process.stdout.write(`board query: ${more.n} SQL statements for ${more.total} open work orders\n`);
  });
});

/**
 * The demo centre a newcomer's first `npm start` shows (DEMO_HISTORY, migrations/seed/demo-service-desk.ts):
 * a week of calls on every channel, requests of every category, work orders in every state —
 * and every work order's history, the week's and the year's before it (migrations/seed/demo-year.ts,
 * test/integration/demo-year.test.ts), is a path the lifecycle table allows, ending in its status.
 * Real: the whole platform on the shared services, seeding as `npm start` does, read back with
 * SQL and over HTTP as the demo supervisor. Faked: nothing.
 */
import { workOrderMove } from '../../schema/desk/work-orders/work-order-lifecycle';
import { WorkOrderStatus } from '../../schema/desk/work-orders/work-order.enums';
import { run } from '../support/core-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

jest.setTimeout(120_000);

interface HistoryRow {
  work_order_id: string;
  status: WorkOrderStatus;
  from: WorkOrderStatus | null;
  to: WorkOrderStatus;
  at: Date | string;
  responded_at: Date | string | null;
}

/** a timestamp column as epoch ms (the driver answers strings or Dates) */
const ms = (value: Date | string | null): number | null => (value === null ? null : new Date(value).getTime());

describe('the demo centre', () => {
  let platform: TestPlatform;
  const sql = <T>(text: string) => platform.orm.em.fork().execute<T[]>(text);

  beforeAll(async () => {
    platform = await startTestPlatform({ DEMO_HISTORY: 'on' });
  });
  afterAll(() => platform?.stop());

  it('holds a week of calls on every channel and requests of every category, answered ones closed without a work order', async () => {
    const calls = await sql<{ channel: string; n: string; days: string }>(
      `select channel, count(*) as n, count(distinct date_trunc('day', started_at)) as days from call group by channel`,
    );
    expect(calls.map((c) => c.channel).sort()).toEqual(['APP', 'PHONE', 'WALK_IN', 'WECHAT']);
    expect(calls.reduce((sum, c) => sum + Number(c.n), 0)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...calls.map((c) => Number(c.days)))).toBeGreaterThanOrEqual(6);

    const requests = await sql<{ category: string; with_order: string; closed_without: string }>(
      `select r.category, count(w.id) as with_order,
              count(*) filter (where w.id is null and r.status = 'CLOSED') as closed_without
         from service_request r left join work_order w on w.service_request_id = r.id group by r.category`,
    );
    const byCategory = new Map(requests.map((r) => [r.category, r]));
    expect([...byCategory.keys()].sort()).toEqual(['BUSINESS', 'COMPLAINT', 'INQUIRY', 'REPAIR', 'SUGGESTION']);
    expect(Number(byCategory.get('SUGGESTION')!.with_order)).toBe(0);
    expect(Number(byCategory.get('SUGGESTION')!.closed_without)).toBeGreaterThan(0);
    expect(Number(byCategory.get('INQUIRY')!.closed_without)).toBeGreaterThan(0);
    expect(Number(byCategory.get('REPAIR')!.with_order)).toBeGreaterThan(0);
    const [complaints] = await sql<{ n: string }>(
      `select count(*) as n from notification where kind = 'COMPLAINT_FILED' and recipient_role = 'HOTLINE_MANAGER'`,
    );
    expect(Number(complaints.n)).toBe(Number(byCategory.get('COMPLAINT')!.with_order));
  });

  it('has work orders in every state, each with a history the lifecycle allows that ends in its status', async () => {
    const states = await sql<{ status: string }>(`select distinct status from work_order`);
    expect(states.map((s) => s.status).sort()).toEqual(Object.values(WorkOrderStatus).sort());

    const rows = await sql<HistoryRow>(
      `select t.work_order_id, w.status, t."from", t."to", t.at, w.responded_at
         from work_order_transition t join work_order w on w.id = t.work_order_id
        order by t.work_order_id, t.at`,
    );
    const histories = new Map<string, HistoryRow[]>();
    for (const row of rows) histories.set(row.work_order_id, [...(histories.get(row.work_order_id) ?? []), row]);
    expect(histories.size).toBeGreaterThan(20);
    const now = Date.now();
    for (const [id, history] of histories) {
      const [opening, ...moves] = history;
      expect({ id, from: opening.from, to: opening.to }).toEqual({ id, from: null, to: 'OPEN' });
      let current = opening.to;
      let previousAt = ms(opening.at)!;
      for (const move of moves) {
        const allowed = move.from === current && workOrderMove(move.from, move.to) !== null;
        expect({ id, from: move.from, to: move.to, allowed }).toEqual({
          id,
          from: current,
          to: move.to,
          allowed: true,
        });
        expect(ms(move.at)).toBeGreaterThan(previousAt);
        expect(ms(move.at)).toBeLessThanOrEqual(now);
        current = move.to;
        previousAt = ms(move.at)!;
      }
      expect({ id, last: current }).toEqual({ id, last: history[0].status });
      const started = moves.find((m) => m.to === WorkOrderStatus.IN_PROGRESS);
      expect({ id, respondedAt: ms(history[0].responded_at) }).toEqual({
        id,
        respondedAt: started ? ms(started.at) : null,
      });
    }
  });

  it('is the demo supervisor`s working centre over the API: open work orders of the demo site on the board', async () => {
    const supervisor = await platform.login('supervisor');
    const board = await run<{
      workOrders: { totalCount: number; nodes: Array<{ status: string; serviceRequest: { number: string } | null }> };
    }>(
      platform.graphqlUrl,
      'query { workOrders(filter: { open: true }, first: 100) { totalCount nodes { status serviceRequest { number } } } }',
      {},
      supervisor,
    );
    expect(board.workOrders.totalCount).toBeGreaterThan(5);
    expect(board.workOrders.nodes.every((w) => w.serviceRequest?.number.startsWith('SR-'))).toBe(true);
    expect(new Set(board.workOrders.nodes.map((w) => w.status)).size).toBeGreaterThanOrEqual(4);
  });
});

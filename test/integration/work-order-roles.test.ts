/**
 * Who may make which move (issue 8: "a table test covers every role × transition"): every demo
 * role × every move of the lifecycle is either made or FORBIDDEN, and a technician moving a work
 * order assigned to someone else is FORBIDDEN whatever the move. The table below is written out
 * from the issue, not read from schema/desk/work-orders/work-order-lifecycle.ts.
 * Real: the whole platform on the shared services, HTTP, the demo accounts and a second
 * technician of the same site. Faked: the starting states (test/factories/work-order.factory.ts).
 */
import type { WorkOrderStatus, TransitionWorkOrderInput } from '../support/generated/graphql';
import { codeOf, newStaff } from '../support/core-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { DEMO_ACCOUNTS, signInAll, transition, workOrderRow, type DemoAccount } from '../support/work-order-desk';
import { createWorkOrder, staffId } from '../factories/work-order.factory';
import { WorkOrderStatus as S } from '../../schema/desk/work-orders/work-order.enums';

jest.setTimeout(120_000);

interface MoveCase {
  from: S;
  to: WorkOrderStatus;
  /** what the input carries besides id, version and to */
  extra: 'assignee' | 'note' | 'none';
  allowed: readonly DemoAccount[];
}

const DISPATCHERS = ['manager', 'supervisor', 'hotline-manager', 'operator'] as const;
/** the technician only on their own work orders */
const WORKERS = ['manager', 'supervisor', 'technician'] as const;
const CHECKERS = ['manager', 'supervisor', 'hotline-manager'] as const;

const MOVES: Record<string, MoveCase> = {
  dispatch: { from: S.OPEN, to: 'DISPATCHED', extra: 'assignee', allowed: DISPATCHERS },
  redispatch: { from: S.DISPATCHED, to: 'DISPATCHED', extra: 'assignee', allowed: DISPATCHERS },
  start: { from: S.DISPATCHED, to: 'IN_PROGRESS', extra: 'none', allowed: WORKERS },
  hold: { from: S.IN_PROGRESS, to: 'ON_HOLD', extra: 'note', allowed: WORKERS },
  resume: { from: S.ON_HOLD, to: 'IN_PROGRESS', extra: 'none', allowed: WORKERS },
  resolve: { from: S.IN_PROGRESS, to: 'RESOLVED', extra: 'note', allowed: WORKERS },
  rework: { from: S.RESOLVED, to: 'IN_PROGRESS', extra: 'note', allowed: CHECKERS },
  verify: { from: S.RESOLVED, to: 'VERIFIED', extra: 'none', allowed: CHECKERS },
  close: { from: S.VERIFIED, to: 'CLOSED', extra: 'none', allowed: CHECKERS },
  'cancel from OPEN': { from: S.OPEN, to: 'CANCELLED', extra: 'note', allowed: CHECKERS },
  'cancel from DISPATCHED': { from: S.DISPATCHED, to: 'CANCELLED', extra: 'note', allowed: CHECKERS },
  'cancel from ON_HOLD': { from: S.ON_HOLD, to: 'CANCELLED', extra: 'note', allowed: CHECKERS },
};

const CASES = Object.entries(MOVES).flatMap(([move, c]) =>
  DEMO_ACCOUNTS.map((account) => [move, account, c.allowed.includes(account) ? 'allowed' : 'FORBIDDEN'] as const),
);

describe('work order moves by role', () => {
  let platform: TestPlatform;
  let tokens: Record<DemoAccount, string>;
  let technicianId: string;
  let otherTechnician: { id: string; token: string };

  beforeAll(async () => {
    platform = await startTestPlatform();
    tokens = await signInAll(platform);
    technicianId = await staffId(platform.orm, 'technician');
    const [{ id: hg }] = await platform.orm.em
      .fork()
      .execute<Array<{ id: string }>>("select id from site where code = 'HG'");
    otherTechnician = await newStaff(platform.graphqlUrl, tokens.manager, { role: 'TECHNICIAN', siteIds: [hg] });
  });
  afterAll(() => platform?.stop());

  /** a work order in the move's starting status, assigned to the demo technician once dispatched */
  const setUp = async (c: MoveCase) => {
    const wo = await createWorkOrder(platform.orm, {
      status: c.from,
      assigneeId: c.from === S.OPEN ? null : technicianId,
    });
    const input: TransitionWorkOrderInput = {
      id: wo.id,
      version: wo.version,
      to: c.to,
      ...(c.extra === 'assignee' ? { assigneeId: technicianId } : {}),
      ...(c.extra === 'note' ? { note: 'a reason' } : {}),
    };
    return { wo, input };
  };

  it('covers 12 moves × 7 roles', () => {
    expect(CASES).toHaveLength(12 * 7);
    expect(CASES.filter(([, , expected]) => expected === 'allowed').length).toBeGreaterThan(0);
  });

  it.each(CASES)('%s as %s: %s', async (move, account, expected) => {
    const c = MOVES[move];
    const { wo, input } = await setUp(c);
    const before = await workOrderRow(platform, wo.id);
    const result = await transition(platform, tokens[account], input);
    if (expected === 'allowed') {
      expect(result.errors).toBeUndefined();
      expect(result.data!.transitionWorkOrder).toMatchObject({ status: c.to, version: wo.version + 1 });
      expect((await workOrderRow(platform, wo.id)).history).toBe(before.history + 1);
    } else {
      expect(codeOf(result)).toBe('FORBIDDEN');
      expect(await workOrderRow(platform, wo.id)).toEqual(before);
    }
  });

  it.each(Object.keys(MOVES))('%s of a work order assigned to another technician is FORBIDDEN', async (move) => {
    const c = MOVES[move];
    const { wo, input } = await setUp(c);
    const before = await workOrderRow(platform, wo.id);
    const result = await transition(platform, otherTechnician.token, input);
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(await workOrderRow(platform, wo.id)).toEqual(before);
  });
});

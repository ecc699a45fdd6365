/**
 * Working callbacks (回访): the incidents contract's Callbacks and RecordCallback as the demo
 * accounts — attempts until UNREACHABLE, the satisfaction's rules, a low score reopening the
 * work order (history, event, audit row, the hotline manager's notification), a low score on a
 * move-in callback (no work order) notifying the hotline manager all the same, roles, sites.
 * Real: the whole platform on the shared services (PostgreSQL or PGlite, HTTP), MikroORM, the
 * outbox and audit rows; the callbacks are scheduled by the real resolve move. Faked: the
 * platform's clock (PlatformOverrides.now, moved by the tests).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { newPhone } from '../factories/residents.factory';
import { codeOf, newSite, newStaff } from '../support/core-operations';
import {
  CALLBACKS,
  callbacksOf,
  gqlOk,
  recordCallback,
  residentOfHg,
  resolvedRequest,
  type CallbackNode,
} from '../support/callback-desk';
import { postGraphql } from '../support/graphql-client';
import { estateHourAfter } from '../../schema/callbacks/callback-timing';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { signInAll, workOrderRow, type DemoAccount } from '../support/work-order-desk';

jest.setTimeout(120_000);

const HOUR = 3_600_000;

describe('callbacks', () => {
  let platform: TestPlatform;
  let tokens: Record<DemoAccount, string>;
  // 10:00 Asia/Shanghai tomorrow: later than the real clock, which opens the requests' work
  // orders (their history must stay in order)
  const start = estateHourAfter(new Date(), 1, 10).getTime();
  let clock = start;

  beforeAll(async () => {
    platform = await startTestPlatform({}, { overrides: { now: () => new Date(clock) } });
    tokens = await signInAll(platform);
  });
  afterAll(() => platform?.stop());

  const list = async (token: string, due?: boolean) =>
    (await gqlOk<{ callbacks: { totalCount: number; nodes: CallbackNode[] } }>(platform, token, CALLBACKS, { due }))
      .callbacks;

  /** a resolved repair and its callback's id */
  const scheduled = async () => {
    const resolved = await resolvedRequest(platform, tokens);
    const rows = await callbacksOf(platform.orm, resolved.residentId);
    expect(rows).toHaveLength(1);
    return { ...resolved, callbackId: rows[0].id, dueAt: rows[0].due_at };
  };

  it('the contract’s Callbacks lists a callback once it is due, with its resident and work order', async () => {
    const { callbackId, residentId, workOrderId, dueAt } = await scheduled();
    // resolved at 10:00 (Asia/Shanghai): due at 10:00 the next day
    expect(dueAt.getTime()).toBe(start + 24 * HOUR);
    expect((await list(tokens.operator, true)).nodes.map((n) => n.id)).not.toContain(callbackId);
    expect((await list(tokens.operator, false)).nodes.map((n) => n.id)).toContain(callbackId);
    clock = dueAt.getTime();
    const due = await list(tokens.operator, true);
    const node = due.nodes.find((n) => n.id === callbackId)!;
    expect(node).toMatchObject({
      reason: 'WORK_ORDER_RESOLVED',
      status: 'DUE',
      attempts: 0,
      resident: { id: residentId },
      workOrder: { id: workOrderId },
      incident: null,
    });
    expect(node.resident.phone).toMatch(/\d/);
  });

  it('three failed attempts make it UNREACHABLE; each moves the next attempt on; a fourth is INVALID_TRANSITION', async () => {
    const { callbackId, residentId } = await scheduled();
    const firstDue = (await callbacksOf(platform.orm, residentId))[0].due_at;
    for (const attempt of [1, 2]) {
      clock += HOUR;
      const result = await recordCallback(platform, tokens.operator, { id: callbackId, reached: false });
      expect(result.errors).toBeUndefined();
      expect(result.data!.recordCallback).toMatchObject({ status: 'DUE', attempts: attempt });
      const [row] = await callbacksOf(platform.orm, residentId);
      expect(row.due_at.getTime()).toBe(clock + 4 * HOUR); // CALLBACK_RETRY_H default
      expect(row.first_due_at.getTime()).toBe(firstDue.getTime()); // "on time" keeps the first
    }
    const third = await recordCallback(platform, tokens.operator, { id: callbackId, reached: false });
    expect(third.data!.recordCallback).toMatchObject({ status: 'UNREACHABLE', attempts: 3, satisfaction: null });
    const fourth = await recordCallback(platform, tokens.operator, { id: callbackId, reached: false });
    expect(codeOf(fourth)).toBe('INVALID_TRANSITION');
    const [row] = await callbacksOf(platform.orm, residentId);
    expect(row).toMatchObject({ status: 'UNREACHABLE', attempts: 3, done_at: null });
  });

  it('reached needs a satisfaction of 1 to 5; a DONE callback cannot be recorded again', async () => {
    const { callbackId, residentId, workOrderId } = await scheduled();
    for (const satisfaction of [null, 0, 6, 2.5]) {
      const refused = await recordCallback(platform, tokens.operator, { id: callbackId, reached: true, satisfaction });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    }
    const notReached = await recordCallback(platform, tokens.operator, {
      id: callbackId,
      reached: false,
      satisfaction: 4,
    });
    expect(codeOf(notReached)).toBe('BAD_USER_INPUT');
    expect((await callbacksOf(platform.orm, residentId))[0]).toMatchObject({ status: 'DUE', attempts: 0 });

    const done = await recordCallback(platform, tokens.operator, {
      id: callbackId,
      reached: true,
      satisfaction: 4,
      comment: '修好了',
    });
    expect(done.data!.recordCallback).toMatchObject({
      status: 'DONE',
      satisfaction: 4,
      workOrder: { id: workOrderId, status: 'RESOLVED' }, // a good score leaves the work order alone
    });
    const [row] = await callbacksOf(platform.orm, residentId);
    expect(row.done_at!.getTime()).toBe(clock);
    const again = await recordCallback(platform, tokens.operator, { id: callbackId, reached: true, satisfaction: 5 });
    expect(codeOf(again)).toBe('INVALID_TRANSITION');
  });

  it('a score of 2 reopens the work order for the recording operator — history, event, audit row — and tells the hotline manager', async () => {
    const { callbackId, workOrderId } = await scheduled();
    const before = await workOrderRow(platform, workOrderId);
    expect(before.status).toBe('RESOLVED');
    clock += HOUR;
    const result = await recordCallback(platform, tokens.operator, {
      id: callbackId,
      reached: true,
      satisfaction: 2,
      comment: 'still leaking',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordCallback).toMatchObject({
      status: 'DONE',
      satisfaction: 2,
      workOrder: { id: workOrderId, status: 'IN_PROGRESS' },
    });
    const after = await workOrderRow(platform, workOrderId);
    expect(after).toMatchObject({ status: 'IN_PROGRESS', resolved_at: null, version: before.version + 1 });
    expect(after.history).toBe(before.history + 1);
    expect(after.events).toBe(before.events + 1);
    expect(after.audits).toBe(before.audits + 1);

    const em = platform.orm.em.fork();
    const [line] = await em.execute<Array<{ from: string; to: string; note: string; username: string }>>(
      `select t."from", t."to", t.note, s.username from work_order_transition t join staff s on s.id = t.by_id
       where t.work_order_id = ? order by t.at desc limit 1`,
      [workOrderId],
    );
    expect(line).toEqual({
      from: 'RESOLVED',
      to: 'IN_PROGRESS',
      note: 'reopened: callback satisfaction 2 — still leaking',
      username: 'operator',
    });
    const [audit] = await em.execute<Array<{ action: string }>>(
      `select action from audit_entry where entity_id = ? order by at desc limit 1`,
      [workOrderId],
    );
    expect(audit.action).toBe('workOrder.reopen');
    const [request] = await em.execute<Array<{ status: string }>>(
      `select r.status from service_request r join work_order w on w.service_request_id = r.id where w.id = ?`,
      [workOrderId],
    );
    expect(request.status).toBe('OPEN');

    const told = await gqlOk<{ notifications: { nodes: Array<{ kind: string; workOrder: { id: string } }> } }>(
      platform,
      tokens['hotline-manager'],
      'query { notifications(first: 500) { nodes { kind workOrder { id } } } }',
    );
    expect(told.notifications.nodes).toContainEqual({ kind: 'CALLBACK_LOW_SCORE', workOrder: { id: workOrderId } });
  });

  it('a low score on a CLOSED work order reopens it too (no longer finished)', async () => {
    const { callbackId, workOrderId } = await scheduled();
    await platform.orm.em
      .fork()
      .execute(`update work_order set status = 'CLOSED', finished_at = now() where id = ?`, [workOrderId]);
    const result = await recordCallback(platform, tokens.operator, { id: callbackId, reached: true, satisfaction: 1 });
    expect(result.data!.recordCallback.workOrder).toEqual({ id: workOrderId, status: 'IN_PROGRESS' });
    expect((await workOrderRow(platform, workOrderId)).finished_at).toBeNull();
  });

  it('only the hotline, supervisor and manager work callbacks', async () => {
    const { callbackId, residentId } = await scheduled();
    for (const account of ['technician', 'relations', 'affairs'] as const) {
      expect(codeOf(await recordCallback(platform, tokens[account], { id: callbackId, reached: false }))).toBe(
        'FORBIDDEN',
      );
      const listed = await postGraphqlCode(tokens[account]);
      expect(listed).toBe('FORBIDDEN');
    }
    for (const account of ['operator', 'hotline-manager', 'supervisor', 'manager'] as const) {
      expect((await list(tokens[account])).totalCount).toBeGreaterThan(0);
    }
    expect((await callbacksOf(platform.orm, residentId))[0].attempts).toBe(0); // the refusals changed nothing
  });

  it('staff of another site neither see nor record it (NOT_FOUND)', async () => {
    const { callbackId, residentId } = await scheduled();
    const other = await newSite(platform.graphqlUrl, tokens.manager, 'CB2');
    const stranger = await newStaff(platform.graphqlUrl, tokens.manager, {
      role: 'HOTLINE_OPERATOR',
      siteIds: [other.siteId],
    });
    expect(codeOf(await recordCallback(platform, stranger.token, { id: callbackId, reached: false }))).toBe(
      'NOT_FOUND',
    );
    expect((await list(stranger.token)).nodes.map((n) => n.id)).not.toContain(callbackId);
    expect((await callbacksOf(platform.orm, residentId))[0].attempts).toBe(0);
  });

  it('assignedToMe: unassigned ones and the caller’s own; an attempt makes the recorder its assignee', async () => {
    const { callbackId, residentId } = await scheduled();
    const MINE = `query { callbacks(filter: { assignedToMe: true }, first: 500) { nodes { id assignee { username } } } }`;
    const mine = async (account: DemoAccount) =>
      (
        await gqlOk<{ callbacks: { nodes: Array<{ id: string }> } }>(platform, tokens[account], MINE)
      ).callbacks.nodes.map((n) => n.id);
    expect(await mine('operator')).toContain(callbackId);
    expect(await mine('hotline-manager')).toContain(callbackId);
    await recordCallback(platform, tokens['hotline-manager'], { id: callbackId, reached: false });
    expect((await callbacksOf(platform.orm, residentId))[0].assignee_id).not.toBeNull();
    expect(await mine('hotline-manager')).toContain(callbackId);
    expect(await mine('operator')).not.toContain(callbackId);
  });

  it('a low score on a callback with no work order (a move-in’s) tells the hotline manager of the resident’s site, once, through the desk’s Notifications', async () => {
    const { unitId } = await residentOfHg(platform.orm, 'LOWNEW');
    const registered = await gqlOk<{ registerResident: { id: string } }>(
      platform,
      tokens.manager,
      `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`,
      { input: { name: '低分住户', phone: newPhone(), unitId, relation: 'TENANT' } },
    );
    const [callback] = await callbacksOf(platform.orm, registered.registerResident.id);
    expect(callback).toMatchObject({ reason: 'NEW_RESIDENT', work_order_id: null });
    clock = Math.max(clock, callback.due_at.getTime());
    const result = await recordCallback(platform, tokens.operator, {
      id: callback.id,
      reached: true,
      satisfaction: 1,
      comment: 'nobody told us where the bins are',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordCallback).toMatchObject({ status: 'DONE', satisfaction: 1, workOrder: null });

    // the desk's own operation (the escalations tab), as the hotline manager
    const desk = readFileSync(path.join(__dirname, '../../dashboards/desk/operations/Notifications.graphql'), 'utf8');
    type Told = {
      kind: string;
      workOrder: { id: string } | null;
      callback: { id: string; reason: string; satisfaction: number; resident: { id: string } } | null;
    };
    const told = await gqlOk<{ notifications: { nodes: Told[] } }>(platform, tokens['hotline-manager'], desk);
    const mine = told.notifications.nodes.filter((n) => n.callback?.id === callback.id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'CALLBACK_LOW_SCORE',
        workOrder: null,
        callback: {
          id: callback.id,
          reason: 'NEW_RESIDENT',
          satisfaction: 1,
          resident: expect.objectContaining({ id: registered.registerResident.id }),
        },
      }),
    ]);
    const [row] = await platform.orm.em.fork().execute<Array<{ n: number; site: string | null; role: string }>>(
      `select count(*)::int as n, min(n.site_id::text) as site, min(n.recipient_role::text) as role
           from notification n where n.callback_id = ?`,
      [callback.id],
    );
    expect(row).toEqual({ n: 1, site: callback.site_id, role: 'HOTLINE_MANAGER' });
    // routed to the hotline manager only: the supervisor's list does not hold it
    const supervisor = await gqlOk<{ notifications: { nodes: Told[] } }>(platform, tokens.supervisor, desk);
    expect(supervisor.notifications.nodes.filter((n) => n.callback?.id === callback.id)).toEqual([]);
  });

  const postGraphqlCode = async (token: string) => codeOf(await postGraphql(platform.graphqlUrl, CALLBACKS, {}, token));
});

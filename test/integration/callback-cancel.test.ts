/**
 * Cancelling callbacks (回访): a resident who moves out of their last unit, a work order
 * cancelled after its callback was scheduled, and staff's cancelCallback (roles, sites, CONFLICT,
 * INVALID_TRANSITION, the audit row); a cancelled callback is not due and counts neither as done
 * nor as late in the service KPIs.
 * Real: the whole platform on the shared services (PostgreSQL or PGlite, HTTP), MikroORM, the
 * real registerResident / moveOut / transitionWorkOrder moves that schedule and cancel, the
 * audit rows, serviceKpis' statements. Faked: the platform's clock (PlatformOverrides.now).
 */
import { estateHourAfter } from '../../schema/callbacks/callback-timing';
import { estateDate } from '../../schema/residents/local-date';
import { buildUnit, newPhone } from '../factories/residents.factory';
import {
  CALLBACKS,
  callbacksOf,
  gqlOk,
  recordCallback,
  residentOfHg,
  resolvedRequest,
  type CallbackNode,
} from '../support/callback-desk';
import { codeOf, newSite, newStaff } from '../support/core-operations';
import { postGraphql } from '../support/graphql-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { signInAll, type DemoAccount } from '../support/work-order-desk';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const REGISTER = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`;
const MOVE_OUT = `mutation($residentId: ID!, $unitId: ID!, $on: Date!) { moveOut(residentId: $residentId, unitId: $unitId, on: $on) { id } }`;
const TRANSITION = `mutation($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { id version status } }`;
const CANCEL = `mutation($input: CancelCallbackInput!) { cancelCallback(input: $input) { id status version cancelReason cancelledAt } }`;

describe('cancelling callbacks', () => {
  let platform: TestPlatform;
  let tokens: Record<DemoAccount, string>;
  // 10:00 Asia/Shanghai tomorrow: later than the real clock that opens the requests' work orders
  const start = estateHourAfter(new Date(), 1, 10).getTime();
  let clock = start;

  beforeAll(async () => {
    platform = await startTestPlatform({}, { overrides: { now: () => new Date(clock) } });
    tokens = await signInAll(platform);
  });
  afterAll(() => platform?.stop());

  const sql = <T>(query: string, params: unknown[] = []) => platform.orm.em.fork().execute<T[]>(query, params);
  const register = async (unitId: string, phone = newPhone()) =>
    (
      await gqlOk<{ registerResident: { id: string } }>(platform, tokens.manager, REGISTER, {
        input: { name: '取消测试', phone, unitId, relation: 'TENANT' },
      })
    ).registerResident.id;
  const cancel = (token: string, input: { id: string; version: number; reason: string }) =>
    postGraphql<{ cancelCallback: { id: string; status: string; version: number; cancelReason: string } }, object>(
      platform.graphqlUrl,
      CANCEL,
      { input },
      token,
    );
  const versionOf = async (id: string) =>
    (await sql<{ version: number }>('select version from callback where id = ?', [id]))[0].version;
  const dueList = async (token: string) =>
    (await gqlOk<{ callbacks: { nodes: CallbackNode[] } }>(platform, token, CALLBACKS, { due: true })).callbacks.nodes;

  it('moving out of one of two homes keeps the callback; out of the last one cancels it, with the reason, in the move-out’s audit row', async () => {
    const { unitId: first } = await residentOfHg(platform.orm, 'MO1');
    const { unitId: second } = await residentOfHg(platform.orm, 'MO2');
    const phone = newPhone();
    const residentId = await register(first, phone);
    await register(second, phone); // the phone is the person: a second home, still one open move-in callback
    const [callback] = await callbacksOf(platform.orm, residentId);
    expect((await callbacksOf(platform.orm, residentId)).map((c) => [c.reason, c.status])).toEqual([
      ['NEW_RESIDENT', 'DUE'],
    ]);
    const today = estateDate(new Date(clock));

    await gqlOk(platform, tokens.manager, MOVE_OUT, { residentId, unitId: first, on: today });
    expect((await callbacksOf(platform.orm, residentId))[0].status).toBe('DUE');

    await gqlOk(platform, tokens.manager, MOVE_OUT, { residentId, unitId: second, on: today });
    const [row] = await sql<{ status: string; cancel_reason: string; cancelled_at: unknown; version: number }>(
      'select status, cancel_reason, cancelled_at, version from callback where id = ?',
      [callback.id],
    );
    expect(row).toMatchObject({ status: 'CANCELLED', cancel_reason: `moved out on ${today}`, version: 2 });
    expect(new Date(row.cancelled_at as string).getTime()).toBe(clock);
    const [audit] = await sql<{ after: { cancelledCallbacks: number } | string }>(
      `select after from audit_entry where action = 'resident.move-out' and after->>'unit' = ? order by at desc limit 1`,
      [second],
    );
    const after = typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after;
    expect(after.cancelledCallbacks).toBe(1);

    // not due any more, and cannot be recorded
    clock = callback.due_at.getTime() + HOUR;
    expect((await dueList(tokens.operator)).map((n) => n.id)).not.toContain(callback.id);
    expect(codeOf(await recordCallback(platform, tokens.operator, { id: callback.id, reached: false }))).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('a work order cancelled after a rework cancels its open callback about the fix; an incident’s callback on it stays', async () => {
    const { residentId, workOrderId, version } = await resolvedRequest(platform, tokens);
    const [fix] = await callbacksOf(platform.orm, residentId);
    expect(fix).toMatchObject({ reason: 'WORK_ORDER_RESOLVED', status: 'DUE' });
    // another resident asked about an incident whose work order this is (scheduled as an incident's end does)
    const { residentId: neighbour } = await residentOfHg(platform.orm, 'WOC');
    await platform.orm.em
      .fork()
      .transactional((em) =>
        platform.services.callbackScheduler.insert(
          em,
          `select ?::uuid as resident_id, w.site_id, 'INCIDENT_ENDED' as reason from work_order w where w.id = ?`,
          [neighbour, workOrderId],
          { due: new Date(clock + 24 * HOUR), workOrderId, incidentId: null, at: new Date(clock) },
        ),
      );
    let v = version;
    const move = async (account: DemoAccount, to: string, note?: string) => {
      v = (
        await gqlOk<{ transitionWorkOrder: { version: number } }>(platform, tokens[account], TRANSITION, {
          input: { id: workOrderId, version: v, to, note },
        })
      ).transitionWorkOrder.version;
    };
    await move('hotline-manager', 'IN_PROGRESS', 'still drips'); // rework: the callback stays open
    expect((await callbacksOf(platform.orm, residentId))[0].status).toBe('DUE');
    await move('technician', 'ON_HOLD', 'waiting for a part');
    await move('hotline-manager', 'CANCELLED', 'the resident had it fixed privately');

    const [number] = await sql<{ number: string }>('select number from work_order where id = ?', [workOrderId]);
    const [cancelled] = await sql<{ status: string; cancel_reason: string }>(
      'select status, cancel_reason from callback where id = ?',
      [fix.id],
    );
    expect(cancelled).toEqual({ status: 'CANCELLED', cancel_reason: `work order ${number.number} cancelled` });
    expect((await callbacksOf(platform.orm, neighbour)).map((c) => [c.reason, c.status])).toEqual([
      ['INCIDENT_ENDED', 'DUE'],
    ]);
  });

  it('cancelCallback: relations officer, hotline manager, supervisor and manager; reason required; stale version CONFLICT; audit row; a cancelled or done one is INVALID_TRANSITION', async () => {
    const { residentId } = await resolvedRequest(platform, tokens);
    const [callback] = await callbacksOf(platform.orm, residentId);
    const v = await versionOf(callback.id);
    for (const account of ['operator', 'technician', 'affairs'] as const) {
      expect(codeOf(await cancel(tokens[account], { id: callback.id, version: v, reason: 'x' }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await cancel(tokens.relations, { id: callback.id, version: v, reason: '  ' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await cancel(tokens.relations, { id: callback.id, version: v + 1, reason: 'x' }))).toBe('CONFLICT');
    const other = await newSite(platform.graphqlUrl, tokens.manager, 'CBX');
    const stranger = await newStaff(platform.graphqlUrl, tokens.manager, {
      role: 'HOTLINE_MANAGER',
      siteIds: [other.siteId],
    });
    expect(codeOf(await cancel(stranger.token, { id: callback.id, version: v, reason: 'x' }))).toBe('NOT_FOUND');
    expect(await versionOf(callback.id)).toBe(v); // the refusals changed nothing

    const done = await cancel(tokens.relations, { id: callback.id, version: v, reason: 'asked not to be called' });
    expect(done.errors).toBeUndefined();
    expect(done.data!.cancelCallback).toMatchObject({
      status: 'CANCELLED',
      version: v + 1,
      cancelReason: 'asked not to be called',
    });
    const [audit] = await sql<{ action: string; username: string }>(
      `select a.action, s.username from audit_entry a join staff s on s.id = a.staff_id
        where a.entity_id = ? order by a.at desc limit 1`,
      [callback.id],
    );
    expect(audit).toEqual({ action: 'callback.cancel', username: 'relations' });
    expect(codeOf(await cancel(tokens.manager, { id: callback.id, version: v + 1, reason: 'again' }))).toBe(
      'INVALID_TRANSITION',
    );

    // a DONE one
    const second = await resolvedRequest(platform, tokens);
    const [reached] = await callbacksOf(platform.orm, second.residentId);
    expect(
      (await recordCallback(platform, tokens.operator, { id: reached.id, reached: true, satisfaction: 5 })).errors,
    ).toBeUndefined();
    expect(
      codeOf(
        await cancel(tokens['hotline-manager'], { id: reached.id, version: await versionOf(reached.id), reason: 'x' }),
      ),
    ).toBe('INVALID_TRANSITION');
  });

  it('the KPIs count a cancelled callback neither as done nor as late', async () => {
    const site = await newSite(platform.graphqlUrl, tokens.manager, 'CBK');
    const unit = async (tag: string) => (await buildUnit(platform.orm, site.buildingId, `K-${tag}`)).id;
    const kept = await register(await unit('A'));
    const dropped = await register(await unit('B'));
    const [keptCb] = await callbacksOf(platform.orm, kept);
    const [droppedCb] = await callbacksOf(platform.orm, dropped);
    expect(codeOf(await cancel(tokens.manager, { id: droppedCb.id, version: 1, reason: 'duplicate' }))).toBeUndefined();
    clock = keptCb.due_at.getTime() - HOUR; // reached an hour before it is due: on time
    expect(
      (await recordCallback(platform, tokens.manager, { id: keptCb.id, reached: true, satisfaction: 4 })).errors,
    ).toBeUndefined();
    clock = droppedCb.due_at.getTime() + 48 * HOUR; // long after the cancelled one was due

    const kpis = await gqlOk<{ serviceKpis: { callbacksDone: number; callbacksOnTimePct: number | null } }>(
      platform,
      tokens.manager,
      `query($from: DateTimeISO!, $to: DateTimeISO!, $siteId: ID) {
        serviceKpis(from: $from, to: $to, siteId: $siteId) { callbacksDone callbacksOnTimePct }
      }`,
      {
        from: new Date(start - 24 * HOUR).toISOString(),
        to: new Date(clock + HOUR).toISOString(),
        siteId: site.siteId,
      },
    );
    expect(kpis.serviceKpis).toEqual({ callbacksDone: 1, callbacksOnTimePct: 100 });
  });
});

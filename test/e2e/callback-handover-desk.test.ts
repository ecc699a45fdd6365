/**
 * The desk's callback dialog and shift handover beyond test/e2e/incidents.test.ts, in a real
 * browser (Debian Chromium through playwright-core, zh-CN) on /desk/ of the real platform
 * (PostgreSQL, InfluxDB, the MQTT broker, the outbox relay, HTTP and graphql-ws): a callback not
 * reached, then reached with a score of 2, which reopens its work order (on the board, in its
 * history); a handover whose shown open items are exactly those the server generated, taken over
 * by the supervisor, the log naming both. Each checks what the pages show and what the server
 * stored, that no page shows a raw message key, and that every page stayed clean (no uncaught
 * error, failed request or GraphQL error). Faked: nothing; the work order and the incident the
 * scenarios start from are made through the API as the demo accounts would.
 */
import { step as desksStep, type DeskPage } from './service-desk-pages';
import { deskScenario, homeIn, rawKeysOn, resolveWorkOrder } from './incident-desk-support';

jest.setTimeout(150_000);

describe('callbacks and the handover on the desk, in a real browser', () => {
  const s = deskScenario();
  const suffix = Date.now().toString().slice(-6);
  const step = (name: string, body: () => Promise<void>) => desksStep(name, s.pages, body);
  const translated = async (d: DeskPage) => expect(await rawKeysOn(d)).toEqual([]);

  it('a callback not reached, then reached with a score of 2: the work order is reopened', async () => {
    const home = await homeIn(s.api, 'B1', `${suffix}3`);
    const { startCall: call } = await s.api.as<{ startCall: { id: string } }>(
      'operator',
      'mutation($input: StartCallInput!) { startCall(input: $input) { id } }',
      { input: { phone: home.phone, channel: 'PHONE' } },
    );
    const { createServiceRequest: request } = await s.api.as<{
      createServiceRequest: { workOrder: { id: string; number: string; status: string; version: number } };
    }>(
      'operator',
      `mutation($input: CreateServiceRequestInput!) {
        createServiceRequest(input: $input) { workOrder { id number status version } } }`,
      {
        input: {
          category: 'REPAIR',
          description: '卫生间水龙头滴水 (e2e)',
          callId: call.id,
          residentId: home.residentId,
          unitId: home.unitId,
        },
      },
    );
    const wo = request.workOrder;
    expect((await resolveWorkOrder(s.api, wo)).status).toBe('RESOLVED');
    const operator = await s.desk('operator');
    const callback = operator.page
      .locator('[data-testid="callback-item"][data-reason="WORK_ORDER_RESOLVED"]')
      .filter({ hasText: wo.number });
    const dialog = operator.id('callback-dialog');
    const callbackRow = async () => {
      const { callbacks } = await s.api.as<{
        callbacks: {
          nodes: Array<{
            status: string;
            attempts: number;
            satisfaction: number | null;
            workOrder: { id: string } | null;
          }>;
        };
      }>('operator', '{ callbacks(first: 500) { nodes { status attempts satisfaction workOrder { id } } } }');
      return callbacks.nodes.filter((c) => c.workOrder?.id === wo.id);
    };

    await step('not reached: one attempt counted, the callback stays in the list', async () => {
      await operator.id('tab-callbacks').click();
      await callback.click();
      await dialog.waitFor({ state: 'visible' });
      expect(await dialog.locator('h2').textContent()).toBe('记录回访');
      expect(await operator.id('callback-dialog-who').textContent()).toContain(home.name);
      await translated(operator);
      await operator.page.keyboard.press('n');
      expect(await operator.id('callback-not-reached').isChecked()).toBe(true);
      await operator.id('callback-save').click();
      await dialog.waitFor({ state: 'hidden' });
      await callback.filter({ hasText: '已拨 1 次' }).waitFor();
      expect(await operator.id('callback-message').textContent()).toBe('已记录：待回访');
      expect(await callbackRow()).toEqual([
        { status: 'DUE', attempts: 1, satisfaction: null, workOrder: { id: wo.id } },
      ]);
    });

    await step('reached, satisfaction 2: done, and the work order is back IN_PROGRESS on the board', async () => {
      await callback.click();
      await dialog.waitFor({ state: 'visible' });
      expect(await operator.id('callback-reached').isChecked()).toBe(true);
      await operator.page.keyboard.press('2');
      expect(await operator.id('callback-score-2').isChecked()).toBe(true);
      await operator.id('callback-comment').fill('还在滴水，不满意 (e2e)');
      await operator.id('callback-comment').press('Control+Enter');
      await dialog.waitFor({ state: 'hidden' });
      await callback.waitFor({ state: 'detached' });
      expect(await operator.id('callback-message').textContent()).toBe('已记录：已完成');
      expect(await callbackRow()).toEqual([{ status: 'DONE', attempts: 2, satisfaction: 2, workOrder: { id: wo.id } }]);
      await operator.id('tab-board').click();
      await operator.page
        .locator(
          `[data-testid="board-column"][data-status="IN_PROGRESS"] [data-testid="board-card"][data-number="${wo.number}"]`,
        )
        .waitFor();
      const { workOrder } = await s.api.as<{
        workOrder: {
          status: string;
          history: Array<{ from: string | null; to: string; note: string | null; by: { username: string } | null }>;
        };
      }>('manager', 'query($id: ID!) { workOrder(id: $id) { status history { from to note by { username } } } }', {
        id: wo.id,
      });
      expect(workOrder.status).toBe('IN_PROGRESS');
      expect(workOrder.history.at(-1)).toMatchObject({
        from: 'RESOLVED',
        to: 'IN_PROGRESS',
        by: { username: 'operator' },
      });
      expect(workOrder.history.at(-1)!.note).toContain('satisfaction 2');
      await translated(operator);
    });
  });
  it('a handover: the open items shown are those the server generated; the supervisor takes it over', async () => {
    const home = await homeIn(s.api, 'B2', `${suffix}4`);
    const notes = `交班：B2 临时停水事件未结束 (e2e ${suffix})`;
    // something open at the handover: an active incident
    const { createIncident: open } = await s.api.as<{ createIncident: { id: string } }>(
      'affairs',
      'mutation($input: CreateIncidentInput!) { createIncident(input: $input) { id } }',
      {
        input: {
          title: `B2 临时停水 (e2e ${suffix})`,
          kind: 'WATER',
          buildingIds: [home.buildingId],
          startsAt: new Date().toISOString(),
          planned: false,
        },
      },
    );
    const operator = await s.desk('operator');
    const supervisor = await s.desk('supervisor');
    const shown = async (d: DeskPage, list: string) => {
      const items = await d.page.locator(`[data-testid="${list}"] [data-testid="shift-item"]`).all();
      const pairs = await Promise.all(
        items.map(async (li) => `${await li.getAttribute('data-kind')}:${await li.getAttribute('data-ref-id')}`),
      );
      return pairs.sort();
    };
    let items: string[] = [];

    await step('the operator closes the shift with notes: the items shown are the stored ones', async () => {
      await operator.id('handover-open').click();
      await operator.id('shift-notes').fill(notes);
      await translated(operator);
      await operator.id('shift-notes').press('Control+Enter');
      await operator.id('shift-open-items').waitFor();
      items = await shown(operator, 'shift-open-items');
      expect(items).toContain(`ACTIVE_INCIDENT:${open.id}`);
      const { shifts } = await s.api.as<{
        shifts: { nodes: Array<{ notes: string | null; openItems: Array<{ kind: string; refId: string | null }> }> };
      }>('hotline-manager', '{ shifts(first: 30) { nodes { notes openItems { kind refId } } } }');
      const stored = shifts.nodes.filter((s) => s.notes === notes);
      expect(stored).toHaveLength(1);
      expect(stored[0].openItems.map((i) => `${i.kind}:${i.refId ?? ''}`).sort()).toEqual(items);
      expect(await operator.id('shift-closed').textContent()).toContain(`已交班，遗留事项 ${items.length} 项`);
      await translated(operator);
      await operator.id('shift-dismiss').click();
    });

    await step('the supervisor sees it waiting, takes it over; the log names both', async () => {
      await supervisor.id('handover-open').click();
      await supervisor.id('shift-pending').waitFor({ state: 'visible' });
      expect(await supervisor.id('shift-pending-notes').textContent()).toBe(notes);
      expect(await shown(supervisor, 'shift-pending-items')).toEqual(items);
      await translated(supervisor);
      await supervisor.id('shift-take-over').click();
      await supervisor.id('shift-pending').waitFor({ state: 'hidden' });
      const entry = supervisor.id('shift-log-entry').filter({ hasText: notes });
      expect(await entry.textContent()).toContain('赵磊 Zhao Lei → 李强 Li Qiang');
      expect(await supervisor.id('shift-message').textContent()).toBe('已接班');
      const { shifts } = await s.api.as<{
        shifts: {
          nodes: Array<{
            notes: string | null;
            closedBy: { username: string };
            takenOverBy: { username: string } | null;
          }>;
        };
      }>('hotline-manager', '{ shifts(first: 30) { nodes { notes closedBy { username } takenOverBy { username } } } }');
      expect(shifts.nodes.find((s) => s.notes === notes)).toMatchObject({
        closedBy: { username: 'operator' },
        takenOverBy: { username: 'supervisor' },
      });
      await translated(supervisor);
    });
  });
});

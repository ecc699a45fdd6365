/**
 * Incidents at the desk in a real browser (Debian Chromium through playwright-core) on /desk/ of
 * the real platform (PostgreSQL, InfluxDB, the MQTT broker, the outbox relay, HTTP and
 * graphql-ws): a booster pump's device in building 2 publishes low water pressure over MQTT; the
 * alarm opens an incident that appears live on the operator's incidents tab; a resident of
 * building 2 calls, the call console shows the incident and the repair joins it (the incident's
 * work order, no second one); the pressure recovers, the technician resolves the work order
 * through the API, the incident ends by itself and leaves the list, and the resident's callback
 * appears in the operator's due list, where it is recorded with the keyboard. Meanwhile the operator
 * hands the shift over with the incident open (it is among the generated open items) and the
 * hotline manager, on their own page, sees the handover waiting and takes it over. The page must stay
 * clean: no uncaught error, no failed request, no GraphQL error. Faked: nothing on the server;
 * the readings carry timestamps five minutes back so the fault's 60 s on-delay lies in the past.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { WALL, graphqlAs, openDesk, step, type DeskPage } from './service-desk-pages';
import { buildIncidentEstate, resolveAsTechnician, type IncidentEstate } from './incidents-estate';

jest.setTimeout(90_000);

const REPAIR = '家里没水了，水压很低 (e2e)';
const COMMENT = '已恢复供水，满意 (e2e)';
const HANDOVER_NOTES = `B2 停水事件处理中，工单已派 (e2e ${Date.now()})`;

interface IncidentState {
  incident: { status: string; workOrder: { number: string } | null; requests: { totalCount: number } } | null;
}

describe('incidents at the desk: a sensor opens one, a call joins it, it ends, the callback follows', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let estate: IncidentEstate;
  let operator: DeskPage;
  let manager: DeskPage | undefined;
  const suffix = Date.now().toString().slice(-8);
  // reading time: the fault's on-delay lies in the past
  const t0 = Date.now() - 300_000;

  beforeAll(async () => {
    browser = await launchChromium();
    platform = await startTestPlatform();
  });

  afterAll(async () => {
    await estate?.sensor.endAsync().catch(() => undefined);
    await operator?.context.close().catch(() => undefined);
    await manager?.context.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
  });

  const incidentOf = (id: string) =>
    graphqlAs<IncidentState>(
      platform,
      'supervisor',
      'query($id: ID!) { incident(id: $id) { status workOrder { number } requests { totalCount } } }',
      { id },
    ).then((d) => d.incident);

  // One test, in steps: each continues from what the steps before it left (the same page, device,
  // incident and call), so they cannot run on their own.
  it('pressure fault in B2 → incident live → call joins it → fault clears, resolved → ended → callback', async () => {
    estate = await buildIncidentEstate(platform, suffix);
    const publish = (readings: object | object[]) =>
      estate.sensor.publishAsync(estate.device.telemetryTopic, JSON.stringify(readings), { qos: 1 });
    operator = await openDesk(browser, platform, 'operator', WALL);
    const pages = [operator];
    const item = () =>
      operator.page.locator('[data-testid="incident-item"][data-source="ALERT"]', {
        has: operator.page.locator('[data-testid="incident-buildings"]', { hasText: 'B2' }),
      });
    let incidentId = '';
    let workOrderNumber = '';

    await step('the operator watches the incidents tab before anything happens', pages, async () => {
      await operator.id('tab-incidents').click();
      await operator.page.locator('[data-testid="incidents"][data-state="ready"]').waitFor();
      expect(await item().count()).toBe(0);
    });

    await step('low pressure from the B2 pump opens an incident, shown live', pages, async () => {
      await publish([
        { ts: t0, seq: 1, values: { pressure_kpa: 92, flow_m3h: 3.1 } },
        { ts: t0 + 30_000, seq: 2, values: { pressure_kpa: 88, flow_m3h: 3.0 } },
        { ts: t0 + 61_000, seq: 3, values: { pressure_kpa: 85, flow_m3h: 2.9 } },
      ]);
      await item().waitFor({ timeout: 30_000 });
      expect(operator.watch.navigations).toBe(1); // live, not reloaded
      incidentId = (await item().getAttribute('data-incident-id'))!;
      expect(await item().getAttribute('data-status')).toBe('ACTIVE');
      expect(await item().locator('[data-testid="incident-kind"]').textContent()).toBe('停水');
      // the pump serves every unit of B2: the resident's unit at least
      const units = await item().locator('[data-testid="incident-units"]').textContent();
      expect(Number(units!.match(/\d+/)![0])).toBeGreaterThan(0);
      await item().locator('[data-testid="incident-wo"]').waitFor();
      workOrderNumber = (await item().locator('[data-testid="incident-wo"]').textContent())!.trim();
      expect(workOrderNumber).toMatch(/^WO-/);
      expect(await item().locator('[data-testid="incident-alerts"]').textContent()).toMatch(/1/);
    });

    const card = operator.id('caller-card');
    await step('a B2 resident calls: the console shows the incident, the repair joins it', pages, async () => {
      await operator.page.keyboard.press('F2');
      await operator.id('call-phone').fill(estate.phone);
      await operator.id('call-phone').press('Enter');
      await operator.page.locator(`[data-testid="call-incident"][data-incident-id="${incidentId}"]`).waitFor();
      await card.locator('[data-testid="caller-unit"]', { hasText: estate.unitCode }).waitFor();
      // joining is offered and preselected: the request will not open a second work order
      await operator.id('req-incident').waitFor({ state: 'visible' });
      expect(await operator.id('req-incident').inputValue()).toBe(incidentId);
      await operator.id('req-description').fill(REPAIR);
      await operator.id('req-description').press('Control+Enter');
      const filed = operator.page.locator(`[data-testid="call-request"][data-incident-id="${incidentId}"]`);
      await filed.waitFor();
      expect((await filed.locator('[data-testid="call-request-wo"]').textContent())!.trim()).toBe(workOrderNumber);
      await operator.id('call-summary').fill('停水来电，已并入事件 (e2e)');
      await operator.id('call-end').click();
      await operator.page.locator('[data-testid="call-status"][data-state="ended"]').waitFor();
      const incident = await incidentOf(incidentId);
      expect(incident).toMatchObject({ status: 'ACTIVE', workOrder: { number: workOrderNumber } });
      expect(incident!.requests.totalCount).toBe(1);
    });

    await step('the incident counts the call and the request on the incidents tab', pages, async () => {
      await operator.id('tab-incidents').click();
      await item().locator('[data-testid="incident-requests"]', { hasText: '诉求 1' }).waitFor();
      await item().locator('[data-testid="incident-calls"]', { hasText: '来电 1' }).waitFor();
    });

    await step('the operator hands over with the incident open; the hotline manager takes over', pages, async () => {
      await operator.id('handover-open').click();
      await operator.id('shift-notes').fill(HANDOVER_NOTES);
      await operator.id('shift-notes').press('Control+Enter');
      // generated from live state when the shift closed: the active incident is among the open items
      await operator.page
        .locator(`[data-testid="shift-open-items"] [data-kind="ACTIVE_INCIDENT"][data-ref-id="${incidentId}"]`)
        .waitFor();
      await operator.id('shift-dismiss').click();
      manager = await openDesk(browser, platform, 'hotline-manager', WALL);
      pages.push(manager);
      await manager.id('handover-open').click();
      await manager.id('shift-pending').waitFor({ state: 'visible' });
      expect(await manager.id('shift-pending-notes').textContent()).toBe(HANDOVER_NOTES);
      await manager.id('shift-take-over').click();
      await manager.id('shift-pending').waitFor({ state: 'hidden' });
      const entry = manager.id('shift-log-entry').filter({ hasText: HANDOVER_NOTES });
      expect(await entry.textContent()).toContain('Chen Jing'); // taken over by the hotline manager
      await manager.id('shift-dismiss').click();
    });

    await step('pressure recovers, the technician resolves the work order: the incident ends', pages, async () => {
      await publish([
        { ts: t0 + 100_000, seq: 4, values: { pressure_kpa: 105 } },
        { ts: t0 + 110_000, seq: 5, values: { pressure_kpa: 112 } },
      ]);
      const resolved = await resolveAsTechnician(platform, incidentId);
      expect(resolved.status).toBe('RESOLVED');
      // ended by itself: alerts cleared and the work order resolved; the list drops it live
      await item().waitFor({ state: 'detached', timeout: 30_000 });
      expect((await incidentOf(incidentId))!.status).toBe('ENDED');
      expect(operator.watch.navigations).toBe(1);
    });

    const callback = () =>
      operator.page.locator(
        `[data-testid="callback-item"][data-incident-id="${incidentId}"][data-reason="INCIDENT_ENDED"]`,
      );
    await step("the resident's callback is in the operator's due list, recorded with the keyboard", pages, async () => {
      await operator.id('tab-callbacks').click();
      await callback().waitFor();
      expect(await callback().getAttribute('data-resident')).toBe(estate.residentName);
      await callback().focus();
      await operator.page.keyboard.press('Enter');
      await operator.id('callback-dialog').waitFor({ state: 'visible' });
      await operator.page.keyboard.press('r');
      await operator.page.keyboard.press('4');
      expect(await operator.id('callback-score-4').isChecked()).toBe(true);
      await operator.id('callback-comment').fill(COMMENT);
      await operator.id('callback-comment').press('Control+Enter');
      await operator.id('callback-dialog').waitFor({ state: 'hidden' });
      await callback().waitFor({ state: 'detached' });
      const { callbacks } = await graphqlAs<{ callbacks: { nodes: Array<{ incident: { id: string } | null }> } }>(
        platform,
        'operator',
        '{ callbacks(filter: { status: DONE }, first: 200) { nodes { incident { id } } } }',
      );
      expect(callbacks.nodes.some((c) => c.incident?.id === incidentId)).toBe(true);
    });
  });
});

/**
 * The service desk in real browsers (Debian Chromium through playwright-core) on /desk/ of the
 * real platform (PostgreSQL, the outbox relay, HTTP and graphql-ws), three people at once: an
 * operator takes a call on a wall-screen desk, files a repair with the keyboard and dispatches
 * it; the technician, on a phone-sized page, sees it arrive live, holds it and resolves it; the
 * supervisor sees it reach RESOLVED on the board live, verifies it (after a stale-version
 * CONFLICT) and closes it; and an escalation appears live on the supervisor's page. Every page
 * must stay clean: no uncaught error, no failed request, no GraphQL error (the one CONFLICT
 * provoked on purpose is checked and forgotten). Faked: nothing on the server. The stale version
 * is the page's own request with its version lowered on the way (the server's answer is real),
 * and the escalation job runs when the test calls it (the test platform leaves its timer off)
 * with a clock just past the work order's respondBy, as its timer would once that time came.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { waitFor } from '../support/device-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { PHONE, WAIT_MS, WALL, graphqlAs, openDesk, receivedLive, step, type DeskPage } from './service-desk-pages';

jest.setTimeout(60_000);

const SCREENSHOTS = { operator: '/tmp/service-desk-operator.png', technician: '/tmp/service-desk-technician.png' };
const REPAIR = '厨房水管漏水 (e2e)';
const RESOLUTION_NOTE = '更换阀门，已试水 (e2e)';
const HOLD_NOTE = '等待配件 (e2e)';

/** The body of the desk's MoveWorkOrder request (TransitionWorkOrder under the desk's name). */
interface MoveBody {
  operationName?: string;
  variables?: { input?: { version: number } };
}

describe('the service desk in real browsers: a call, a dispatch, a phone, a verification, an escalation', () => {
  let platform: TestPlatform;
  let browser: Browser;
  const pages: DeskPage[] = [];
  const suffix = Date.now().toString().slice(-8);
  const phone = `199${suffix}`; // 199: a prefix the demo residents never use
  const residentName = `王芳${suffix.slice(-3)}`;
  const unitCode = `E2E-${suffix.slice(-4)}`;

  beforeAll(async () => {
    browser = await launchChromium();
    platform = await startTestPlatform();
  });

  afterAll(async () => {
    for (const desk of pages) await desk.context.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
  });

  // One test, in steps: each continues from what the steps before it left (the same pages,
  // call and work orders), so they cannot run on their own.
  it('operator → technician → supervisor, live, and an escalation on the supervisor’s page', async () => {
    // the estate: a unit and its owner, through the API as the relations archive is kept
    const { buildings } = await graphqlAs<{ buildings: Array<{ id: string }> }>(
      platform,
      'manager',
      '{ buildings { id } }',
    );
    const { createUnit: unit } = await graphqlAs<{ createUnit: { id: string } }>(
      platform,
      'manager',
      'mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }',
      { input: { buildingId: buildings[0].id, code: unitCode, floor: 3 } },
    );
    await graphqlAs(
      platform,
      'manager',
      'mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }',
      {
        input: { name: residentName, phone, unitId: unit.id, relation: 'OWNER' },
      },
    );

    // three people at their screens before anything happens: what follows can only come live
    const technician = await openDesk(browser, platform, 'technician', PHONE);
    const supervisor = await openDesk(browser, platform, 'supervisor', WALL);
    const operator = await openDesk(browser, platform, 'operator', WALL);
    pages.push(technician, supervisor, operator);
    let workOrderNumber = '';
    let workOrderId = '';
    const technicianCard = (status = '') =>
      technician.page.locator(
        `[data-testid="tech-wo"][data-number="${workOrderNumber}"]${status && `[data-status="${status}"]`}`,
      );
    const panel = (status: string) => supervisor.page.locator(`[data-testid="wo-panel"][data-status="${status}"]`);

    await step('each screen opens on its own view', pages, async () => {
      await technician.id('tech-empty').waitFor({ state: 'visible' });
      await supervisor.id('tab-escalations').click();
      await supervisor.id('escalations').waitFor({ state: 'visible' });
      await operator.id('alerts-empty').waitFor({ state: 'visible' }); // the monitoring desk still comes first
    });

    const card = operator.id('caller-card');
    await step('the operator takes the call: F2, the number as pasted (+86, dashes), Enter', pages, async () => {
      await operator.page.keyboard.press('F2');
      expect(await operator.page.evaluate('document.activeElement.dataset.testid')).toBe('call-phone');
      await operator.id('call-phone').fill(`+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
      await operator.id('call-phone').press('Enter');
      await operator.page.locator('[data-testid="call-status"][data-state="active"]').waitFor();
      await card.locator('[data-testid="caller-unit"]', { hasText: unitCode }).waitFor();
      expect(await card.locator('[data-testid="caller-name"]').textContent()).toBe(residentName);
      expect(await card.count()).toBe(1);
    });

    await step('files a repair in a few keystrokes (REPAIR is the default, focus on it)', pages, async () => {
      // Tab past the unit (the resident's, preselected), the priority and the department
      for (let i = 0; i < 4; i++) await operator.page.keyboard.press('Tab');
      expect(await operator.page.evaluate('document.activeElement.dataset.testid')).toBe('req-description');
      await operator.page.keyboard.type(REPAIR);
      await operator.page.keyboard.press('Control+Enter');
      const filed = operator.id('call-request');
      await filed.waitFor();
      expect(await filed.getAttribute('data-category')).toBe('REPAIR');
      workOrderNumber = (await filed.locator('[data-testid="call-request-wo"]').textContent())!.trim();
      expect(workOrderNumber).toMatch(/^WO-\d{8}-\d{6}$/);
      // the caller's card lists it among their open requests, with its work order
      await card.locator('[data-testid="caller-request"]', { hasText: workOrderNumber }).waitFor();
    });

    await step('dispatches it to the technician; it reaches their phone live', pages, async () => {
      const select = operator
        .id('dispatch-technician', 'call-console')
        .and(operator.page.locator('[data-state="ready"]'));
      await select.waitFor();
      expect(await operator.page.evaluate('document.activeElement.dataset.testid')).toBe('dispatch-technician');
      await select.selectOption((await select.locator('option[data-username="technician"]').getAttribute('value'))!);
      const dispatchedAt = Date.now();
      await select.press('Enter');
      await operator.page
        .locator('[data-testid="call-console"] [data-testid="dispatch-form"][data-state="done"]')
        .waitFor();
      await technicianCard().waitFor({ state: 'visible' });
      const ms = Date.now() - dispatchedAt;
      process.stdout.write(`service desk e2e: dispatch (operator) → work order on the technician's phone: ${ms} ms\n`);
      expect(technician.watch.navigations).toBe(1); // live, not reloaded
      expect(await technicianCard().getAttribute('data-status')).toBe('DISPATCHED');
      expect(await technicianCard().textContent()).toContain(`报修：${REPAIR}`);
      expect(await technicianCard().textContent()).toContain(unitCode);
      // nothing overflows the phone's width
      expect(await technician.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    });

    await step(
      'the technician starts, holds (waiting for parts), restarts and resolves it with a note',
      pages,
      async () => {
        await technicianCard().locator('[data-testid="tech-IN_PROGRESS"]').click();
        await technicianCard('IN_PROGRESS').waitFor();
        await technicianCard().locator('[data-testid="tech-note"]').fill(HOLD_NOTE);
        await technicianCard().locator('[data-testid="tech-ON_HOLD"]').click();
        await technicianCard('ON_HOLD').waitFor();
        await technicianCard().locator('[data-testid="tech-IN_PROGRESS"]').click();
        await technicianCard('IN_PROGRESS').waitFor();
        await technicianCard().locator('[data-testid="tech-note"]').fill(RESOLUTION_NOTE);
        await technicianCard().locator('[data-testid="tech-RESOLVED"]').click();
        await technicianCard('RESOLVED').waitFor();
        await technician.page.screenshot({ path: SCREENSHOTS.technician, fullPage: true });
        await technician.id('lang-toggle').click(); // and the phone in English
        await technician.page.locator('html[lang="en"]').waitFor({ state: 'attached' });
        expect(await technician.id('tech-view').textContent()).toContain('My work orders');
        expect(await technicianCard().textContent()).toContain('Resolved');
      },
    );

    await step('the operator ends the call with a summary', pages, async () => {
      await operator.id('call-summary').fill('厨房漏水报修，已派工 (e2e)');
      await operator.id('call-end').click();
      await operator.page.locator('[data-testid="call-status"][data-state="ended"]').waitFor();
    });

    const boardCard = () => supervisor.page.locator(`[data-testid="board-card"][data-number="${workOrderNumber}"]`);
    await step('the supervisor finds it RESOLVED on the board (live) and opens it', pages, async () => {
      await supervisor.page.keyboard.press('Alt+3');
      await supervisor.page
        .locator(
          `[data-testid="board-column"][data-status="RESOLVED"] [data-testid="board-card"][data-number="${workOrderNumber}"]`,
        )
        .waitFor();
      workOrderId = (await boardCard().getAttribute('data-work-order-id'))!;
      // named in Chinese: the category's name and the description (the platform's title is English)
      expect(await boardCard().locator('[data-testid="board-card-title"]').textContent()).toBe(`报修：${REPAIR}`);
      await boardCard().focus();
      await supervisor.page.keyboard.press('Enter');
      await panel('RESOLVED').waitFor();
      expect(await supervisor.id('history-entry', 'wo-panel').last().textContent()).toContain(RESOLUTION_NOTE);
    });

    await step('a stale version is refused with CONFLICT: the panel reloads and says so', pages, async () => {
      let stale = true;
      await supervisor.page.route('**/graphql', async (route) => {
        const body = route.request().postDataJSON() as MoveBody | null;
        if (!stale || body?.operationName !== 'MoveWorkOrder' || !body.variables?.input) return route.continue();
        stale = false;
        body.variables.input.version -= 1;
        return route.continue({ postData: JSON.stringify(body) });
      });
      const loads = () => supervisor.watch.graphqlCalls.filter((c) => c.operation === 'WorkOrderCard').length;
      const loadsBefore = loads();
      await supervisor.id('move-VERIFIED', 'wo-panel').click();
      const message = supervisor.id('move-message', 'wo-panel').and(supervisor.page.locator('[data-kind="error"]'));
      await message.waitFor();
      expect(await message.textContent()).toContain('已被他人更新');
      await waitFor(
        'the panel to reload',
        async () => loads() > loadsBefore && supervisor.watch.inFlight === 0,
        WAIT_MS,
      );
      expect(stale).toBe(false);
      expect(await panel('RESOLVED').count()).toBe(1); // nothing changed
      await supervisor.page.unroute('**/graphql');
      await supervisor.watch.settled();
      expect(supervisor.watch.problems()).toEqual([expect.stringMatching(/^GraphQL error: MoveWorkOrder: .*CONFLICT/)]);
      supervisor.watch.resetProblems();
    });

    await step('the supervisor verifies and closes it; the history says who did what', pages, async () => {
      await supervisor.id('move-VERIFIED', 'wo-panel').click();
      await panel('VERIFIED').waitFor();
      await supervisor.id('move-CLOSED', 'wo-panel').click();
      await panel('CLOSED').waitFor();
      expect(await supervisor.id('move-message', 'wo-panel').getAttribute('data-kind')).toBe('ok');
      const entries = await supervisor.id('history-entry', 'wo-panel').all();
      const moves = await Promise.all(entries.map((entry) => entry.getAttribute('data-to')));
      expect(moves).toEqual([
        'OPEN',
        'DISPATCHED',
        'IN_PROGRESS',
        'ON_HOLD',
        'IN_PROGRESS',
        'RESOLVED',
        'VERIFIED',
        'CLOSED',
      ]);
      expect(await supervisor.id('wo-history').textContent()).toContain(HOLD_NOTE);
      await boardCard().waitFor({ state: 'detached' }); // closed: off the board
      const { workOrder } = await graphqlAs<{
        workOrder: { status: string; history: Array<{ to: string; by: { username: string } | null }> };
      }>(platform, 'manager', 'query($id: ID!) { workOrder(id: $id) { status history { to by { username } } } }', {
        id: workOrderId,
      });
      expect(workOrder.status).toBe('CLOSED');
      expect(workOrder.history.map((e) => [e.to, e.by?.username])).toEqual([
        ['OPEN', 'operator'],
        ['DISPATCHED', 'operator'],
        ['IN_PROGRESS', 'technician'],
        ['ON_HOLD', 'technician'],
        ['IN_PROGRESS', 'technician'],
        ['RESOLVED', 'technician'],
        ['VERIFIED', 'supervisor'],
        ['CLOSED', 'supervisor'],
      ]);
    });

    await step('an escalation appears live on the supervisor’s escalations tab and board', pages, async () => {
      await supervisor.page.keyboard.press('Alt+4');
      const { createServiceRequest } = await graphqlAs<{
        createServiceRequest: { workOrder: { id: string; number: string; respondBy: string; resolveBy: string } };
      }>(
        platform,
        'operator',
        'mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { workOrder { id number respondBy resolveBy } } }',
        { input: { category: 'REPAIR', description: '电梯异响 (e2e)', unitId: unit.id } },
      );
      const late = createServiceRequest.workOrder;
      const respondBy = new Date(late.respondBy).getTime();
      expect(new Date(late.resolveBy).getTime()).toBeGreaterThan(respondBy + 1_000); // level 1 only
      const escalated = await platform.services.escalation.runOnce(new Date(respondBy + 1_000));
      expect(escalated[1]).toContain(late.id);
      const item = supervisor.page.locator(`[data-testid="escalation-item"][data-number="${late.number}"]`);
      await item.waitFor({ state: 'visible' });
      expect(await item.getAttribute('data-kind')).toBe('RESPONSE_OVERDUE');
      expect(receivedLive(supervisor, 'workOrderChanged', (w) => w.id === late.id && w.escalationLevel === 1)).toBe(
        true,
      );
      expect(await supervisor.id('tab-count-escalations').textContent()).toBe('1');
      await supervisor.page.keyboard.press('Alt+3');
      await supervisor.page
        .locator(`[data-testid="board-card"][data-number="${late.number}"][data-escalation="1"]`)
        .waitFor();
    });

    await step('ran without a reload on any page', pages, async () => {
      await operator.page.keyboard.press('Alt+3');
      await operator.page.screenshot({ path: SCREENSHOTS.operator });
      for (const desk of pages) {
        await waitFor('the page to go quiet', async () => desk.watch.inFlight === 0, WAIT_MS);
        expect(desk.watch.navigations).toBe(1);
      }
      process.stdout.write(`service desk e2e screenshots: ${Object.values(SCREENSHOTS).join(', ')}\n`);
    });
  }, 240_000);
});

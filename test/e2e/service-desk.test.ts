/**
 * The service desk in real browsers (Debian Chromium through playwright-core) on /desk/ of the
 * real platform (PostgreSQL, the outbox relay, HTTP and graphql-ws), three people at once: an
 * operator takes a call on a wall-screen desk, files a repair with the keyboard and dispatches
 * it; the technician, on a phone-sized page, sees it arrive live and resolves it; the supervisor
 * sees it reach RESOLVED on the board live, verifies and closes it; and an escalation appears
 * live on the supervisor's page. Every page must stay clean: no uncaught error, no failed
 * request, no GraphQL error. Faked: nothing. The escalation job runs when the test calls it
 * (the test platform leaves its timer off) with a clock just past the work order's respondBy,
 * exactly as its timer would run once that time came.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchPage, type PageWatch } from '../support/browser';
import { waitFor } from '../support/device-client';
import { postGraphql } from '../support/graphql-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

/** generous but bounded: every wait for a page ends within this */
const WAIT_MS = 15_000;
const SCREENSHOTS = { operator: '/tmp/service-desk-operator.png', technician: '/tmp/service-desk-technician.png' };
const WALL = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The body of the desk's MoveWorkOrder request (TransitionWorkOrder under the desk's name). */
interface MoveBody {
  operationName?: string;
  variables?: { input?: { version: number } };
}

interface Desk {
  page: Page;
  watch: PageWatch;
  context: BrowserContext;
  /** `[data-testid=…]`, optionally inside a container's test id */
  id(testId: string, within?: string): ReturnType<Page['locator']>;
}

describe('the service desk in real browsers: a call, a dispatch, a phone, a verification, an escalation', () => {
  let platform: TestPlatform;
  let browser: Browser;
  const desks: Desk[] = [];
  const suffix = Date.now().toString().slice(-8);
  const phone = `139${suffix}`;
  const residentName = `王芳${suffix.slice(-3)}`;
  const unitCode = `E2E-${suffix.slice(-4)}`;

  /** A GraphQL call as `username`, failing the test with its errors. */
  async function api<T>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await postGraphql<T, Record<string, unknown>>(
      platform.graphqlUrl,
      query,
      variables,
      await platform.login(username),
    );
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** A browser context signed in as `username` on /desk/ (plus `search`), live. */
  async function openDesk(username: string, viewport: typeof WALL, search = ''): Promise<Desk> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport, isMobile: viewport === PHONE });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const watch = watchPage(page);
    const id = (testId: string, within?: string) =>
      page.locator(`${within ? `[data-testid="${within}"] ` : ''}[data-testid="${testId}"]`);
    const desk = { page, watch, context, id };
    desks.push(desk);
    await page.goto(`${platform.deskUrl}${search}`);
    await id('login-username').fill(username);
    await id('login-password').fill(platform.config.demoPassword);
    await id('login-password').press('Enter');
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    return desk;
  }

  /** The page ran clean so far: no JS error, failed request or GraphQL error. */
  async function clean(desk: Desk) {
    await desk.watch.settled();
    expect(desk.watch.problems()).toEqual([]);
  }

  beforeAll(async () => {
    browser = await launchChromium();
    platform = await startTestPlatform();
  });

  afterAll(async () => {
    for (const desk of desks) await desk.context.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
  });

  it('operator → technician → supervisor, live, and an escalation on the supervisor’s page', async () => {
    // the estate: a unit and its owner, through the API as the relations archive is kept
    const { buildings } = await api<{ buildings: Array<{ id: string; code: string }> }>(
      'manager',
      '{ buildings { id code } }',
    );
    const { createUnit } = await api<{ createUnit: { id: string } }>(
      'manager',
      'mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }',
      { input: { buildingId: buildings[0].id, code: unitCode, floor: 3 } },
    );
    await api('manager', 'mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }', {
      input: { name: residentName, phone, unitId: createUnit.id, relation: 'OWNER' },
    });

    // three people at their screens before anything happens: what follows can only come live
    const technician = await openDesk('technician', PHONE);
    await technician.id('tech-view').waitFor();
    await technician.id('tech-empty').waitFor({ state: 'visible' });
    const supervisor = await openDesk('supervisor', WALL);
    await supervisor.id('tab-escalations').click();
    await supervisor.id('escalations').waitFor({ state: 'visible' });
    const operator = await openDesk('operator', WALL);
    await operator.id('alerts-empty').waitFor({ state: 'visible' }); // the monitoring desk still comes first
    for (const desk of [technician, supervisor, operator]) await clean(desk);

    // ---- the operator takes the call: F2, the number as pasted, Enter ----
    await operator.page.keyboard.press('F2');
    const phoneField = operator.id('call-phone');
    expect(await operator.page.evaluate('document.activeElement.dataset.testid')).toBe('call-phone');
    await phoneField.fill(`${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
    await phoneField.press('Enter');
    await operator.page.locator('[data-testid="call-status"][data-state="active"]').waitFor();
    const card = operator.id('caller-card');
    await card.locator('[data-testid="caller-unit"]', { hasText: unitCode }).waitFor();
    expect(await card.locator('[data-testid="caller-name"]').textContent()).toBe(residentName);
    expect(await card.count()).toBe(1);

    // ---- a repair in a few keystrokes: the category is REPAIR by default, focus is on it ----
    await operator.page.keyboard.press('Tab'); // unit (the resident's one, preselected)
    await operator.page.keyboard.press('Tab'); // priority
    await operator.page.keyboard.press('Tab'); // department
    await operator.page.keyboard.press('Tab'); // description
    await operator.page.keyboard.type('厨房水管漏水 (e2e)');
    await operator.page.keyboard.press('Control+Enter');
    const filed = operator.id('call-request');
    await filed.waitFor();
    expect(await filed.getAttribute('data-category')).toBe('REPAIR');
    const workOrderNumber = (await filed.locator('[data-testid="call-request-wo"]').textContent())!.trim();
    expect(workOrderNumber).toMatch(/^WO-\d{8}-\d{6}$/);
    // the caller's card lists it among their open requests, with its work order
    await card.locator('[data-testid="caller-request"]', { hasText: workOrderNumber }).waitFor();

    // ---- dispatch to the technician: the form opened on its own, focused on the technician ----
    const technicianSelect = operator.page.locator(
      '[data-testid="call-console"] [data-testid="dispatch-technician"][data-state="ready"]',
    );
    await technicianSelect.waitFor();
    const technicianId = await technicianSelect.locator('option[data-username="technician"]').getAttribute('value');
    await technicianSelect.selectOption(technicianId!);
    const technicianCard = technician.page.locator(`[data-testid="tech-wo"][data-number="${workOrderNumber}"]`);
    const navigations = technician.watch.navigations;
    const dispatchedAt = Date.now();
    await technicianSelect.press('Enter');
    await operator.page
      .locator('[data-testid="call-console"] [data-testid="dispatch-form"][data-state="done"]')
      .waitFor();

    // ---- the technician's phone: it arrives live, without a reload ----
    await technicianCard.waitFor({ state: 'visible' });
    process.stdout.write(
      `service desk e2e: dispatch (operator) → work order on the technician's phone: ${Date.now() - dispatchedAt} ms\n`,
    );
    expect(technician.watch.navigations).toBe(navigations);
    expect(await technicianCard.getAttribute('data-status')).toBe('DISPATCHED');
    expect(await technicianCard.textContent()).toContain('厨房水管漏水 (e2e)');
    expect(await technicianCard.textContent()).toContain(unitCode);
    const phoneWidth = await technician.page.evaluate('document.documentElement.scrollWidth');
    expect(phoneWidth).toBeLessThanOrEqual(PHONE.width); // nothing overflows the phone's width

    await technicianCard.locator('[data-testid="tech-IN_PROGRESS"]').click();
    await technician.page
      .locator(`[data-testid="tech-wo"][data-number="${workOrderNumber}"][data-status="IN_PROGRESS"]`)
      .waitFor();
    await technicianCard.locator('[data-testid="tech-note"]').fill('更换阀门，已试水 (e2e)');
    await technicianCard.locator('[data-testid="tech-RESOLVED"]').click();
    await technician.page
      .locator(`[data-testid="tech-wo"][data-number="${workOrderNumber}"][data-status="RESOLVED"]`)
      .waitFor();
    await technician.page.screenshot({ path: SCREENSHOTS.technician, fullPage: true });
    // the phone in English too
    await technician.id('lang-toggle').click();
    await technician.page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    expect(await technician.id('tech-view').textContent()).toContain('My work orders');
    expect(await technicianCard.textContent()).toContain('Resolved');

    // ---- the operator ends the call with a summary ----
    await operator.id('call-summary').fill('厨房漏水报修，已派工 (e2e)');
    await operator.id('call-end').click();
    await operator.page.locator('[data-testid="call-status"][data-state="ended"]').waitFor();

    // ---- the supervisor: RESOLVED on the board (live), verify, close ----
    await supervisor.page.keyboard.press('Alt+3');
    const boardCard = supervisor.page.locator(`[data-testid="board-card"][data-number="${workOrderNumber}"]`);
    await supervisor.page
      .locator(
        `[data-testid="board-column"][data-status="RESOLVED"] [data-testid="board-card"][data-number="${workOrderNumber}"]`,
      )
      .waitFor();
    const workOrderId = (await boardCard.getAttribute('data-work-order-id'))!;
    // named in Chinese: the category's name and the description (the platform's title is English)
    expect(await boardCard.locator('[data-testid="board-card-title"]').textContent()).toBe('报修：厨房水管漏水 (e2e)');
    await boardCard.focus();
    await supervisor.page.keyboard.press('Enter');
    const panel = (status: string) => supervisor.page.locator(`[data-testid="wo-panel"][data-status="${status}"]`);
    await panel('RESOLVED').waitFor();
    const history = supervisor.id('history-entry', 'wo-panel');
    expect(await history.last().textContent()).toContain('更换阀门，已试水 (e2e)');
    await clean(supervisor);

    // a stale version: the page's first move goes out naming the version before the last one
    // (lowered on its way), and the real server answers CONFLICT; the panel reloads and says so
    let stale = true;
    await supervisor.page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as MoveBody | null;
      if (!stale || body?.operationName !== 'MoveWorkOrder' || !body.variables?.input) return route.continue();
      stale = false;
      body.variables.input.version -= 1;
      return route.continue({ postData: JSON.stringify(body) });
    });
    const cardLoads = () => supervisor.watch.graphqlCalls.filter((c) => c.operation === 'WorkOrderCard').length;
    const loadsBefore = cardLoads();
    await supervisor.id('move-VERIFIED', 'wo-panel').click();
    const message = supervisor.page.locator('[data-testid="wo-panel"] [data-testid="move-message"][data-kind="error"]');
    await message.waitFor();
    expect(await message.textContent()).toContain('已被他人更新');
    await waitFor(
      'the panel to reload',
      async () => cardLoads() > loadsBefore && supervisor.watch.inFlight === 0,
      WAIT_MS,
    );
    expect(stale).toBe(false);
    expect(await panel('RESOLVED').count()).toBe(1); // nothing changed
    await supervisor.page.unroute('**/graphql');
    await supervisor.watch.settled();
    expect(supervisor.watch.problems()).toEqual([expect.stringMatching(/^GraphQL error: MoveWorkOrder: .*CONFLICT/)]);
    supervisor.watch.resetProblems();

    await supervisor.id('move-VERIFIED', 'wo-panel').click();
    await panel('VERIFIED').waitFor();
    await supervisor.id('move-CLOSED', 'wo-panel').click();
    await panel('CLOSED').waitFor();
    expect(await supervisor.id('move-message', 'wo-panel').getAttribute('data-kind')).toBe('ok');
    const moves = await Promise.all((await history.all()).map((entry) => entry.getAttribute('data-to')));
    expect(moves).toEqual(['OPEN', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'VERIFIED', 'CLOSED']);
    await boardCard.waitFor({ state: 'detached' }); // closed: off the board

    // the platform agrees, and says who did each move
    const { workOrder: closed } = await api<{
      workOrder: { status: string; history: Array<{ to: string; by: { username: string } | null }> };
    }>('manager', 'query($id: ID!) { workOrder(id: $id) { status history { to by { username } } } }', {
      id: workOrderId,
    });
    expect(closed.status).toBe('CLOSED');
    expect(closed.history.map((e) => [e.to, e.by?.username])).toEqual([
      ['OPEN', 'operator'],
      ['DISPATCHED', 'operator'],
      ['IN_PROGRESS', 'technician'],
      ['RESOLVED', 'technician'],
      ['VERIFIED', 'supervisor'],
      ['CLOSED', 'supervisor'],
    ]);

    // ---- an escalation, live on the supervisor's escalations tab ----
    await supervisor.page.keyboard.press('Alt+4');
    const { createServiceRequest } = await api<{
      createServiceRequest: { workOrder: { id: string; number: string; respondBy: string; resolveBy: string } };
    }>(
      'operator',
      'mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { workOrder { id number respondBy resolveBy } } }',
      { input: { category: 'REPAIR', description: '电梯异响 (e2e)', unitId: createUnit.id } },
    );
    const late = createServiceRequest.workOrder;
    expect(new Date(late.resolveBy).getTime()).toBeGreaterThan(new Date(late.respondBy).getTime() + 1_000);
    const escalated = await platform.services.escalation.runOnce(new Date(new Date(late.respondBy).getTime() + 1_000));
    expect(escalated[1]).toContain(late.id);
    const item = supervisor.page.locator(`[data-testid="escalation-item"][data-number="${late.number}"]`);
    await item.waitFor({ state: 'visible' });
    expect(await item.getAttribute('data-kind')).toBe('RESPONSE_OVERDUE');
    expect(await supervisor.id('tab-count-escalations').textContent()).not.toBe('');
    await supervisor.page.keyboard.press('Alt+3');
    await supervisor.page
      .locator(`[data-testid="board-card"][data-number="${late.number}"][data-escalation="1"]`)
      .waitFor();

    await operator.page.keyboard.press('Alt+3');
    await operator.page.screenshot({ path: SCREENSHOTS.operator });
    for (const desk of [technician, supervisor, operator]) {
      await waitFor('the page to go quiet', async () => desk.watch.inFlight === 0, WAIT_MS);
      await clean(desk);
      expect(desk.watch.navigations).toBe(1);
    }
    process.stdout.write(`service desk e2e screenshots: ${Object.values(SCREENSHOTS).join(', ')}\n`);
  }, 240_000);
});

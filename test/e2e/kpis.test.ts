/**
 * The supervisor's KPI page in a real browser (Debian Chromium through playwright-core) on
 * /desk/ of the real platform: calls and requests taken through the API as the demo operator,
 * then the supervisor opens the KPI tab and sees the same figures the API answers, with both
 * charts drawn by Chart.js, for the last 30 days and for the year, in Chinese and in English;
 * the operator's desk has no KPI tab. The page must stay clean (no uncaught error, failed
 * request or GraphQL error). Faked: nothing.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { WALL, graphqlAs, openDesk, step, type DeskPage } from './service-desk-pages';

jest.setTimeout(60_000);

const SCREENSHOT = '/tmp/kpis-desk.png';

const KPIS = `query($from: DateTimeISO!, $to: DateTimeISO!) {
  serviceKpis(from: $from, to: $to) { calls requests complaints workOrdersOpened byOperator { staff { username } } }
}`;

describe('the KPI page in a real browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  const pages: DeskPage[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    platform = await startTestPlatform();
  });

  afterAll(async () => {
    for (const desk of pages) await desk.context.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
  });

  it('shows the figures and charts of the API, per period and language, to the supervisor only', async () => {
    for (const [phone, category] of [
      ['13900000001', 'REPAIR'],
      ['13900000002', 'COMPLAINT'],
      ['13900000003', 'INQUIRY'],
    ]) {
      const { startCall } = await graphqlAs<{ startCall: { id: string } }>(
        platform,
        'operator',
        'mutation($input: StartCallInput!) { startCall(input: $input) { id } }',
        { input: { phone, channel: 'PHONE' } },
      );
      await graphqlAs(
        platform,
        'operator',
        'mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { id } }',
        { input: { category, description: 'KPI e2e', callId: startCall.id } },
      );
    }
    const now = Date.now();
    const api = (days: number) =>
      graphqlAs<{ serviceKpis: { calls: number; requests: number; complaints: number; byOperator: unknown[] } }>(
        platform,
        'supervisor',
        KPIS,
        { from: new Date(now - days * 24 * 3600_000).toISOString(), to: new Date(now + 3600_000).toISOString() },
      );
    const month = (await api(30)).serviceKpis;
    expect(month.calls).toBeGreaterThanOrEqual(3);
    expect(month.complaints).toBeGreaterThanOrEqual(1);

    const supervisor = await openDesk(browser, platform, 'supervisor', WALL);
    const operator = await openDesk(browser, platform, 'operator', WALL);
    pages.push(supervisor, operator);
    const tile = (field: string) => supervisor.page.locator(`[data-testid="kpi-${field}"] dd`);
    const ready = () => supervisor.page.locator('[data-testid="kpi-view"][data-state="ready"]').waitFor();
    // the labels of the Chart.js chart on that canvas (-1: none drawn)
    const chartLabels = (testId: string) =>
      supervisor.page.evaluate<number>(
        `window.Chart.getChart(document.querySelector('[data-testid="${testId}"]'))?.data.labels.length ?? -1`,
      );

    await step('the supervisor opens the KPI tab: the last 30 days, as the API counts them', pages, async () => {
      expect(await operator.id('tab-kpis').isHidden()).toBe(true);
      await supervisor.id('tab-kpis').click();
      await ready();
      expect(await tile('calls').textContent()).toBe(String(month.calls));
      expect(await tile('requests').textContent()).toBe(String(month.requests));
      expect(await tile('complaints').textContent()).toBe(String(month.complaints));
      expect(await supervisor.page.locator('[data-testid="kpi-calls"] dt').textContent()).toBe('来电');
      expect(await chartLabels('kpi-operator-chart')).toBe(month.byOperator.length);
      expect(await chartLabels('kpi-department-chart')).toBeGreaterThan(0);
      await supervisor.page.screenshot({ path: SCREENSHOT });
    });

    await step('the year, and the page in English', pages, async () => {
      const year = (await api(365)).serviceKpis;
      await supervisor.id('kpi-range-year').click();
      await ready();
      expect(await tile('calls').textContent()).toBe(String(year.calls));
      await supervisor.id('lang-toggle').click();
      expect(await supervisor.page.locator('[data-testid="kpi-calls"] dt').textContent()).toBe('Calls');
      expect(await supervisor.id('kpi-range-year').textContent()).toBe('Last 12 months');
    });
  });
});

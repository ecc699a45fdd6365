/**
 * What test/e2e/service-desk.test.ts drives: signed-in desk pages in their own browser contexts
 * (a wall screen or a phone), each watched for problems (test/support/browser.ts), and GraphQL
 * calls as a demo account for the data a scenario starts from.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { watchPage, type PageWatch } from '../support/browser';
import { postGraphql } from '../support/graphql-client';
import type { TestPlatform } from '../support/test-platform';

/** generous but bounded: every wait for a page ends within this */
export const WAIT_MS = 15_000;
export const WALL = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface DeskPage {
  page: Page;
  watch: PageWatch;
  context: BrowserContext;
  /** `[data-testid=…]`, optionally inside the element of another test id */
  id(testId: string, within?: string): Locator;
}

/** A GraphQL call as a demo account, failing the test with its errors. */
export async function graphqlAs<T>(
  platform: TestPlatform,
  username: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const token = await platform.login(username);
  const result = await postGraphql<T, Record<string, unknown>>(platform.graphqlUrl, query, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** Opens /desk/ in a fresh zh-CN context of `viewport`, signs `username` in and waits until it is live. */
export async function openDesk(
  browser: Browser,
  platform: TestPlatform,
  username: string,
  viewport: typeof WALL,
): Promise<DeskPage> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport, isMobile: viewport === PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const watch = watchPage(page);
  const id = (testId: string, within?: string) =>
    page.locator(`${within ? `[data-testid="${within}"] ` : ''}[data-testid="${testId}"]`);
  await page.goto(platform.deskUrl);
  await id('login-username').fill(username);
  await id('login-password').fill(platform.config.demoPassword);
  await id('login-password').press('Enter');
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
  return { page, watch, context, id };
}

/** The page ran clean so far: no JS error, failed request or GraphQL error. */
export async function expectClean(desk: DeskPage): Promise<void> {
  await desk.watch.settled();
  expect(desk.watch.problems()).toEqual([]);
}

/** One step of the scenario: every page stays clean, and a failure names its step. */
export async function step(name: string, pages: DeskPage[], body: () => Promise<void>): Promise<void> {
  try {
    await body();
    for (const desk of pages) await expectClean(desk);
  } catch (error) {
    if (error instanceof Error) error.message = `step "${name}" failed:\n${error.message}`;
    throw error;
  }
}

/** Whether the page received a `field` event over graphql-ws that `match` accepts. */
export function receivedLive(
  desk: DeskPage,
  field: string,
  match: (data: Record<string, unknown>) => boolean,
): boolean {
  return desk.watch.wsMessages.some((m) => {
    const data = (m.message.payload?.data ?? null) as Record<string, Record<string, unknown>> | null;
    return m.direction === 'received' && m.message.type === 'next' && Boolean(data?.[field]) && match(data![field]);
  });
}

/**
 * What test/e2e/incident-desk.test.ts starts from and checks besides the pages: GraphQL as the
 * demo accounts (one sign-in each, kept), a fresh home with its resident in a demo building, a
 * work order taken to RESOLVED as the supervisor and the technician would, the public feed and
 * printable page of announcements, and the raw i18n keys a page may show by mistake.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { postGraphql } from '../support/graphql-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { WALL, openDesk, type DeskPage } from './service-desk-pages';

/** GraphQL as a demo account; each account signs in once. */
export class DemoApi {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(private readonly platform: TestPlatform) {}

  async as<T>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    if (!this.tokens.has(username)) this.tokens.set(username, this.platform.login(username));
    const token = await this.tokens.get(username)!;
    const result = await postGraphql<T, Record<string, unknown>>(this.platform.graphqlUrl, query, variables, token);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }
}

export interface DeskScenario {
  platform: TestPlatform;
  api: DemoApi;
  /** the desks opened by the running test (closed after it) */
  pages: DeskPage[];
  /** a zh-CN wall-screen desk signed in as `username`, closed after the test */
  desk(username: string): Promise<DeskPage>;
  /** moves the platform's clock (and only it) `ms` ahead of the real one; back to 0 before each test */
  setClockAhead(ms: number): void;
}

/**
 * Registers the hooks of a file of desk scenarios: one platform (its clock movable) and one
 * browser for the file, the desks of each test closed after it.
 */
export function deskScenario(): DeskScenario {
  let browser: Browser;
  let aheadMs = 0;
  const scenario = { pages: [] as DeskPage[] } as DeskScenario;
  scenario.setClockAhead = (ms) => (aheadMs = ms);
  scenario.desk = async (username) => {
    const opened = await openDesk(browser, scenario.platform, username, WALL);
    scenario.pages.push(opened);
    return opened;
  };
  beforeAll(async () => {
    browser = await launchChromium();
    scenario.platform = await startTestPlatform(undefined, {
      overrides: { now: () => new Date(Date.now() + aheadMs) },
    });
    scenario.api = new DemoApi(scenario.platform);
  });
  beforeEach(() => {
    aheadMs = 0;
    scenario.pages.length = 0;
  });
  afterEach(async () => {
    for (const desk of scenario.pages) await desk.context.close().catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await scenario.platform?.stop();
  });
  return scenario;
}

export interface Home {
  buildingId: string;
  unitId: string;
  unitCode: string;
  residentId: string;
  name: string;
  phone: string;
}

/** A new unit in the demo building `code` with its owner, who has a phone number of their own. */
export async function homeIn(api: DemoApi, code: string, tag: string): Promise<Home> {
  const { buildings } = await api.as<{ buildings: Array<{ id: string; code: string }> }>(
    'manager',
    '{ buildings { id code } }',
  );
  const building = buildings.find((b) => b.code === code);
  if (!building) throw new Error(`no building ${code} among ${JSON.stringify(buildings)}`);
  const unitCode = `ID-${tag}`;
  const { createUnit: unit } = await api.as<{ createUnit: { id: string } }>(
    'manager',
    'mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }',
    { input: { buildingId: building.id, code: unitCode, floor: 7 } },
  );
  const name = `韩梅${tag}`;
  const phone = `197${tag.padStart(8, '0').slice(-8)}`; // 197: a prefix the demo residents never use
  const { registerResident: resident } = await api.as<{ registerResident: { id: string } }>(
    'manager',
    'mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }',
    { input: { name, phone, unitId: unit.id, relation: 'OWNER' } },
  );
  return { buildingId: building.id, unitId: unit.id, unitCode, residentId: resident.id, name, phone };
}

interface MovedWorkOrder {
  id: string;
  status: string;
  version: number;
}

const MOVE = `mutation($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { id status version } }`;

/** Dispatched to the demo technician by the supervisor, started and resolved by the technician. */
export async function resolveWorkOrder(api: DemoApi, workOrder: MovedWorkOrder): Promise<MovedWorkOrder> {
  const { assignableStaff } = await api.as<{ assignableStaff: Array<{ id: string; username: string }> }>(
    'supervisor',
    '{ assignableStaff(department: ENGINEERING) { id username } }',
  );
  const assigneeId = assignableStaff.find((s) => s.username === 'technician')?.id;
  let wo = workOrder;
  const move = async (username: string, to: string, extra: Record<string, unknown> = {}) =>
    (wo = (
      await api.as<{ transitionWorkOrder: MovedWorkOrder }>(username, MOVE, {
        input: { id: wo.id, to, version: wo.version, ...extra },
      })
    ).transitionWorkOrder);
  await move('supervisor', 'DISPATCHED', { assigneeId });
  await move('technician', 'IN_PROGRESS');
  return move('technician', 'RESOLVED', { note: '已更换水龙头阀芯 (e2e)' });
}

export interface FeedItem {
  id: string;
  title: string;
  body: string;
  expiresAt: string | null;
}

/** The unit's public JSON feed, fresh (the feed's 30 s cache emptied first). */
export async function unitFeed(platform: TestPlatform, unitId: string): Promise<FeedItem[]> {
  platform.services.announcementFeed.clear();
  const response = await fetch(`${platform.url}/feeds/units/${unitId}/announcements.json`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { announcements: FeedItem[] }).announcements;
}

/** `<input type=datetime-local>` value of `ms` in the page's own time zone (as a person types it). */
export function localInput(desk: DeskPage, ms: number): Promise<string> {
  return desk.page.evaluate((at) => {
    const d = new Date(at);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }, ms);
}

/** The prefixes of the desk's message keys (`inc.publish` → `inc`), read from its tables. */
function keyPrefixes(): string[] {
  const dir = path.join(__dirname, '../../dashboards/desk');
  const prefixes = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => /^(i18n|messages-.*)\.js$/.test(f)))
    for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/'([a-zA-Z]+)\.[A-Za-z_][\w.]*'\s*:/g))
      prefixes.add(m[1]);
  return [...prefixes];
}

const RAW_KEY = new RegExp(`(?<![\\w.])(?:${keyPrefixes().join('|')})\\.[A-Za-z_]\\w*`, 'g');

/** Message keys shown as they are (a missing translation) in `text`. */
export const rawKeysIn = (text: string): string[] => text.match(RAW_KEY) ?? [];

/** Message keys shown as they are anywhere on the page (open dialogs included). */
export async function rawKeysOn(desk: DeskPage): Promise<string[]> {
  return rawKeysIn(await desk.page.evaluate<string>('document.body.innerText'));
}

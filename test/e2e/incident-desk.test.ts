/**
 * The desk's incident paths not covered by test/e2e/incidents.test.ts, in a real browser (Debian
 * Chromium through playwright-core, zh-CN) on /desk/ of the real platform (PostgreSQL, InfluxDB,
 * the MQTT broker, the outbox relay, HTTP and graphql-ws): a planned water stop made on the desk,
 * SCHEDULED then ACTIVE, whose draft the relations officer publishes to the units' feed and the
 * building's printed page; and a manual incident ended on the desk with a note (its notice
 * "restored", then expired; the caller's callback). Each checks what the pages show and what
 * the server stored, that no page shows a raw message key, and that every page stayed clean (no
 * uncaught error, failed request or GraphQL error). Faked: only the platform's clock (the `now` override the SLA tests use), moved forward
 * where a test needs time to pass (a start to come, a notice to expire); the sign-ins, pages and
 * HTTP feeds run on the real clock.
 */
import { step as desksStep, type DeskPage } from './service-desk-pages';
import { deskScenario, homeIn, localInput, rawKeysIn, rawKeysOn, unitFeed } from './incident-desk-support';

jest.setTimeout(150_000);

const RESTORED = '已恢复供应';
const INCIDENT = `query($id: ID!) { incident(id: $id) {
  status source planned startedAt endsAt endedAt endNote textForResidents
  buildings { id code } affectedUnits(first: 500) { totalCount nodes { id } } calls { totalCount }
  announcements { id title body status expiresAt recipients { totalCount } }
} }`;

interface IncidentRow {
  status: string;
  source: string;
  planned: boolean;
  startedAt: string;
  endsAt: string | null;
  endedAt: string | null;
  endNote: string | null;
  textForResidents: string | null;
  buildings: Array<{ id: string; code: string }>;
  affectedUnits: { totalCount: number; nodes: Array<{ id: string }> };
  calls: { totalCount: number };
  announcements: Array<{
    id: string;
    title: string;
    body: string;
    status: string;
    expiresAt: string | null;
    recipients: { totalCount: number };
  }>;
}

describe('incidents on the desk, in a real browser', () => {
  const s = deskScenario();
  const suffix = Date.now().toString().slice(-6);
  const step = (name: string, body: () => Promise<void>) => desksStep(name, s.pages, body);
  const translated = async (d: DeskPage) => expect(await rawKeysOn(d)).toEqual([]);
  const incidentRow = (id: string) =>
    s.api.as<{ incident: IncidentRow }>('supervisor', INCIDENT, { id }).then((d) => d.incident);
  const incidentsTab = async (d: DeskPage) => {
    await d.id('tab-incidents').click(); // also re-queries when already shown
    await d.page.locator('[data-testid="incidents"][data-state="ready"]').waitFor();
  };

  it('finds raw message keys when a page shows one (the check below can fail)', () => {
    expect(rawKeysIn('公告 · inc.publish · 已发布 cbs.DUE')).toEqual(['inc.publish', 'cbs.DUE']);
    expect(rawKeysIn('已恢复供应 / Supply restored · INC-20261129-0001 · 2026/11/29 12:00')).toEqual([]);
  });

  it('a planned water stop made on the desk: SCHEDULED, then ACTIVE, its draft published to feed and print', async () => {
    const home = await homeIn(s.api, 'B2', `${suffix}1`);
    const title = `B2 水箱清洗计划停水 (e2e ${suffix})`;
    const text = `B2 栋水箱清洗，届时停水，请提前储水。(e2e ${suffix})`;
    const supervisor = await s.desk('supervisor');
    const relations = await s.desk('relations');
    const item = (d: DeskPage) =>
      d.page.locator('[data-testid="incident-item"][data-source="PLANNED"]').filter({ hasText: title });
    const startMs = Date.now() + 10 * 60_000;
    let incidentId = '';

    await step('the supervisor creates it from the form: it is SCHEDULED, on B2', async () => {
      await incidentsTab(relations);
      await incidentsTab(supervisor);
      expect(await relations.id('incident-new').isHidden()).toBe(true); // the relations officer only publishes
      await supervisor.id('incident-new').click();
      await supervisor.id('incident-title').fill(title);
      await supervisor.id('incident-kind-select').selectOption('WATER');
      await supervisor.page.locator('[data-testid="incident-building"][data-code="B2"]').check();
      await supervisor.id('incident-starts').fill(await localInput(supervisor, startMs));
      await supervisor.id('incident-ends').fill(await localInput(supervisor, startMs + 3 * 3600_000));
      await supervisor.id('incident-text').fill(text);
      await translated(supervisor);
      await supervisor.id('incident-text').press('Control+Enter');
      await item(supervisor).waitFor();
      incidentId = (await item(supervisor).getAttribute('data-incident-id'))!;
      expect(await item(supervisor).getAttribute('data-status')).toBe('SCHEDULED');
      expect(await item(supervisor).textContent()).toContain('计划 · 计划中');
      expect(await item(supervisor).locator('[data-testid="incident-kind"]').textContent()).toBe('停水');
      expect(await item(supervisor).locator('[data-testid="incident-buildings"]').textContent()).toBe('楼栋: B2');
      expect(await supervisor.id('incident-message').textContent()).toMatch(/^已创建 INC-\S+，影响 \d+ 户$/);
      await item(relations).waitFor(); // live on the other desk
      expect(await item(relations).locator('[data-testid="incident-end"]').count()).toBe(0);
      await translated(supervisor);
    });

    await step('the server stored it on B2 with every unit of B2, no notice yet', async () => {
      const row = await incidentRow(incidentId);
      expect(row).toMatchObject({ status: 'SCHEDULED', source: 'PLANNED', planned: true, textForResidents: text });
      expect(row.buildings.map((b) => b.code)).toEqual(['B2']);
      expect(Math.abs(Date.parse(row.startedAt) - startMs)).toBeLessThan(60_000); // a minute's input
      expect(Date.parse(row.endsAt!) - Date.parse(row.startedAt)).toBe(3 * 3600_000);
      const { units } = await s.api.as<{ units: { totalCount: number } }>(
        'manager',
        'query($b: ID!) { units(buildingId: $b, first: 1) { totalCount } }',
        { b: home.buildingId },
      );
      expect(units.totalCount).toBeGreaterThan(0);
      expect(row.affectedUnits.totalCount).toBe(units.totalCount);
      expect(row.affectedUnits.nodes.map((u) => u.id)).toContain(home.unitId);
      expect(row.announcements).toEqual([]); // its draft comes when it starts
    });

    await step('its start passes: a re-query shows it ACTIVE, live on the other desk too', async () => {
      s.setClockAhead(12 * 60_000);
      await incidentsTab(supervisor);
      await item(supervisor).and(supervisor.page.locator('[data-status="ACTIVE"]')).waitFor();
      await item(relations).and(relations.page.locator('[data-status="ACTIVE"]')).waitFor();
      expect(await item(relations).textContent()).toContain('计划 · 进行中');
      expect(relations.watch.navigations).toBe(1);
      expect((await incidentRow(incidentId)).status).toBe('ACTIVE');
    });

    const notice = item(relations).locator('[data-testid="incident-announcement"]');
    await step('the relations officer publishes the draft: PUBLISHED, to every affected unit', async () => {
      await notice.and(relations.page.locator('[data-status="DRAFT"]')).waitFor();
      expect(await notice.textContent()).toContain(`公告 · 草稿 · ${title}`);
      expect(await notice.locator('[data-testid="incident-publish"]').textContent()).toBe('发布公告');
      await translated(relations);
      await notice.locator('[data-testid="incident-publish"]').click();
      await notice.and(relations.page.locator('[data-status="PUBLISHED"]')).waitFor();
      expect(await notice.textContent()).toBe(`公告 · 已发布 · ${title}`); // nothing left to publish
      const row = await incidentRow(incidentId);
      expect(row.announcements).toHaveLength(1); // the draft itself, not a second notice
      expect(row.announcements[0]).toMatchObject({ title, body: text, status: 'PUBLISHED' });
      expect(row.announcements[0].recipients.totalCount).toBe(row.affectedUnits.totalCount);
      // it leaves the feed when the stop is announced to end, as its draft would have
      expect(row.announcements[0].expiresAt).toBe(row.endsAt);
      expect(await relations.id('incident-message').textContent()).toBe(
        `已发布，送达 ${row.affectedUnits.totalCount} 户`,
      );
      await translated(relations);
    });

    await step("it is in the unit's JSON feed and on the building's printed page", async () => {
      const feed = await unitFeed(s.platform, home.unitId);
      expect(feed.filter((a) => a.title === title).map((a) => a.body)).toEqual([text]);
      s.platform.services.announcementFeed.clear();
      const print = await relations.context.newPage();
      try {
        const response = await print.goto(`${s.platform.url}/print/buildings/${home.buildingId}/announcements`);
        expect(response?.status()).toBe(200);
        expect(await print.evaluate<string>('document.body.innerText')).toContain(title);
      } finally {
        await print.close();
      }
    });
  });

  it('a manual incident ended on the desk with a note: ENDED, its notice restored then expired, a callback', async () => {
    const home = await homeIn(s.api, 'B1', `${suffix}2`);
    const title = `B1 管道抢修停水 (e2e ${suffix})`;
    const note = `B1 管道已修复，恢复供水 (e2e ${suffix})`;
    const supervisor = await s.desk('supervisor');
    const operator = await s.desk('operator');
    const created = { id: '', number: '' };

    await step('the supervisor opens it on the form as manual: ACTIVE at once, MANUAL, on B1', async () => {
      await incidentsTab(supervisor);
      await supervisor.id('incident-new').click();
      await supervisor.id('incident-title').fill(title);
      await supervisor.id('incident-source-select').selectOption('MANUAL');
      expect(await supervisor.id('incident-starts').isVisible()).toBe(false); // a manual one starts now
      await supervisor.page.locator('[data-testid="incident-building"][data-code="B1"]').check();
      await supervisor.id('incident-text').fill('B1 栋管道抢修，暂停供水 (e2e)');
      await translated(supervisor);
      await supervisor.id('incident-text').press('Control+Enter');
      const listed = supervisor.page
        .locator('[data-testid="incident-item"][data-source="MANUAL"]')
        .filter({ hasText: title });
      await listed.waitFor();
      created.id = (await listed.getAttribute('data-incident-id'))!;
      expect(await listed.getAttribute('data-status')).toBe('ACTIVE');
      created.number = (await supervisor.id('incident-message').textContent())!.match(/INC-\S+?(?=，)/)![0];
      const row = await incidentRow(created.id);
      expect(row).toMatchObject({ status: 'ACTIVE', source: 'MANUAL', planned: false });
      expect(row.buildings.map((b) => b.code)).toEqual(['B1']);
      expect(Math.abs(Date.parse(row.startedAt) - Date.now())).toBeLessThan(5 * 60_000);
    });
    const { publishAnnouncement: published } = await s.api.as<{ publishAnnouncement: { id: string } }>(
      'relations',
      'mutation($input: PublishAnnouncementInput!) { publishAnnouncement(input: $input) { id } }',
      { input: { title, body: 'B1 栋管道抢修，暂停供水 (e2e)', kind: 'OUTAGE', incidentId: created.id } },
    );
    // the resident calls while it lasts: the call is linked to it
    await s.api.as('operator', 'mutation($input: StartCallInput!) { startCall(input: $input) { id } }', {
      input: { phone: home.phone, channel: 'PHONE' },
    });
    expect((await incidentRow(created.id)).calls.totalCount).toBe(1);
    const item = supervisor.page.locator(`[data-testid="incident-item"][data-incident-id="${created.id}"]`);
    let endedAt = 0;

    await step('the supervisor ends it with a note: it leaves the list, the desk says it ended', async () => {
      await incidentsTab(supervisor);
      expect(await item.getAttribute('data-source')).toBe('MANUAL');
      expect(await item.locator('[data-testid="incident-end"]').textContent()).toBe('结束事件');
      await item.locator('[data-testid="incident-end"]').click();
      await item.locator('[data-testid="incident-end-note"]').fill(note);
      await item.locator('[data-testid="incident-end-note"]').press('Enter');
      await item.waitFor({ state: 'detached' });
      expect(await supervisor.id('incident-message').textContent()).toBe(`已结束 ${created.number}`);
      await translated(supervisor);
    });

    await step('the server: ENDED with the note; the notice says restored and expires', async () => {
      const row = await incidentRow(created.id);
      expect(row).toMatchObject({ status: 'ENDED', endNote: note });
      endedAt = Date.parse(row.endedAt!);
      const [announcement] = row.announcements;
      expect(announcement.id).toBe(published.id);
      expect(announcement.body).toContain(RESTORED);
      expect(announcement.status).toBe('PUBLISHED'); // "restored" stays up for a while
      const expiresAt = Date.parse(announcement.expiresAt!);
      expect(expiresAt).toBeGreaterThan(endedAt);
      expect(expiresAt).toBeLessThanOrEqual(endedAt + 2 * 3600_000);
      const feed = await unitFeed(s.platform, home.unitId);
      expect(feed.find((a) => a.id === published.id)?.body).toContain(RESTORED);
      s.setClockAhead(expiresAt - Date.now() + 60_000); // a minute past its expiry
      const { announcement: later } = await s.api.as<{ announcement: { status: string } }>(
        'relations',
        'query($id: ID!) { announcement(id: $id) { status } }',
        { id: published.id },
      );
      expect(later.status).toBe('EXPIRED');
      expect((await unitFeed(s.platform, home.unitId)).some((a) => a.id === published.id)).toBe(false);
    });

    await step("the caller's callback is in the operator's list", async () => {
      await operator.id('tab-callbacks').click();
      const callback = operator.page.locator(
        `[data-testid="callback-item"][data-incident-id="${created.id}"][data-reason="INCIDENT_ENDED"]`,
      );
      await callback.waitFor();
      expect(await callback.getAttribute('data-resident')).toBe(home.name);
      expect(await callback.locator('[data-testid="callback-reason"]').textContent()).toBe('事件结束回访');
      await translated(operator);
      const { callbacks } = await s.api.as<{
        callbacks: { nodes: Array<{ reason: string; incident: { id: string } | null; resident: { id: string } }> };
      }>(
        'operator',
        '{ callbacks(filter: { status: DUE }, first: 500) { nodes { reason incident { id } resident { id } } } }',
      );
      expect(callbacks.nodes.filter((c) => c.incident?.id === created.id)).toEqual([
        { reason: 'INCIDENT_ENDED', incident: { id: created.id }, resident: { id: home.residentId } },
      ]);
    });
  });
});

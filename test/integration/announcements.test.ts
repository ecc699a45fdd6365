/**
 * Announcements (公共信息公布): publishing to a site, buildings and units with the recipients
 * fixed at publishing, the `current` filter at exact times, roles and site scoping, an
 * incident's draft from its plan's template, its publication, the "supply restored" update and
 * expiry when the incident ends, `Incident.announcements`, the public feed per unit and the
 * printable page per building over HTTP. Contract operations (incidents contract
 * `PublishAnnouncement`, `AnnouncementsForUnit`) are copied verbatim below.
 * Real: the whole platform over HTTP on the shared PostgreSQL; an alert raised through the real
 * AlertService. Faked: the platform's clock (a variable the test moves); the incident rows are
 * written through the ORM and the listener is called as the incident service calls it, inside a
 * transaction (the incident service is built in parallel).
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Incident } from '../../schema/incidents/incident.entity';
import { IncidentKind, IncidentSource, IncidentStatus } from '../../schema/incidents/incident.enums';
import { Alert } from '../../schema/monitoring/alerts/alert.entity';
import { Unit } from '../../schema/estate/units/unit.entity';
import { Site } from '../../schema/estate/sites/site.entity';
import { RESTORED_NOTE } from '../../schema/announcements/announcement-incident.listener';
import { postGraphql } from '../support/graphql-client';
import { codeOf, coreOp, newSite, newStaff, run } from '../support/core-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { buildUnit } from '../factories/residents.factory';

// incidents contract, verbatim
const PUBLISH_ANNOUNCEMENT = `mutation PublishAnnouncement($input: PublishAnnouncementInput!) {
  publishAnnouncement(input: $input) { id title kind status publishAt expiresAt recipients { totalCount } }
}`;
const ANNOUNCEMENTS_FOR_UNIT = `query AnnouncementsForUnit($unitId: ID!) {
  announcements(filter: { unitId: $unitId, current: true }, first: 50) { nodes { id title body kind publishAt expiresAt } }
}`;

interface Published {
  id: string;
  title: string;
  kind: string;
  status: string;
  publishAt: string;
  expiresAt: string | null;
  recipients: { totalCount: number };
}

const HOUR = 3600_000;

describe('announcements', () => {
  let platform: TestPlatform;
  let url: string;
  let base: string;
  let clock: Date;
  const tokens: Record<string, string> = {};
  /** site AN with buildings A (3 units) and B (2 units) */
  let an: { siteId: string; buildingA: string; buildingB: string; unitsA: string[]; unitsB: string[] };
  let anSupervisor: string;

  const api = <T>(token: string, query: string, variables: object = {}) =>
    postGraphql<T, object>(url, query, variables, token);
  const publish = async (token: string, input: Record<string, unknown>) =>
    (await run<{ publishAnnouncement: Published }>(url, PUBLISH_ANNOUNCEMENT, { input }, token)).publishAnnouncement;
  const forUnit = async (unitId: string) =>
    (
      await run<{ announcements: { nodes: Array<{ id: string; title: string; body: string }> } }>(
        url,
        ANNOUNCEMENTS_FOR_UNIT,
        { unitId },
        tokens.manager,
      )
    ).announcements.nodes;
  const statusOf = async (id: string) =>
    (
      await run<{ announcement: { status: string } }>(
        url,
        'query($id: ID!) { announcement(id: $id) { status } }',
        { id },
        tokens.manager,
      )
    ).announcement.status;

  beforeAll(async () => {
    clock = new Date();
    platform = await startTestPlatform({}, { overrides: { now: () => clock } });
    url = platform.graphqlUrl;
    base = url.replace(/\/graphql$/, '');
    for (const name of ['manager', 'supervisor', 'operator', 'hotline-manager', 'technician', 'relations', 'affairs'])
      tokens[name] = await platform.login(name);
    const site = await newSite(url, tokens.manager, 'AN');
    const second = await run<{ createBuilding: { id: string } }>(
      url,
      coreOp('CreateBuilding'),
      { input: { siteId: site.siteId, code: 'ANB', name: '公告楼 B' } },
      tokens.manager,
    );
    const unitsA = [];
    for (const code of ['A-101', 'A-102', 'A-201'])
      unitsA.push((await buildUnit(platform.orm, site.buildingId, code)).id);
    const unitsB = [];
    for (const code of ['B-101', 'B-102'])
      unitsB.push((await buildUnit(platform.orm, second.createBuilding.id, code)).id);
    an = { siteId: site.siteId, buildingA: site.buildingId, buildingB: second.createBuilding.id, unitsA, unitsB };
    anSupervisor = (await newStaff(url, tokens.manager, { role: 'SUPERVISOR', siteIds: [site.siteId] })).token;
  });
  afterAll(() => platform?.stop());

  beforeEach(() => {
    clock = new Date();
    platform.services.announcementFeed.clear();
  });

  it('reaches every unit of the site, of the buildings, the listed units, and their union without duplicates', async () => {
    const site = await publish(anSupervisor, { title: '全区停车 Site', body: 'b', kind: 'NOTICE', siteId: an.siteId });
    expect(site.recipients.totalCount).toBe(5);
    expect(site.status).toBe('PUBLISHED');
    expect(new Date(site.publishAt).getTime()).toBe(clock.getTime()); // publishAt defaults to now
    const building = await publish(anSupervisor, {
      title: 'B only',
      body: 'b',
      kind: 'EVENT',
      buildingIds: [an.buildingB],
    });
    expect(building.recipients.totalCount).toBe(2);
    const units = await publish(anSupervisor, {
      title: 'one unit',
      body: 'b',
      kind: 'NOTICE',
      unitIds: [an.unitsA[0]],
    });
    expect(units.recipients.totalCount).toBe(1);
    const union = await publish(anSupervisor, {
      title: 'B and a unit of B and A',
      body: 'b',
      kind: 'NOTICE',
      buildingIds: [an.buildingB],
      unitIds: [an.unitsB[0], an.unitsA[1]],
    });
    expect(union.recipients.totalCount).toBe(3);
    // the recipients are rows: unit A-101 of building A is reached by the site notice and its own
    const seen = (await forUnit(an.unitsA[0])).map((n) => n.id);
    expect(seen).toEqual(expect.arrayContaining([site.id, units.id]));
    expect(seen).not.toContain(building.id);
    expect(seen).not.toContain(union.id);
    const ofB = await run<{ announcements: { totalCount: number; nodes: Array<{ id: string }> } }>(
      url,
      'query($b: ID!) { announcements(filter: { buildingId: $b }) { totalCount nodes { id } } }',
      { b: an.buildingB },
      anSupervisor,
    );
    const idsOfB = ofB.announcements.nodes.map((n) => n.id);
    expect(idsOfB).toEqual(expect.arrayContaining([site.id, building.id, union.id]));
    expect(idsOfB).not.toContain(units.id); // it reaches a unit of building A only
  });

  it('refuses no scope, an expiry not after publishing, a scope over two sites, and another site', async () => {
    expect(
      codeOf(await api(anSupervisor, PUBLISH_ANNOUNCEMENT, { input: { title: 't', body: 'b', kind: 'NOTICE' } })),
    ).toBe('BAD_USER_INPUT');
    const backwards = await api(anSupervisor, PUBLISH_ANNOUNCEMENT, {
      input: {
        title: 't',
        body: 'b',
        kind: 'NOTICE',
        siteId: an.siteId,
        publishAt: new Date(clock.getTime() + HOUR).toISOString(),
        expiresAt: new Date(clock.getTime() + HOUR).toISOString(),
      },
    });
    expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
    const [hgBuilding] = (
      await run<{ buildings: Array<{ id: string }> }>(url, '{ buildings { id } }', {}, tokens.supervisor)
    ).buildings;
    const twoSites = await api(tokens.manager, PUBLISH_ANNOUNCEMENT, {
      input: { title: 't', body: 'b', kind: 'NOTICE', buildingIds: [an.buildingA, hgBuilding.id] },
    });
    expect(codeOf(twoSites)).toBe('BAD_USER_INPUT');
    // the HG supervisor may not address site AN (its ids are not found for them)
    for (const input of [{ siteId: an.siteId }, { buildingIds: [an.buildingA] }, { unitIds: [an.unitsB[0]] }]) {
      const refused = await api(tokens.supervisor, PUBLISH_ANNOUNCEMENT, {
        input: { title: 'not mine', body: 'b', kind: 'NOTICE', ...input },
      });
      expect(codeOf(refused)).toBe('NOT_FOUND');
    }
    const [{ n }] = await platform.orm.em
      .fork()
      .execute<Array<{ n: string }>>(`select count(*) as n from announcement where title in ('t', 'not mine')`);
    expect(Number(n)).toBe(0);
  });

  it('refuses a title over 200 characters and over 500 units or buildings as BAD_USER_INPUT, storing nothing', async () => {
    const count = async () =>
      Number(
        (await platform.orm.em.fork().execute<Array<{ n: string }>>('select count(*) as n from announcement'))[0].n,
      );
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(0);
    const longTitle = await api(anSupervisor, PUBLISH_ANNOUNCEMENT, {
      input: { title: '通'.repeat(201), body: 'b', kind: 'NOTICE', siteId: an.siteId },
    });
    expect(codeOf(longTitle)).toBe('BAD_USER_INPUT');
    // one real unit named 501 times: without the bound duplicates collapsed and it was published
    const manyUnits = await api(anSupervisor, PUBLISH_ANNOUNCEMENT, {
      input: { title: 't', body: 'b', kind: 'NOTICE', unitIds: Array.from({ length: 501 }, () => an.unitsA[0]) },
    });
    expect(codeOf(manyUnits)).toBe('BAD_USER_INPUT');
    const manyBuildings = await api(anSupervisor, PUBLISH_ANNOUNCEMENT, {
      input: { title: 't', body: 'b', kind: 'NOTICE', buildingIds: Array.from({ length: 501 }, () => an.buildingA) },
    });
    expect(codeOf(manyBuildings)).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(before);
    // at the bounds it is published
    const atBounds = await publish(anSupervisor, {
      title: '通'.repeat(200),
      body: 'b',
      kind: 'NOTICE',
      unitIds: Array.from({ length: 500 }, () => an.unitsA[0]),
    });
    expect(atBounds.recipients.totalCount).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('is published by the manager, supervisor, hotline manager and relations officer only', async () => {
    const [hgBuilding] = (
      await run<{ buildings: Array<{ id: string }> }>(url, '{ buildings { id } }', {}, tokens.supervisor)
    ).buildings;
    const input = (who: string) => ({ title: `by ${who}`, body: 'b', kind: 'NOTICE', buildingIds: [hgBuilding.id] });
    for (const who of ['manager', 'supervisor', 'hotline-manager', 'relations'])
      expect((await publish(tokens[who], input(who))).title).toBe(`by ${who}`);
    for (const who of ['operator', 'technician', 'affairs'])
      expect(codeOf(await api(tokens[who], PUBLISH_ANNOUNCEMENT, { input: input(who) }))).toBe('FORBIDDEN');
  });

  it('is current from publishAt until expiresAt, exactly, and reads EXPIRED after', async () => {
    const start = clock.getTime();
    const unitId = an.unitsB[1];
    const notice = await publish(anSupervisor, {
      title: '停水 Water stop',
      body: 'b',
      kind: 'OUTAGE',
      unitIds: [unitId],
      publishAt: new Date(start + HOUR).toISOString(),
      expiresAt: new Date(start + 3 * HOUR).toISOString(),
    });
    const at = async (ms: number) => {
      clock = new Date(start + ms);
      return (await forUnit(unitId)).some((n) => n.id === notice.id);
    };
    expect(await at(HOUR - 1)).toBe(false);
    expect(await at(HOUR)).toBe(true);
    expect(await statusOf(notice.id)).toBe('PUBLISHED');
    expect(await at(3 * HOUR - 1)).toBe(true);
    expect(await at(3 * HOUR)).toBe(false);
    expect(await statusOf(notice.id)).toBe('EXPIRED');
    const notCurrent = await run<{ announcements: { nodes: Array<{ id: string }> } }>(
      url,
      'query($u: ID!) { announcements(filter: { unitId: $u, current: false }) { nodes { id } } }',
      { u: unitId },
      tokens.manager,
    );
    expect(notCurrent.announcements.nodes.map((n) => n.id)).toContain(notice.id);
  });

  describe('an incident', () => {
    const listener = () => platform.services.announcementListener;

    /** an incident on building A's first two units, written as the incident service writes it */
    const openIncident = async (options: {
      alertId?: string;
      textForResidents?: string;
      title: string;
      endsAt?: Date;
    }) => {
      const em = platform.orm.em.fork();
      return em.transactional(async (tx: EntityManager) => {
        const incident = tx.create(Incident, {
          number: `INC-T-${randomUUID().slice(0, 8)}`,
          title: options.title,
          kind: IncidentKind.WATER,
          source: options.alertId ? IncidentSource.ALERT : IncidentSource.MANUAL,
          status: IncidentStatus.ACTIVE,
          startedAt: clock,
          endsAt: options.endsAt ?? null,
          planned: options.endsAt !== undefined,
          textForResidents: options.textForResidents ?? null,
          site: tx.getReference(Site, an.siteId),
        });
        incident.affectedUnits.set(an.unitsA.slice(0, 2).map((id) => tx.getReference(Unit, id)));
        if (options.alertId) incident.alerts.add(tx.getReference(Alert, options.alertId));
        await tx.flush();
        await listener().incidentOpened(tx, incident, clock);
        return incident.id;
      });
    };
    const endIncident = async (id: string) => {
      const em = platform.orm.em.fork();
      await em.transactional(async (tx: EntityManager) => {
        const incident = await tx.findOneOrFail(Incident, { id });
        incident.status = IncidentStatus.ENDED;
        incident.endedAt = clock;
        await listener().incidentEnded(tx, incident, clock);
      });
    };
    const announcementsOf = async (incidentId: string) =>
      (
        await run<{
          announcements: {
            nodes: Array<{
              id: string;
              status: string;
              title: string;
              body: string;
              expiresAt: string | null;
              recipients: { totalCount: number };
              incident: { id: string; announcements: Array<{ id: string }> };
            }>;
          };
        }>(
          url,
          `query($i: ID!) { announcements(filter: { incidentId: $i }) {
             nodes { id status title body expiresAt recipients { totalCount } incident { id announcements { id } } } } }`,
          { i: incidentId },
          tokens.manager,
        )
      ).announcements.nodes;

    it("drafts from its plan's template in both languages; publishing with the incident publishes that draft to its units", async () => {
      const equipment = await run<{ createEquipment: { id: string } }>(
        url,
        'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }',
        { input: { buildingId: an.buildingA, code: 'AN-PUMP', name: 'pump', system: 'WATER', kind: 'pump' } },
        tokens.manager,
      );
      const deviceId = `an-pump-${Date.now().toString(36)}`;
      await run(
        url,
        'mutation($e: ID!, $d: String!) { provisionDevice(equipmentId: $e, deviceId: $d) { username } }',
        { e: equipment.createEquipment.id, d: deviceId },
        tokens.manager,
      );
      await platform.services.alerts.apply([
        {
          type: 'raise',
          faultCode: 'WATER_PRESSURE_LOW',
          severity: 'critical',
          equipmentId: equipment.createEquipment.id,
          deviceId,
          at: Date.now() - 1000,
          value: 0.5,
          metric: 'pressure',
          message: 'pressure low',
        },
      ]);
      const [alert] = await platform.orm.em
        .fork()
        .execute<Array<{ id: string }>>('select id from alert where equipment_id = ?', [equipment.createEquipment.id]);
      await platform.orm.em
        .fork()
        .execute(`update emergency_plan set announcement_template = ? where fault_code = 'WATER_PRESSURE_LOW'`, [
          JSON.stringify({
            title: 'Water supply interrupted',
            titleZh: '临时停水',
            body: 'We are repairing the pump.',
            bodyZh: '水泵抢修中。',
          }),
        ]);

      const incidentId = await openIncident({ alertId: alert.id, title: 'pressure low in A' });
      const [draft] = await announcementsOf(incidentId);
      expect(draft.status).toBe('DRAFT');
      expect(draft.title).toBe('临时停水 / Water supply interrupted');
      expect(draft.body).toContain('水泵抢修中。');
      expect(draft.body).toContain('We are repairing the pump.');
      expect(draft.recipients.totalCount).toBe(0); // nobody sees a draft
      expect(draft.incident.announcements.map((a) => a.id)).toEqual([draft.id]);

      const published = await publish(anSupervisor, {
        title: draft.title,
        body: draft.body,
        kind: 'OUTAGE',
        incidentId,
      });
      expect(published.id).toBe(draft.id); // the draft, not a second notice
      expect(published.status).toBe('PUBLISHED');
      expect(published.recipients.totalCount).toBe(2); // the incident's affected units
      expect((await forUnit(an.unitsA[0])).map((n) => n.id)).toContain(draft.id);
      expect((await forUnit(an.unitsA[2])).map((n) => n.id)).not.toContain(draft.id);
      // the listener never drafts twice for one incident
      await platform.orm.em.fork().transactional(async (tx: EntityManager) => {
        await listener().incidentOpened(tx, await tx.findOneOrFail(Incident, { id: incidentId }), clock);
      });
      expect(await announcementsOf(incidentId)).toHaveLength(1);

      // ended: "supply restored" appended, expires after the grace (2 h), still shown until then
      const endedAt = clock.getTime();
      await endIncident(incidentId);
      const [restored] = await announcementsOf(incidentId);
      expect(restored.body).toContain(RESTORED_NOTE);
      expect(restored.body.match(/已恢复供应/g)).toHaveLength(1);
      expect(new Date(restored.expiresAt!).getTime()).toBe(endedAt + 2 * HOUR);
      clock = new Date(endedAt + 2 * HOUR - 1);
      expect((await forUnit(an.unitsA[0])).find((n) => n.id === draft.id)?.body).toContain(RESTORED_NOTE);
      clock = new Date(endedAt + 2 * HOUR);
      expect((await forUnit(an.unitsA[0])).map((n) => n.id)).not.toContain(draft.id);
      expect(await statusOf(draft.id)).toBe('EXPIRED');
    });

    it('without a plan: drafts from its text for residents', async () => {
      const incidentId = await openIncident({
        title: '计划停水 Planned stop',
        textForResidents: '周三 9:00-12:00 停水 / Water off Wed 9-12',
      });
      const [draft] = await announcementsOf(incidentId);
      expect(draft.status).toBe('DRAFT');
      expect(draft.title).toBe('计划停水 Planned stop');
      expect(draft.body).toBe('周三 9:00-12:00 停水 / Water off Wed 9-12');
      await endIncident(incidentId);
      expect((await announcementsOf(incidentId))[0].body).toContain(RESTORED_NOTE);
    });

    it("a planned stop's draft keeps its planned end when published without an expiry; an explicit null clears it", async () => {
      const endsAt = new Date(clock.getTime() + 3 * HOUR);
      const first = await openIncident({ title: '计划停水 kept', textForResidents: '停水 / Water off', endsAt });
      const [draft] = await announcementsOf(first);
      expect(draft.expiresAt).toBe(endsAt.toISOString());
      const kept = await publish(anSupervisor, {
        title: draft.title,
        body: draft.body,
        kind: 'OUTAGE',
        incidentId: first,
      });
      expect(kept.id).toBe(draft.id);
      expect(kept.expiresAt).toBe(endsAt.toISOString());

      const second = await openIncident({ title: '计划停水 cleared', textForResidents: '停水 / Water off', endsAt });
      const [other] = await announcementsOf(second);
      const cleared = await publish(anSupervisor, {
        title: other.title,
        body: other.body,
        kind: 'OUTAGE',
        incidentId: second,
        expiresAt: null,
      });
      expect(cleared.id).toBe(other.id);
      expect(cleared.expiresAt).toBeNull();
    });
  });

  it('serves a unit its current notices as JSON, publicly, with no personal data', async () => {
    const unitId = an.unitsB[0];
    const notice = await publish(anSupervisor, {
      title: '电梯维保 Lift service',
      body: '周五 Fri',
      kind: 'EVENT',
      unitIds: [unitId],
    });
    const response = await fetch(`${base}/feeds/units/${unitId}/announcements.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=30');
    const feed = (await response.json()) as { unit: { code: string }; announcements: Array<Record<string, unknown>> };
    expect(feed.unit.code).toBe('B-101');
    const item = feed.announcements.find((a) => a.id === notice.id);
    expect(item).toEqual({
      id: notice.id,
      title: '电梯维保 Lift service',
      body: '周五 Fri',
      kind: 'EVENT',
      publishAt: notice.publishAt,
      expiresAt: null,
    });
    // a notice of another unit is not in it
    const other = await publish(anSupervisor, {
      title: 'other unit',
      body: 'b',
      kind: 'NOTICE',
      unitIds: [an.unitsA[2]],
    });
    platform.services.announcementFeed.clear();
    const again = (await (await fetch(`${base}/feeds/units/${unitId}/announcements.json`)).json()) as {
      announcements: Array<{ id: string }>;
    };
    expect(again.announcements.map((a) => a.id)).toContain(notice.id);
    expect(again.announcements.map((a) => a.id)).not.toContain(other.id);
    expect((await fetch(`${base}/feeds/units/${randomUUID()}/announcements.json`)).status).toBe(404);
    expect((await fetch(`${base}/feeds/units/not-a-unit/announcements.json`)).status).toBe(404);
  });

  it("a building's printed page lists notices to its site, to it and to an incident on it, never one to named units only", async () => {
    const page = async (buildingId: string) => {
      platform.services.announcementFeed.clear();
      const response = await fetch(`${base}/print/buildings/${buildingId}/announcements`);
      expect(response.status).toBe(200);
      return response.text();
    };
    const tag = randomUUID().slice(0, 8);
    const unitOnly = await publish(anSupervisor, {
      title: `欠费提醒 arrears ${tag}`,
      body: 'B-101 only',
      kind: 'NOTICE',
      unitIds: [an.unitsB[0]],
    });
    const toSite = await publish(anSupervisor, {
      title: `全区 site ${tag}`,
      body: 'b',
      kind: 'NOTICE',
      siteId: an.siteId,
    });
    const toBuilding = await publish(anSupervisor, {
      title: `本楼 building ${tag}`,
      body: 'b',
      kind: 'NOTICE',
      buildingIds: [an.buildingB],
    });
    // an incident on building B (the real incident service): its draft published with no scope of its own
    const incident = await run<{ createIncident: { id: string } }>(
      url,
      `mutation CreateIncident($input: CreateIncidentInput!) {
  createIncident(input: $input) { id number status affectedUnits { totalCount } }
}`,
      {
        input: {
          title: `停水 water ${tag}`,
          kind: 'WATER',
          buildingIds: [an.buildingB],
          startsAt: clock.toISOString(),
          planned: false,
          textForResidents: '停水',
        },
      },
      anSupervisor,
    );
    const incidentId = incident.createIncident.id;
    const ofIncident = await publish(anSupervisor, {
      title: `停水通知 incident ${tag}`,
      body: 'b',
      kind: 'OUTAGE',
      incidentId,
    });
    expect(unitOnly.recipients.totalCount).toBe(1);
    expect(ofIncident.recipients.totalCount).toBe(2);

    // the unit's own feed has the unit notice (and the others reaching it)
    const feedIds = (await forUnit(an.unitsB[0])).map((n) => n.id);
    expect(feedIds).toEqual(expect.arrayContaining([unitOnly.id, toSite.id, toBuilding.id, ofIncident.id]));
    const json = (await (await fetch(`${base}/feeds/units/${an.unitsB[0]}/announcements.json`)).json()) as {
      announcements: Array<{ id: string }>;
    };
    expect(json.announcements.map((a) => a.id)).toContain(unitOnly.id);

    const htmlB = await page(an.buildingB);
    expect(htmlB).toContain(`全区 site ${tag}`);
    expect(htmlB).toContain(`本楼 building ${tag}`);
    expect(htmlB).toContain(`停水通知 incident ${tag}`);
    expect(htmlB).not.toContain(`欠费提醒 arrears ${tag}`);
    const htmlA = await page(an.buildingA);
    expect(htmlA).toContain(`全区 site ${tag}`);
    expect(htmlA).not.toContain(`本楼 building ${tag}`);
    expect(htmlA).not.toContain(`停水通知 incident ${tag}`);
    expect(htmlA).not.toContain(`欠费提醒 arrears ${tag}`);

    await run(url, 'mutation($id: ID!) { endIncident(id: $id) { id } }', { id: incidentId }, anSupervisor);
  });

  it('prints a building its current notices in Chinese and English, escaped, with print CSS', async () => {
    const notice = await publish(anSupervisor, {
      title: '停电通知 <b>Power</b>',
      body: '配电房检修\nSwitchroom work',
      kind: 'OUTAGE',
      buildingIds: [an.buildingB],
    });
    const response = await fetch(`${base}/print/buildings/${an.buildingB}/announcements`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('公告楼 B (ANB) 公告 / Announcements');
    expect(html).toContain('停电通知 &lt;b&gt;Power&lt;/b&gt;');
    expect(html).toContain('[停供 Outage]');
    expect(html).toContain('配电房检修\nSwitchroom work');
    expect(html).toContain('href="/print/announcements.css"');
    expect(notice.recipients.totalCount).toBe(2);
    const css = await fetch(`${base}/print/announcements.css`);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect(await css.text()).toContain('@media print');
    expect((await fetch(`${base}/print/buildings/${randomUUID()}/announcements`)).status).toBe(404);
  });
});

/**
 * Incidents staff open (planned and manual), the units equipment serves, the active incidents
 * list and its cost. Real: the whole platform over HTTP on the shared PostgreSQL. Faked: nothing;
 * units are written through the ORM (test/factories/residents.factory.ts) and a scheduled
 * incident's start is moved back in SQL to make it due.
 */
import { postGraphql } from '../support/graphql-client';
import { codeOf, coreOp, newSite, run } from '../support/core-operations';
import { ACTIVE_INCIDENTS, CREATE_INCIDENT, END_INCIDENT, SET_EQUIPMENT_SERVES } from '../support/incident-operations';
import { requestStatements } from '../support/statement-count';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { buildUnit } from '../factories/residents.factory';

interface Created {
  id: string;
  number: string;
  status: string;
  affectedUnits: { totalCount: number };
}

describe('incidents staff open', () => {
  let platform: TestPlatform;
  let url: string;
  const tokens: Record<string, string> = {};
  let siteSerial = 0;

  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);
  const api = <T>(token: string, query: string, variables: object = {}) =>
    postGraphql<T, object>(url, query, variables, token);
  const ok = <T>(token: string, query: string, variables: object = {}) => run<T>(url, query, variables, token);

  let hgSiteId: string;

  /**
   * A fresh building of the demo site HG (the scoped demo accounts see it) with `units` units and
   * one pump, or of a new site with `otherSite` (no test sees another's).
   */
  const estate = async (units = 3, otherSite = false) => {
    const code = `I${process.pid % 1000}-${++siteSerial}-${Date.now() % 100_000}`;
    const site = otherSite
      ? await newSite(url, tokens.manager, code)
      : {
          siteId: hgSiteId,
          buildingId: (
            await ok<{ createBuilding: { id: string } }>(tokens.manager, coreOp('CreateBuilding'), {
              input: { siteId: hgSiteId, code, name: `building ${code}` },
            })
          ).createBuilding.id,
        };
    const unitIds: string[] = [];
    for (let i = 1; i <= units; i++) unitIds.push((await buildUnit(platform.orm, site.buildingId, `1-${100 + i}`)).id);
    const { createEquipment } = await ok<{ createEquipment: { id: string } }>(
      tokens.manager,
      'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }',
      { input: { buildingId: site.buildingId, code: 'WP-1', name: 'booster pump', system: 'WATER', kind: 'pump' } },
    );
    return { ...site, unitIds, equipmentId: createEquipment.id };
  };
  const create = async (token: string, input: object) =>
    (await ok<{ createIncident: Created }>(token, CREATE_INCIDENT, { input })).createIncident;

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    for (const name of ['manager', 'supervisor', 'operator', 'hotline-manager', 'technician', 'relations', 'affairs'])
      tokens[name] = await platform.login(name);
    [{ id: hgSiteId }] = await sql<{ id: string }>(`select id from site where code = 'HG'`);
  });
  afterAll(() => platform.stop());

  it('SetEquipmentServes: none set serves the whole building; a set replaces it; units of another site are refused', async () => {
    const e = await estate(3);
    const served = `query($id: ID!) { equipmentItem(id: $id) { servedUnits(first: 2) { totalCount nodes { id } pageInfo { hasNextPage } } } }`;
    const all = await ok<{
      equipmentItem: { servedUnits: { totalCount: number; nodes: unknown[]; pageInfo: { hasNextPage: boolean } } };
    }>(tokens.operator, served, { id: e.equipmentId });
    expect(all.equipmentItem.servedUnits).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(all.equipmentItem.servedUnits.nodes).toHaveLength(2);

    const set = await ok<{ setEquipmentServes: { id: string; servedUnits: { totalCount: number } } }>(
      tokens.affairs,
      SET_EQUIPMENT_SERVES,
      { equipmentId: e.equipmentId, unitIds: [e.unitIds[0], e.unitIds[1]] },
    );
    expect(set.setEquipmentServes).toEqual({ id: e.equipmentId, servedUnits: { totalCount: 2 } });

    const other = await estate(1, true);
    const stray = await api(tokens.manager, SET_EQUIPMENT_SERVES, {
      equipmentId: e.equipmentId,
      unitIds: [other.unitIds[0]],
    });
    expect(codeOf(stray)).toBe('BAD_USER_INPUT');
    for (const role of ['operator', 'technician', 'hotline-manager', 'relations']) {
      const denied = await api(tokens[role], SET_EQUIPMENT_SERVES, { equipmentId: e.equipmentId, unitIds: [] });
      expect(codeOf(denied)).toBe('FORBIDDEN');
    }
    const back = await ok<{ setEquipmentServes: { servedUnits: { totalCount: number } } }>(
      tokens.supervisor,
      SET_EQUIPMENT_SERVES,
      { equipmentId: e.equipmentId, unitIds: [] },
    );
    expect(back.setEquipmentServes.servedUnits.totalCount).toBe(3);
  });

  it('a manual incident starting now is ACTIVE on every unit of its buildings and ends by staff once', async () => {
    const e = await estate(4);
    const created = await create(tokens['hotline-manager'], {
      title: '2号楼停水 Water off',
      kind: 'WATER',
      buildingIds: [e.buildingId],
      startsAt: new Date().toISOString(),
      planned: false,
      textForResidents: '抢修中',
    });
    expect(created).toMatchObject({ status: 'ACTIVE', affectedUnits: { totalCount: 4 } });
    expect(created.number).toMatch(/^INC-\d{8}-\d{6}$/);
    const [row] = await sql<{ source: string; site_id: string }>('select source, site_id from incident where id = ?', [
      created.id,
    ]);
    expect(row).toEqual({ source: 'MANUAL', site_id: e.siteId });

    const ended = await ok<{ endIncident: { id: string; status: string; endedAt: string } }>(
      tokens.supervisor,
      END_INCIDENT,
      {
        id: created.id,
        note: 'fixed',
      },
    );
    expect(ended.endIncident).toMatchObject({ id: created.id, status: 'ENDED' });
    expect(Date.parse(ended.endIncident.endedAt)).toBeGreaterThan(0);
    const again = await api(tokens.supervisor, END_INCIDENT, { id: created.id });
    expect(codeOf(again)).toBe('INVALID_TRANSITION');
  });

  it('a planned incident ahead is SCHEDULED and turns ACTIVE at its start (one conditional update)', async () => {
    const e = await estate(2);
    const startsAt = new Date(Date.now() + 3600_000);
    const created = await create(tokens.affairs, {
      title: 'Planned water stop',
      kind: 'WATER',
      buildingIds: [e.buildingId],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 4 * 3600_000).toISOString(),
      planned: true,
    });
    expect(created).toMatchObject({ status: 'SCHEDULED', affectedUnits: { totalCount: 2 } });
    const status = `query($id: ID!) { incident(id: $id) { status planned source } }`;
    expect((await ok<{ incident: { status: string } }>(tokens.operator, status, { id: created.id })).incident).toEqual({
      status: 'SCHEDULED',
      planned: true,
      source: 'PLANNED',
    });
    await sql(`update incident set started_at = now() - interval '1 minute' where id = ?`, [created.id]);
    expect(
      (await ok<{ incident: { status: string } }>(tokens.operator, status, { id: created.id })).incident.status,
    ).toBe('ACTIVE');
    // two instances checking at once activate it once: the second update finds nothing SCHEDULED
    const [a, b] = await Promise.all([
      platform.services.incidents.activateDue(),
      platform.services.incidents.activateDue(),
    ]);
    expect(a + b).toBe(0);
  });

  it('refuses bad input and roles that do not open incidents', async () => {
    const e = await estate(1);
    const other = await estate(1, true);
    const input = {
      title: 'x',
      kind: 'OTHER',
      buildingIds: [e.buildingId],
      startsAt: new Date().toISOString(),
      planned: false,
    };
    for (const role of ['operator', 'technician', 'relations']) {
      expect(codeOf(await api(tokens[role], CREATE_INCIDENT, { input }))).toBe('FORBIDDEN');
    }
    const twoSites = await api(tokens.manager, CREATE_INCIDENT, {
      input: { ...input, buildingIds: [e.buildingId, other.buildingId] },
    });
    expect(codeOf(twoSites)).toBe('BAD_USER_INPUT');
    const blank = await api(tokens.manager, CREATE_INCIDENT, { input: { ...input, title: '  ' } });
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    const backwards = await api(tokens.manager, CREATE_INCIDENT, {
      input: { ...input, endsAt: new Date(Date.now() - 3600_000).toISOString() },
    });
    expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
  });

  it('bounds its inputs: an end note over 4,000 characters and over 2,000 served units are BAD_USER_INPUT, changing nothing', async () => {
    const e = await estate(2);
    const created = await create(tokens.supervisor, {
      title: 'note limit',
      kind: 'OTHER',
      buildingIds: [e.buildingId],
      startsAt: new Date().toISOString(),
      planned: false,
    });
    const longNote = await api(tokens.supervisor, END_INCIDENT, { id: created.id, note: 'x'.repeat(4001) });
    expect(codeOf(longNote)).toBe('BAD_USER_INPUT');
    expect(await sql('select status, end_note from incident where id = ?', [created.id])).toEqual([
      { status: 'ACTIVE', end_note: null },
    ]);
    // one real unit named 2,001 times: without the bound the service took it (duplicates collapse)
    const tooMany = await api(tokens.manager, SET_EQUIPMENT_SERVES, {
      equipmentId: e.equipmentId,
      unitIds: Array.from({ length: 2001 }, () => e.unitIds[0]),
    });
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    expect(await sql('select count(*)::int as n from equipment_unit where equipment_id = ?', [e.equipmentId])).toEqual([
      { n: 0 },
    ]);
    const atBound = await ok<{ setEquipmentServes: { servedUnits: { totalCount: number } } }>(
      tokens.manager,
      SET_EQUIPMENT_SERVES,
      { equipmentId: e.equipmentId, unitIds: Array.from({ length: 2000 }, () => e.unitIds[0]) },
    );
    expect(atBound.setEquipmentServes.servedUnits.totalCount).toBe(1);
    const ended = await ok<{ endIncident: { status: string } }>(tokens.supervisor, END_INCIDENT, {
      id: created.id,
      note: 'x'.repeat(4000),
    });
    expect(ended.endIncident.status).toBe('ENDED');
  });

  it('ActiveIncidents costs the same statements for 2 or 8 incidents (no N+1)', async () => {
    await sql(`update incident set status = 'ENDED', ended_at = now() where status <> 'ENDED'`);
    const e = await estate(2);
    const open = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await create(tokens.manager, {
          title: `stop ${i}`,
          kind: 'ELECTRIC',
          buildingIds: [e.buildingId],
          startsAt: new Date().toISOString(),
          planned: false,
        });
      }
    };
    /** the statements of one ActiveIncidents request (test/support/statement-count.ts) */
    const statementsFor = async () => {
      const { statements, result } = await requestStatements(platform.orm, () =>
        api<{ incidents: { totalCount: number; nodes: Array<{ affectedUnits: { totalCount: number } }> } }>(
          tokens.operator,
          ACTIVE_INCIDENTS,
        ),
      );
      expect(result.errors).toBeUndefined();
      for (const node of result.data!.incidents.nodes) expect(node.affectedUnits.totalCount).toBe(2);
      return { n: statements, rows: result.data!.incidents.totalCount };
    };
    await open(2);
    const two = await statementsFor();
    expect(two.rows).toBe(2);
    expect(two.n).toBeGreaterThan(0); // the counter counts
    await open(6);
    const eight = await statementsFor();
    expect(eight).toEqual({ n: two.n, rows: 8 });
    // the due-activation check (nothing due: one select, no transaction), the page (not full: no
    // count), alert and building links, buildings, and one count each of units, calls and requests
    // (no alert: no alert statement; no work order)
    expect(eight.n).toBe(8);
  });
});

/**
 * The residents' archive (service-desk contract CreateUnit, Units, RegisterResident, MoveOut,
 * Residents, plus unit, resident and updateResident): each workflow and its errors, who may do
 * what, phone masking per role, site scoping, and the SQL statements a list costs (no N+1).
 * Real: the whole platform over HTTP on the shared services (PostgreSQL: PGlite, or PostgreSQL 15
 * in CI), with the demo estate seeded. Faked: nothing. Each test makes its own building, so
 * the demo residents and other tests' rows never meet its assertions.
 */
import { seedDemoResidents } from '../../migrations/seed/seed-residents';
import { estateDate } from '../../schema/residents/local-date';
import { codeOf, newSite, newStaff, run } from '../support/core-operations';
import {
  call,
  CREATE_UNIT,
  MOVE_OUT,
  ok,
  REGISTER_RESIDENT,
  RESIDENTS,
  uniquePhone,
  UNITS,
  type RegisteredResident,
  type ResidentsPage,
} from '../support/service-desk-archive';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('residents and units', () => {
  let platform: TestPlatform;
  let url: string;
  const tokens: Record<string, string> = {};
  let hgSiteId: string;
  let s2: { siteId: string; buildingId: string; supervisor: string };
  let serial = 0;

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    for (const username of [
      'manager',
      'supervisor',
      'relations',
      'affairs',
      'hotline-manager',
      'operator',
      'technician',
    ]) {
      tokens[username] = await platform.login(username);
    }
    const me = await run<{ me: { sites: Array<{ id: string }> } }>(
      url,
      'query { me { sites { id } } }',
      {},
      tokens.supervisor,
    );
    hgSiteId = me.me.sites[0].id;
    const other = await newSite(url, tokens.manager, `R2${Date.now().toString(36)}`.toUpperCase().slice(0, 12));
    const supervisor = await newStaff(url, tokens.manager, { role: 'SUPERVISOR', siteIds: [other.siteId] });
    s2 = { ...other, supervisor: supervisor.token };
  });
  afterAll(() => platform?.stop());

  /** a new building of the demo site (HG), so the test's units are alone in it */
  const newBuilding = async (siteId = hgSiteId) =>
    (
      await ok<{ createBuilding: { id: string } }>(
        url,
        'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }',
        { input: { siteId, code: `RB${++serial}`, name: `residents test ${serial}` } },
        tokens.manager,
      )
    ).createBuilding.id;
  const newUnit = async (buildingId: string, code: string, token = tokens.relations) =>
    (
      await ok<{ createUnit: { id: string; code: string; floor: number; use: string; building: { id: string } } }>(
        url,
        CREATE_UNIT,
        { input: { buildingId, code, floor: 12, areaM2: 89.5 } },
        token,
      )
    ).createUnit;
  const register = async (input: Record<string, unknown>, token = tokens.relations) =>
    (await ok<RegisteredResident>(url, REGISTER_RESIDENT, { input: { relation: 'OWNER', ...input } }, token))
      .registerResident;

  it('CreateUnit: a unit with the default use; its code is unique per building (CONFLICT)', async () => {
    const buildingId = await newBuilding();
    const unit = await newUnit(buildingId, '1-1201');
    expect(unit).toMatchObject({ code: '1-1201', floor: 12, use: 'RESIDENTIAL', building: { id: buildingId } });
    const again = await call(url, CREATE_UNIT, { input: { buildingId, code: '1-1201', floor: 12 } }, tokens.relations);
    expect(codeOf(again)).toBe('CONFLICT');
    // the same code in another building is another unit
    const other = await newUnit(await newBuilding(), '1-1201');
    expect(other.id).not.toBe(unit.id);
    const shop = await ok<{ createUnit: { use: string; floor: number } }>(
      url,
      CREATE_UNIT,
      { input: { buildingId, code: 'S-01', floor: -1, use: 'COMMERCIAL' } },
      tokens.supervisor,
    );
    expect(shop.createUnit).toMatchObject({ use: 'COMMERCIAL', floor: -1 });
    const negative = await call(
      url,
      CREATE_UNIT,
      { input: { buildingId, code: 'X-1', floor: 1, areaM2: -1 } },
      tokens.manager,
    );
    expect(codeOf(negative)).toBe('BAD_USER_INPUT');
    const unknownBuilding = await call(
      url,
      CREATE_UNIT,
      { input: { buildingId: '00000000-0000-4000-8000-000000000000', code: 'X-2', floor: 1 } },
      tokens.manager,
    );
    expect(codeOf(unknownBuilding)).toBe('NOT_FOUND');
  });

  it('only managers, supervisors and relations officers change the archive; technicians do not read it', async () => {
    const buildingId = await newBuilding();
    const unit = await newUnit(buildingId, '2-0101');
    for (const username of ['affairs', 'hotline-manager', 'operator', 'technician']) {
      const created = await call(
        url,
        CREATE_UNIT,
        { input: { buildingId, code: `F-${username}`, floor: 1 } },
        tokens[username],
      );
      expect(codeOf(created)).toBe('FORBIDDEN');
      const registered = await call(
        url,
        REGISTER_RESIDENT,
        { input: { name: '钱多多', phone: uniquePhone(), unitId: unit.id, relation: 'OWNER' } },
        tokens[username],
      );
      expect(codeOf(registered)).toBe('FORBIDDEN');
    }
    const resident = await register({ name: '钱多多', phone: uniquePhone(), unitId: unit.id });
    for (const username of ['affairs', 'hotline-manager', 'operator']) {
      const moved = await call(
        url,
        MOVE_OUT,
        { residentId: resident.id, unitId: unit.id, on: '2030-01-01' },
        tokens[username],
      );
      expect(codeOf(moved)).toBe('FORBIDDEN');
      const read = await ok<ResidentsPage>(url, RESIDENTS, { search: '钱多多' }, tokens[username]);
      expect(read.residents.nodes.map((n) => n.id)).toContain(resident.id);
    }
    const technician = await call(url, RESIDENTS, { search: '钱多多' }, tokens.technician);
    expect(codeOf(technician)).toBe('FORBIDDEN');
    const technicianById = await call(
      url,
      'query($id: ID!) { resident(id: $id) { id } }',
      { id: resident.id },
      tokens.technician,
    );
    expect(codeOf(technicianById)).toBe('FORBIDDEN');
    // technicians see units (the unit of their work order), not who lives there
    const units = await call<{ units: { nodes: Array<{ code: string }> } }>(
      url,
      'query($b: ID!) { units(buildingId: $b) { nodes { code } } }',
      { b: buildingId },
      tokens.technician,
    );
    expect(units.data!.units.nodes.map((n) => n.code)).toContain('2-0101');
    expect(codeOf(await call(url, UNITS, { buildingId }, tokens.technician))).toBe('FORBIDDEN');
  });

  it('RegisterResident: the phone as digits, since today (Asia/Shanghai); too short a phone is BAD_USER_INPUT', async () => {
    const unit = await newUnit(await newBuilding(), '3-0502');
    const digits = uniquePhone();
    const typed = `+86 ${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
    const today = estateDate(new Date());
    const resident = await register({ name: '  李小龙 ', phone: typed, unitId: unit.id, relation: 'TENANT' });
    expect(resident).toMatchObject({
      name: '李小龙',
      phone: digits,
      occupancies: [{ unit: { id: unit.id, code: '3-0502' }, relation: 'TENANT', until: null }],
    });
    // the day may have turned between the two readings of the clock
    expect([today, estateDate(new Date())]).toContain(resident.occupancies[0].since);
    const short = await call(
      url,
      REGISTER_RESIDENT,
      { input: { name: '短号', phone: '12-34-56', unitId: unit.id, relation: 'OWNER' } },
      tokens.relations,
    );
    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    const badDate = await call(
      url,
      REGISTER_RESIDENT,
      { input: { name: '日期', phone: uniquePhone(), unitId: unit.id, relation: 'OWNER', since: '2026-02-30' } },
      tokens.relations,
    );
    expect(codeOf(badDate)).toBe('BAD_USER_INPUT');
  });

  it('the same phone again adds an occupancy to the same resident, keeping the archived name; the same unit twice is CONFLICT', async () => {
    const buildingId = await newBuilding();
    const [flat, parking] = [await newUnit(buildingId, '4-0801'), await newUnit(buildingId, '4-P01')];
    const phone = uniquePhone();
    const first = await register({ name: '周杰', phone, unitId: flat.id, since: '2019-05-01' });
    const second = await register({
      name: '周杰伦',
      phone: `${phone.slice(0, 3)} ${phone.slice(3)}`,
      unitId: parking.id,
      since: '2021-03-15',
    });
    expect(second.id).toBe(first.id);
    expect(second.name).toBe('周杰'); // not renamed by the desk's typing
    expect(second.occupancies).toEqual([
      { unit: { id: parking.id, code: '4-P01' }, relation: 'OWNER', since: '2021-03-15', until: null },
      { unit: { id: flat.id, code: '4-0801' }, relation: 'OWNER', since: '2019-05-01', until: null },
    ]);
    const twice = await call(
      url,
      REGISTER_RESIDENT,
      { input: { name: '周杰', phone, unitId: flat.id, relation: 'FAMILY' } },
      tokens.relations,
    );
    expect(codeOf(twice)).toBe('CONFLICT');
    const [{ n }] = await platform.orm.em
      .fork()
      .execute<Array<{ n: string }>>('select count(*) as n from occupancy where resident_id = ?', [first.id]);
    expect(Number(n)).toBe(2);
  });

  it('MoveOut ends the current occupancy and keeps the history; errors for a bad date or no current occupancy', async () => {
    const buildingId = await newBuilding();
    const unit = await newUnit(buildingId, '5-0303');
    const resident = await register({
      name: '孙丽',
      phone: uniquePhone(),
      unitId: unit.id,
      relation: 'TENANT',
      since: '2022-09-01',
    });
    const before = await call(
      url,
      MOVE_OUT,
      { residentId: resident.id, unitId: unit.id, on: '2022-08-31' },
      tokens.relations,
    );
    expect(codeOf(before)).toBe('BAD_USER_INPUT');
    const moved = await ok<{
      moveOut: { id: string; occupancies: Array<{ unit: { id: string }; until: string | null }> };
    }>(url, MOVE_OUT, { residentId: resident.id, unitId: unit.id, on: '2024-08-31' }, tokens.relations);
    expect(moved.moveOut).toEqual({ id: resident.id, occupancies: [{ unit: { id: unit.id }, until: '2024-08-31' }] });
    const again = await call(
      url,
      MOVE_OUT,
      { residentId: resident.id, unitId: unit.id, on: '2024-09-01' },
      tokens.relations,
    );
    expect(codeOf(again)).toBe('NOT_FOUND');
    // the unit lists current occupants only; the resident stays in the archive with the history
    const units = await ok<{ units: { nodes: Array<{ id: string; residents: unknown[] }> } }>(
      url,
      UNITS,
      { buildingId },
      tokens.operator,
    );
    expect(units.units.nodes).toEqual([expect.objectContaining({ id: unit.id, residents: [] })]);
    const found = await ok<ResidentsPage>(url, RESIDENTS, { search: '孙丽' }, tokens.operator);
    const node = found.residents.nodes.find((n) => n.id === resident.id)!;
    expect(node.occupancies).toEqual([
      {
        unit: { id: unit.id, code: '5-0303', building: { code: `RB${serial}` } },
        relation: 'TENANT',
        until: '2024-08-31',
      },
    ]);
    // moving back in later is a new occupancy next to the old one
    const back = await register({
      name: '孙丽',
      phone: node.phone,
      unitId: unit.id,
      relation: 'OWNER',
      since: '2025-01-01',
    });
    expect(back.occupancies.map((o) => [o.since, o.until])).toEqual([
      ['2025-01-01', null],
      ['2022-09-01', '2024-08-31'],
    ]);
  });

  it('Units lists a building by floor and code, with current occupants, page by page', async () => {
    const buildingId = await newBuilding();
    const codes = ['6-0102', '6-0101', '6-0201'];
    const units = new Map<string, string>();
    for (const code of codes) units.set(code, (await newUnit(buildingId, code)).id);
    const owner = await register({ name: '吴一', phone: uniquePhone(), unitId: units.get('6-0101') });
    const family = await register({
      name: '吴二',
      phone: uniquePhone(),
      unitId: units.get('6-0101'),
      relation: 'FAMILY',
    });
    type UnitsPage = {
      units: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{ code: string; residents: Array<{ id: string; name: string }> }>;
      };
    };
    const first = await ok<UnitsPage>(url, UNITS, { buildingId, first: 2 }, tokens.operator);
    expect(first.units.totalCount).toBe(3);
    expect(first.units.pageInfo.hasNextPage).toBe(true);
    expect(first.units.nodes.map((n) => n.code)).toEqual(['6-0101', '6-0102']);
    expect(first.units.nodes[0].residents).toEqual([
      { id: owner.id, name: '吴一' },
      { id: family.id, name: '吴二' },
    ]);
    const rest = await ok<UnitsPage>(
      url,
      UNITS,
      { buildingId, first: 2, after: first.units.pageInfo.endCursor },
      tokens.operator,
    );
    expect(rest.units.nodes.map((n) => n.code)).toEqual(['6-0201']);
    expect(rest.units.pageInfo.hasNextPage).toBe(false);
    const unit = await ok<{ unit: { code: string; building: { id: string } } }>(
      url,
      'query($id: ID!) { unit(id: $id) { code building { id } } }',
      { id: units.get('6-0201') },
      tokens.technician,
    );
    expect(unit.unit).toEqual({ code: '6-0201', building: { id: buildingId } });
  });

  it('updateResident edits the archive at the version the caller saw (stale: CONFLICT)', async () => {
    const unit = await newUnit(await newBuilding(), '7-0101');
    const resident = await register({ name: '郑爽', phone: uniquePhone(), unitId: unit.id });
    const UPDATE = `mutation($input: UpdateResidentInput!) {
      updateResident(input: $input) { id name version preferredContactTime notes tags } }`;
    const read = await ok<{ resident: { version: number } }>(
      url,
      'query($id: ID!) { resident(id: $id) { version } }',
      { id: resident.id },
      tokens.relations,
    );
    const updated = await ok<{ updateResident: Record<string, unknown> }>(
      url,
      UPDATE,
      {
        input: {
          id: resident.id,
          version: read.resident.version,
          name: '郑爽爽',
          preferredContactTime: '晚上',
          notes: '有狗',
          tags: ['宠物', '宠物', 'VIP'],
        },
      },
      tokens.relations,
    );
    expect(updated.updateResident).toEqual({
      id: resident.id,
      name: '郑爽爽',
      version: read.resident.version + 1,
      preferredContactTime: '晚上',
      notes: '有狗',
      tags: ['宠物', 'VIP'],
    });
    const stale = await call(
      url,
      UPDATE,
      { input: { id: resident.id, version: read.resident.version, name: '旧' } },
      tokens.relations,
    );
    expect(codeOf(stale)).toBe('CONFLICT');
    const [row] = await platform.orm.em
      .fork()
      .execute<Array<{ name: string }>>('select name from resident where id = ?', [resident.id]);
    expect(row.name).toBe('郑爽爽');
  });

  it('a phone is shown in full to the roles that need it and masked to the others', async () => {
    const unit = await newUnit(await newBuilding(), '8-0101');
    const phone = uniquePhone();
    const resident = await register({ name: '马丽', phone, unitId: unit.id });
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    const expected: Record<string, string> = {
      manager: phone,
      supervisor: phone,
      relations: phone,
      'hotline-manager': phone,
      operator: phone,
      affairs: masked,
    };
    for (const [username, shown] of Object.entries(expected)) {
      const byId = await ok<{ resident: { phone: string } }>(
        url,
        'query($id: ID!) { resident(id: $id) { phone } }',
        { id: resident.id },
        tokens[username],
      );
      expect([username, byId.resident.phone]).toEqual([username, shown]);
      const listed = await ok<ResidentsPage>(url, RESIDENTS, { search: phone.slice(-6) }, tokens[username]);
      expect(listed.residents.nodes.find((n) => n.id === resident.id)?.phone).toBe(shown);
    }
  });

  it('site scoping: a supervisor of another site sees none of these residents, and each resident once', async () => {
    const unitsHg = [await newUnit(await newBuilding(), '9-0101'), await newUnit(await newBuilding(), '9-0102')];
    const unitS2 = await newUnit(s2.buildingId, `9-S2-${serial}`, tokens.manager);
    const name = `欧阳${serial}号`;
    const phone = uniquePhone();
    // three occupancies in HG (two current, one ended): one resident, counted once
    const resident = await register({ name, phone, unitId: unitsHg[0].id, since: '2018-01-01' });
    await ok(url, MOVE_OUT, { residentId: resident.id, unitId: unitsHg[0].id, on: '2020-01-01' }, tokens.relations);
    await register({ name, phone, unitId: unitsHg[0].id, since: '2021-01-01' });
    await register({ name, phone, unitId: unitsHg[1].id, since: '2021-01-01' });
    const hg = await ok<ResidentsPage>(url, RESIDENTS, { search: name }, tokens.supervisor);
    expect(hg.residents.totalCount).toBe(1);
    expect(hg.residents.nodes.map((n) => n.id)).toEqual([resident.id]);
    expect(hg.residents.nodes[0].occupancies).toHaveLength(3);
    const other = await call<ResidentsPage>(url, RESIDENTS, { search: name }, s2.supervisor);
    expect(other.data!.residents).toMatchObject({ totalCount: 0, nodes: [] });
    const byId = await call(url, 'query($id: ID!) { resident(id: $id) { id } }', { id: resident.id }, s2.supervisor);
    expect(codeOf(byId)).toBe('NOT_FOUND');
    const move = await call(
      url,
      MOVE_OUT,
      { residentId: resident.id, unitId: unitsHg[1].id, on: '2030-01-01' },
      s2.supervisor,
    );
    expect(codeOf(move)).toBe('NOT_FOUND');
    const unitOfHg = await call(
      url,
      CREATE_UNIT,
      { input: { buildingId: unitsHg[0].building.id, code: 'X', floor: 1 } },
      s2.supervisor,
    );
    expect(codeOf(unitOfHg)).toBe('NOT_FOUND');
    // the resident also rents in S2: both sites see them, each only its own occupancies
    await register({ name: '别的名字', phone, unitId: unitS2.id, relation: 'TENANT' }, s2.supervisor);
    const s2View = await ok<ResidentsPage>(url, RESIDENTS, { search: phone.slice(-5) }, s2.supervisor);
    expect(s2View.residents.nodes).toEqual([
      expect.objectContaining({
        id: resident.id,
        name,
        occupancies: [expect.objectContaining({ unit: expect.objectContaining({ id: unitS2.id }) })],
      }),
    ]);
    const hgView = await ok<ResidentsPage>(url, RESIDENTS, { search: phone.slice(-5) }, tokens.supervisor);
    expect(hgView.residents.nodes[0].occupancies).toHaveLength(3);
    const managerView = await ok<ResidentsPage>(url, RESIDENTS, { search: phone.slice(-5) }, tokens.manager);
    expect(managerView.residents.nodes[0].occupancies).toHaveLength(4);
    // and the demo residents of HG stay invisible to S2 however many there are
    const all = await ok<ResidentsPage>(
      url,
      'query { residents(first: 500) { totalCount nodes { id } } }',
      {},
      s2.supervisor,
    );
    expect(all.residents.nodes.map((n) => n.id)).toEqual([resident.id]);
    expect(all.residents.totalCount).toBe(1);
  });

  /** The SQL statements of one request (knex's `query` event), without the outbox relay's sweeps. */
  const statementsOf = async (request: () => Promise<unknown>) => {
    const knex = platform.orm.em.getConnection().getKnex();
    const statements: string[] = [];
    const count = (q: { sql: string }) => {
      if (!q.sql.includes('outbox_event')) statements.push(q.sql);
    };
    knex.on('query', count);
    try {
      await request();
    } finally {
      knex.removeListener('query', count);
    }
    return statements;
  };

  it('no N+1: Units and Residents cost the same few statements for 2 or 20 units and residents', async () => {
    const buildingId = await newBuilding();
    const tag = `冯${serial}`;
    const fill = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const unit = await newUnit(buildingId, `N-${String(i).padStart(2, '0')}`);
        // each resident lives in one unit and lived in another: two occupancies, two units, one building
        const resident = await register({
          name: `${tag}住户${i}`,
          phone: uniquePhone(),
          unitId: unit.id,
          since: '2015-01-01',
        });
        await ok(url, MOVE_OUT, { residentId: resident.id, unitId: unit.id, on: '2016-01-01' }, tokens.relations);
        await register({ name: `${tag}住户${i}`, phone: resident.phone, unitId: unit.id, since: '2017-01-01' });
      }
    };
    const measure = async () => {
      await ok(url, '{ me { id } }', {}, tokens.supervisor); // the account check is cached before measuring
      const units = await statementsOf(() => ok(url, UNITS, { buildingId, first: 50 }, tokens.supervisor));
      const residents = await statementsOf(async () => {
        const page = await ok<ResidentsPage>(url, RESIDENTS, { search: tag, first: 50 }, tokens.supervisor);
        expect(page.residents.nodes.every((n) => n.occupancies.length === 2)).toBe(true);
        return page;
      });
      return { units: units.length, residents: residents.length };
    };
    await fill(0, 2);
    const two = await measure();
    expect(two.units).toBeGreaterThan(0); // the counter counts
    expect(two.residents).toBeGreaterThan(0);
    await fill(2, 20);
    const twenty = await measure();
    expect(twenty).toEqual(two);
    // units: the building check, the page, the current occupants; residents: the page, occupancies, units, buildings
    expect(twenty.units).toBeLessThanOrEqual(3);
    expect(twenty.residents).toBeLessThanOrEqual(4);
    // a page smaller than the matches counts them: each resident once, though each has two occupancies
    const paged = await ok<ResidentsPage>(url, RESIDENTS, { search: tag, first: 7 }, tokens.supervisor);
    expect(paged.residents.totalCount).toBe(20);
    expect(paged.residents.nodes).toHaveLength(7);
    const ids = new Set(paged.residents.nodes.map((n) => n.id));
    let after = paged.residents.pageInfo.endCursor;
    while (after) {
      const next: ResidentsPage = await ok<ResidentsPage>(
        url,
        RESIDENTS,
        { search: tag, first: 7, after },
        tokens.supervisor,
      );
      for (const node of next.residents.nodes) ids.add(node.id);
      after = next.residents.pageInfo.hasNextPage ? next.residents.pageInfo.endCursor : null;
    }
    expect(ids.size).toBe(20);
  });

  it('the contract operations as written, as the manager', async () => {
    const buildingId = await newBuilding();
    const created = await ok<{ createUnit: { id: string; building: { id: string; code: string } } }>(
      url,
      CREATE_UNIT,
      { input: { buildingId, code: 'M-0101', floor: 1, areaM2: 0 } },
      tokens.manager,
    );
    expect(created.createUnit.building.id).toBe(buildingId);
    const phone = uniquePhone();
    const resident = await register(
      { name: '经理登记', phone, unitId: created.createUnit.id, relation: 'FAMILY' },
      tokens.manager,
    );
    const listed = await ok<{ units: { nodes: Array<{ residents: Array<{ id: string }> }> } }>(
      url,
      UNITS,
      { buildingId },
      tokens.manager,
    );
    expect(listed.units.nodes[0].residents).toEqual([{ id: resident.id, name: '经理登记' }]);
    const found = await ok<ResidentsPage>(url, RESIDENTS, { search: phone.slice(-4) }, tokens.manager);
    expect(found.residents.nodes.map((n) => n.id)).toContain(resident.id);
    const moved = await ok<{ moveOut: { occupancies: Array<{ until: string }> } }>(
      url,
      MOVE_OUT,
      { residentId: resident.id, unitId: created.createUnit.id, on: estateDate(new Date()) },
      tokens.manager,
    );
    expect(moved.moveOut.occupancies[0].until).toBe(estateDate(new Date()));
  });

  it('the demo estate has units in both buildings and about 200 residents, some moved out; seeding again adds nothing', async () => {
    const sql = <T>(query: string) => platform.orm.em.fork().getConnection().execute<T[]>(query);
    const units = await sql<{ code: string; n: string }>(
      `select b.code, count(*) as n from unit u join building b on b.id = u.building_id join site s on s.id = b.site_id
       where s.code = 'HG' and b.code in ('B1', 'B2') group by b.code order by b.code`,
    );
    expect(units.map((u) => [u.code, Number(u.n)])).toEqual([
      ['B1', 54],
      ['B2', 54],
    ]);
    const [counts] = await sql<{ residents: string; ended: string; relations: string }>(
      `select count(distinct o.resident_id) as residents, count(*) filter (where o.until is not null) as ended,
              count(distinct o.relation) as relations
       from occupancy o join unit u on u.id = o.unit_id join building b on b.id = u.building_id
       where b.code in ('B1', 'B2') and u.code not like 'BULK-%' and u.code ~ '^[12]-'`,
    );
    expect(Number(counts.residents)).toBeGreaterThanOrEqual(150);
    expect(Number(counts.ended)).toBeGreaterThan(0);
    expect(Number(counts.relations)).toBe(3);
    expect(await seedDemoResidents(platform.orm.em.fork())).toBeNull();
    const [after] = await sql<{ n: string }>(
      `select count(*) as n from unit u join building b on b.id = u.building_id where b.code in ('B1', 'B2') and u.code ~ '^[12]-'`,
    );
    expect(Number(after.n)).toBe(108);
  });
});

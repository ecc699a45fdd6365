/**
 * The resident search (service-desk contract `Residents`): part of a name (2-character Chinese
 * fragments too), 4+ digits of a phone, part of a unit code; best match first; and a phone search
 * among 50,000 residents answered from the trigram index. Real: the whole platform over HTTP on
 * the shared services (PostgreSQL: PGlite, or PostgreSQL 15 in CI); the 50,000 residents are
 * inserted with SQL (one `insert … select generate_series` each for residents, units and
 * occupancies). Faked: nothing. No timing is asserted: the plan is.
 */
import { codeOf } from '../support/core-operations';
import {
  call,
  CREATE_UNIT,
  ok,
  REGISTER_RESIDENT,
  RESIDENTS,
  uniquePhone,
  type RegisteredResident,
  type ResidentsPage,
} from '../support/service-desk-archive';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('resident search', () => {
  let platform: TestPlatform;
  let url: string;
  let relations: string;
  let operator: string;
  let buildingId: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    relations = await platform.login('relations');
    operator = await platform.login('operator');
    const manager = await platform.login('manager');
    const me = await ok<{ me: { sites: Array<{ id: string }> } }>(url, '{ me { sites { id } } }', {}, relations);
    buildingId = (
      await ok<{ createBuilding: { id: string } }>(
        url,
        'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }',
        { input: { siteId: me.me.sites[0].id, code: 'SEARCH', name: 'search test' } },
        manager,
      )
    ).createBuilding.id;
  });
  afterAll(() => platform?.stop());

  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);
  const unit = async (code: string) =>
    (await ok<{ createUnit: { id: string } }>(url, CREATE_UNIT, { input: { buildingId, code, floor: 1 } }, relations))
      .createUnit.id;
  const register = async (name: string, unitId: string, phone = uniquePhone()) =>
    (
      await ok<RegisteredResident>(
        url,
        REGISTER_RESIDENT,
        { input: { name, phone, unitId, relation: 'OWNER' } },
        relations,
      )
    ).registerResident;
  const search = async (text: string, first = 50) =>
    (await ok<ResidentsPage>(url, RESIDENTS, { search: text, first }, operator)).residents;

  it('part of a name: 2-character Chinese fragments anywhere in the name, Latin names in any case', async () => {
    const flat = await unit('Q-0101');
    const a = await register('慕容小雨', flat);
    const b = await register('小雨', flat);
    const c = await register('司马小雨晴', flat);
    const d = await register('Murong Xiaoyu', flat);
    const e = await register('小雨点', flat);
    const found = await search('小雨');
    // exact first, then names that start with it, then the rest, each by name (code point order)
    const rest = [a, c].sort((x, y) => (x.name < y.name ? -1 : 1)).map((r) => r.id);
    expect(found.nodes.map((n) => n.id)).toEqual([b.id, e.id, ...rest]);
    expect(found.totalCount).toBe(4);
    expect((await search('容小')).nodes.map((n) => n.id)).toEqual([a.id]);
    expect((await search('xiaoYU')).nodes.map((n) => n.id)).toEqual([d.id]);
    // a LIKE wildcard is a character like any other
    expect((await search('%')).totalCount).toBe(0);
    expect((await search('小_')).totalCount).toBe(0);
  });

  it('4 or more digits of a phone, anywhere in it; fewer digits search unit codes only', async () => {
    const flat = await unit('Q-0201');
    const phone = uniquePhone();
    const resident = await register('钱塘', flat, phone);
    for (const part of [phone.slice(-4), phone.slice(3, 8), phone, `+86 ${phone.slice(0, 3)} ${phone.slice(3)}`]) {
      const found = await search(part);
      expect([part, found.nodes.map((n) => n.id)]).toEqual([part, expect.arrayContaining([resident.id])]);
      // every answer has the digits in its phone — or in the code of a unit it lives or lived in (4+
      // digits also search unit codes: a random phone's last digits can be another test's unit code)
      const digits = part.replace(/^\+86|\D/g, '');
      const matches = (n: (typeof found.nodes)[number]) =>
        n.phone.includes(digits) || n.occupancies.some((o) => o.unit.code.includes(digits));
      expect(found.nodes.filter((n) => !matches(n))).toEqual([]);
    }
    // the whole number is an exact match: first
    expect((await search(phone)).nodes[0].id).toBe(resident.id);
    expect((await search(phone.slice(-3))).nodes.map((n) => n.id)).not.toContain(resident.id);
  });

  it('part of a unit code, in any case, for current and former residents', async () => {
    const flat = await unit('Q-B1-1808');
    const resident = await register('卫青', flat);
    await ok(
      url,
      'mutation($r: ID!, $u: ID!) { moveOut(residentId: $r, unitId: $u, on: "2099-01-01") { id } }',
      { r: resident.id, u: flat },
      relations,
    );
    const other = await register('霍去病', await unit('Q-B1-1809'));
    expect((await search('q-b1-1808')).nodes.map((n) => n.id)).toEqual([resident.id]);
    const both = await search('b1-180');
    expect(both.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([resident.id, other.id]));
    expect(both.totalCount).toBe(2);
    expect((await search('1808')).nodes.map((n) => n.id)).toContain(resident.id);
  });

  it('a unit code of another site matches nothing for a caller scoped to this one, not even a resident they may see', async () => {
    const manager = await platform.login('manager');
    const elsewhere = await ok<{ createSite: { id: string } }>(
      url,
      'mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }',
      { input: { code: 'FAR', name: 'far away' } },
      manager,
    );
    const farBuilding = await ok<{ createBuilding: { id: string } }>(
      url,
      'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }',
      { input: { siteId: elsewhere.createSite.id, code: 'FAR1', name: 'far 1' } },
      manager,
    );
    const farUnit = await ok<{ createUnit: { id: string } }>(
      url,
      CREATE_UNIT,
      { input: { buildingId: farBuilding.createBuilding.id, code: 'FARAWAY-0707', floor: 7 } },
      manager,
    );
    const phone = uniquePhone();
    const resident = await register('苏武', await unit('Q-B1-0707'), phone);
    await ok(
      url,
      REGISTER_RESIDENT,
      { input: { name: '苏武', phone, unitId: farUnit.createUnit.id, relation: 'TENANT' } },
      manager,
    );
    // the operator sees the resident (they live on the operator's site) …
    expect((await search('Q-B1-0707')).nodes.map((n) => n.id)).toEqual([resident.id]);
    // … but cannot find them through the other site's unit, which the manager can
    expect((await search('FARAWAY-0707')).totalCount).toBe(0);
    const byManager = await ok<ResidentsPage>(url, RESIDENTS, { search: 'FARAWAY-0707', first: 10 }, manager);
    expect(byManager.residents.nodes.map((n) => n.id)).toEqual([resident.id]);
  });

  it('a search longer than 100 characters is BAD_USER_INPUT', async () => {
    const result = await call(url, RESIDENTS, { search: 'x'.repeat(101) }, operator);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
  });

  it('a phone search among 50,000 residents finds the resident by 4 digits, from the trigram index', async () => {
    // 50,000 residents with distinct mobile numbers (7919 is prime to 10^8), each living in one of 1,000 units
    await sql(
      `insert into unit (id, version, building_id, code, floor, area_m2, use, created_at)
      select gen_random_uuid(), 1, ?, 'BULK-' || lpad(i::text, 4, '0'), 1 + i / 10, 90, 'RESIDENTIAL', now()
      from generate_series(0, 999) as i`,
      [buildingId],
    );
    await sql(`insert into resident (id, version, name, phone, tags, created_at)
      select gen_random_uuid(), 1,
        (array['王','李','张','刘','陈','杨','黄','赵','吴','周'])[1 + i % 10] ||
        (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛'])[1 + (i / 10) % 15] ||
        (array['明','超','秀','霞','平','刚','桂','英','华','玉'])[1 + (i / 150) % 10] || (i / 1500)::text,
        '166' || lpad(((i::bigint * 7919) % 100000000)::text, 8, '0'), '{}', now()
      from generate_series(1, 50000) as i`);
    await sql(`insert into occupancy (id, resident_id, unit_id, relation, since, created_at)
      select gen_random_uuid(), r.id, u.id, 'OWNER', '2020-01-01', now()
      from (select id, row_number() over (order by id) % 1000 as k from resident where phone like '166%') r
      join (select id, row_number() over (order by code) - 1 as k from unit where code like 'BULK-%') u on u.k = r.k`);
    // as autovacuum would after an import: GIN's pending list of new entries is merged into the index
    await sql('vacuum analyze resident');
    await sql('vacuum analyze unit');
    await sql('vacuum analyze occupancy');
    const [{ n }] = await sql<{ n: string }>(
      `select count(*) as n from occupancy o join resident r on r.id = o.resident_id where r.phone like '166%'`,
    );
    expect(Number(n)).toBe(50_000);

    // the one to find: the 4 digits a caller gives are somewhere in the middle of the number
    const [target] = await sql<{ id: string; phone: string }>(
      `select id, phone from resident where phone like '166%' order by phone offset 31415 limit 1`,
    );
    const digits = target.phone.slice(5, 9);
    const [{ expected }] = await sql<{ expected: string }>(
      `select count(*) as expected from resident where phone like ?`,
      [`%${digits}%`],
    );
    const statements: Array<{ sql: string; bindings: unknown[] }> = [];
    const knex = platform.orm.em.getConnection().getKnex();
    const log = (q: { sql: string; bindings?: unknown[] }) => {
      if (q.sql.includes('phone like')) statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
    };
    knex.on('query', log);
    let found: ResidentsPage['residents'];
    try {
      found = await search(digits, 20);
    } finally {
      knex.removeListener('query', log);
    }
    expect(Number(expected)).toBeGreaterThan(1);
    expect(found.totalCount).toBe(Number(expected));
    const all = [...found.nodes];
    let after = found.pageInfo.hasNextPage ? found.pageInfo.endCursor : null;
    while (after) {
      const next: ResidentsPage = await ok<ResidentsPage>(
        url,
        RESIDENTS,
        { search: digits, first: 50, after },
        operator,
      );
      all.push(...next.residents.nodes);
      after = next.residents.pageInfo.hasNextPage ? next.residents.pageInfo.endCursor : null;
    }
    expect(all.map((r) => r.id)).toContain(target.id);
    expect(all.every((r) => r.phone.includes(digits))).toBe(true);
    expect(all).toHaveLength(Number(expected));

    // the statement the API ran, explained: the phone branch is read from the trigram index
    expect(statements.length).toBeGreaterThan(0);
    const [{ sql: text, bindings }] = statements;
    const plan = (await sql<{ 'QUERY PLAN': string }>(`explain ${text}`, bindings))
      .map((row) => row['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/resident_phone_trgm/);
  }, 120_000);
});

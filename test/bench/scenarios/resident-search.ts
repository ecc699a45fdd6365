/**
 * Resident search: the service-desk contract's `Residents` over HTTP among 50,000 residents, as
 * the demo supervisor (scoped to the demo site, so the site filter is part of every request):
 * p50 / p99 of a 4-digit phone search (the digits a caller gives), a 3-character name and a
 * 2-character name fragment (which pg_trgm cannot narrow: schema/residents/resident-search.ts),
 * one request at a time. The residents, their units and occupancies are inserted with SQL
 * (one `insert … select generate_series` each), so this runs on PostgreSQL only: the embedded
 * PGlite serves the platform's one connection. SQL statements per request are counted by
 * PostgreSQL (sql-statements.ts).
 */
import { Client } from 'pg';
import { graphql } from '../graphql';
import { CpuMeter } from '../proc';
import { fmt, type Results } from '../report-types';
import type { PlatformSetup } from '../setup';
import { withStatementLog } from '../sql-statements';
import { summarize, type LatencySummary } from '../stats';

/** test/support/service-desk-archive.ts: the contract's operation, verbatim */
const RESIDENTS = `query Residents($search: String, $first: Int, $after: String) {
  residents(search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name phone occupancies { unit { id code building { code } } relation until } }
  }
}`;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏';

type Kind = 'phone' | 'name' | 'fragment';

export async function residentSearch(setup: PlatformSetup, results: Results): Promise<void> {
  const o = setup.options.search;
  const pg = setup.pg;
  if (!pg) throw new Error('the resident search runs on PostgreSQL only (its residents are inserted with SQL)');
  const url = setup.platform.graphqlUrl;
  const token = await setup.token;
  const insertStarted = Date.now();
  await insertResidents(pg.url, o.residents);
  const insertMs = Date.now() - insertStarted;

  // deterministic searches: 4 digits, a full 3-character name, a 2-character given name
  let seed = 20261129;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = (chars: string) => chars[Math.floor(random() * chars.length)];
  const searchFor: Record<Kind, () => string> = {
    phone: () => String(Math.floor(random() * 10_000)).padStart(4, '0'),
    name: () => pick(SURNAMES) + pick(GIVEN) + pick(GIVEN),
    fragment: () => pick(GIVEN) + pick(GIVEN),
  };
  const once = async (kind: Kind) => {
    const started = process.hrtime.bigint();
    const data = await graphql<{ residents: { totalCount: number } }>(
      url,
      RESIDENTS,
      { search: searchFor[kind](), first: 20 },
      token,
    );
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, found: data.residents.totalCount };
  };
  const kinds: Kind[] = ['phone', 'name', 'fragment'];
  for (const kind of kinds) for (let i = 0; i < 10; i++) await once(kind); // warm-up
  const latencies: Record<Kind, number[]> = { phone: [], name: [], fragment: [] };
  const found: Record<Kind, number[]> = { phone: [], name: [], fragment: [] };
  const meter = new CpuMeter([setup.platform.pid]);
  for (let i = 0; i < o.requests; i++) {
    for (const kind of kinds) {
      const r = await once(kind);
      latencies[kind].push(r.ms);
      found[kind].push(r.found);
    }
  }
  const cpu = meter.stop()[0];
  const statements = await withStatementLog(pg, async (count) => {
    const counted: Record<Kind, string[]> = { phone: [], name: [], fragment: [] };
    for (const kind of kinds) counted[kind] = (await count(async () => void (await once(kind)))).statements;
    return counted;
  });
  const s: Record<Kind, LatencySummary> = {
    phone: summarize(latencies.phone),
    name: summarize(latencies.name),
    fragment: summarize(latencies.fragment),
  };
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  results.rows.push({
    setup: setup.name,
    scenario: 'resident search',
    figure:
      `${fmt.int(o.residents)} residents: phone 4 digits p50 ${fmt.ms(s.phone.p50)} / p99 ${fmt.ms(s.phone.p99)}; ` +
      `name p50 ${fmt.ms(s.name.p50)} / p99 ${fmt.ms(s.name.p99)}; 2-char fragment p50 ${fmt.ms(s.fragment.p50)} / ` +
      `p99 ${fmt.ms(s.fragment.p99)} (${o.requests} each, one at a time; ${statements.phone.length} SQL statements)`,
    target: 'report (index use asserted by test/integration/resident-search.test.ts)',
    pass: null,
    ceiling: '',
    ratio: '',
    cpu: fmt.cpu(cpu),
  });
  results.details.push({
    setup: setup.name,
    scenario: 'resident search',
    lines: [
      `inserted ${fmt.int(o.residents)} residents, 1,000 units and their occupancies in ${fmt.s(insertMs)} (vacuum analyze included)`,
      ...kinds.map(
        (kind) =>
          `${kind}: p50 ${fmt.ms(s[kind].p50)}, p99 ${fmt.ms(s[kind].p99)}, max ${fmt.ms(s[kind].max)}; ` +
          `${fmt.int(mean(found[kind]))} matches on average; ${statements[kind].length} SQL statements`,
      ),
    ],
    code: { language: 'sql', lines: statements.phone },
  });
  results.kept[`${setup.name}.search.phoneP50Ms`] = s.phone.p50;
  results.kept[`${setup.name}.search.nameP50Ms`] = s.name.p50;
}

/** `count` residents in 1,000 units of the demo site's first building, one occupancy each. */
export async function insertResidents(url: string, count: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const building = await client.query<{ id: string }>(
      `select b.id from building b join site s on s.id = b.site_id where s.code = 'HG' order by b.code limit 1`,
    );
    if (!building.rows[0]) throw new Error('the demo site has no building');
    await client.query(
      `insert into unit (id, version, building_id, code, floor, area_m2, use, created_at)
       select gen_random_uuid(), 1, $1, 'BENCH-' || lpad(i::text, 4, '0'), 1 + i / 10, 90, 'RESIDENTIAL', now()
       from generate_series(0, 999) as i`,
      [building.rows[0].id],
    );
    const chars = (text: string) => `array[${[...text].map((c) => `'${c}'`).join(',')}]`;
    // distinct mobile numbers (7919 is prime to 10^8); names of a surname and a 2-character given name
    await client.query(
      `insert into resident (id, version, name, phone, tags, created_at)
       select gen_random_uuid(), 1,
         (${chars(SURNAMES)})[1 + i % ${[...SURNAMES].length}] ||
         (${chars(GIVEN)})[1 + (i / 7) % ${[...GIVEN].length}] ||
         (${chars(GIVEN)})[1 + (i / 131) % ${[...GIVEN].length}],
         '166' || lpad(((i::bigint * 7919) % 100000000)::text, 8, '0'), '{}', now()
       from generate_series(1, $1::int) as i`,
      [count],
    );
    await client.query(
      `insert into occupancy (id, resident_id, unit_id, relation, since, created_at)
       select gen_random_uuid(), r.id, u.id, 'OWNER', '2020-01-01', now()
       from (select id, row_number() over (order by id) % 1000 as k from resident where phone like '166%') r
       join (select id, row_number() over (order by code) - 1 as k from unit where code like 'BENCH-%') u on u.k = r.k`,
    );
    // as autovacuum does after an import: the GIN indexes' pending entries merged, statistics fresh
    // (site and building are analysed after any change: migrations/Migration20261129020000.ts)
    for (const table of ['resident', 'unit', 'occupancy', 'building', 'site']) {
      await client.query(`vacuum analyze ${table}`);
    }
  } finally {
    await client.end();
  }
}

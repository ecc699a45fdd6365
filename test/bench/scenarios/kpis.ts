/**
 * Service KPIs: the contract's `ServiceKpis` over HTTP as the demo supervisor (scoped to the demo
 * site, so the site condition is part of every statement) among a year of the centre's history
 * (service-year.ts: calls, requests, work orders, incidents), for the last month, quarter and
 * year: p50 / p99, one request at a time. The rows are inserted with SQL, so this runs on
 * PostgreSQL only. SQL statements per request are counted by PostgreSQL (sql-statements.ts) and
 * each statement is EXPLAINed with its parameters (explain.ts): the row fails when a month reads
 * calls, requests or work orders with a Seq Scan (a month must cost the same after five years as
 * after one), or when a p99 reaches a second.
 */
import { explainStatements, type Explained } from '../explain';
import { graphql } from '../graphql';
import { CpuMeter } from '../proc';
import { fmt, type Results } from '../report-types';
import type { PlatformSetup } from '../setup';
import { withStatementLog, type Counted } from '../sql-statements';
import { summarize, type LatencySummary } from '../stats';
import { insertServiceYear } from '../service-year';

/** test/contract-incidents.graphql `ServiceKpis`, verbatim */
const SERVICE_KPIS = `query ServiceKpis($from: DateTimeISO!, $to: DateTimeISO!, $siteId: ID) {
  serviceKpis(from: $from, to: $to, siteId: $siteId) {
    calls requests complaints workOrdersOpened workOrdersClosed
    respondedInTimePct resolvedInTimePct medianRespondMinutes medianResolveMinutes
    callbacksDone callbacksOnTimePct avgSatisfaction incidents
    byOperator { staff { username } calls requests avgSatisfaction }
    byDepartment { department workOrders resolvedInTimePct }
  }
}`;

/** tables that grow with the centre's years */
const BIG_TABLES = ['call', 'service_request', 'work_order'];

const RANGES = { month: 30, quarter: 91, year: 366 } as const;
type Range = keyof typeof RANGES;

interface Answer {
  serviceKpis: { calls: number; requests: number; workOrdersOpened: number; byOperator: unknown[] };
}

export async function kpis(setup: PlatformSetup, results: Results): Promise<void> {
  const o = setup.options.kpis;
  const pg = setup.pg;
  if (!pg) throw new Error('the KPI scenario runs on PostgreSQL only (its history is inserted with SQL)');
  const url = setup.platform.graphqlUrl;
  const now = new Date();
  const year = await insertServiceYear(pg.url, o, now);
  const token = await setup.token;
  const variables = (range: Range) => ({
    from: new Date(now.getTime() - RANGES[range] * 86_400_000).toISOString(),
    to: new Date(now.getTime() + 60_000).toISOString(),
  });
  const once = async (range: Range) => {
    const started = process.hrtime.bigint();
    const data = await graphql<Answer>(url, SERVICE_KPIS, variables(range), token);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, answer: data.serviceKpis };
  };
  const ranges = Object.keys(RANGES) as Range[];
  for (const range of ranges) for (let i = 0; i < 5; i++) await once(range); // warm-up
  const latencies: Record<Range, number[]> = { month: [], quarter: [], year: [] };
  const last = {} as Record<Range, Answer['serviceKpis']>;
  const meter = new CpuMeter([setup.platform.pid]);
  for (let i = 0; i < o.periodRequests; i++) {
    for (const range of ranges) {
      const r = await once(range);
      latencies[range].push(r.ms);
      last[range] = r.answer;
    }
  }
  const cpu = meter.stop()[0];
  const counted = await withStatementLog(pg, async (count) => {
    const out = {} as Record<Range, Counted>;
    for (const range of ranges) out[range] = await count(async () => void (await once(range)));
    return out;
  });
  if (counted.month.statements.length === 0) throw new Error('no SQL statement was logged for a KPI request');
  const explained = {} as Record<Range, Explained[]>;
  for (const range of ranges) explained[range] = await explainStatements(pg.url, counted[range].logged, BIG_TABLES);
  const monthScans = explained.month.filter((e) => e.seqScans.length > 0);
  const s = Object.fromEntries(ranges.map((r) => [r, summarize(latencies[r])])) as Record<Range, LatencySummary>;
  const slow = ranges.filter((r) => s[r].p99 >= 1000);
  const each = (r: Range) =>
    `${r} p50 ${fmt.ms(s[r].p50)} / p99 ${fmt.ms(s[r].p99)} (${counted[r].statements.length} SQL statements)`;
  results.rows.push({
    setup: setup.name,
    scenario: 'service KPIs',
    figure:
      `${fmt.int(year.calls)} calls, ${fmt.int(year.requests)} requests, ${fmt.int(year.workOrders)} work orders over a year: ` +
      `${ranges.map(each).join('; ')} (${o.periodRequests} each, one at a time, as the supervisor)`,
    target: 'p99 < 1 s for a year; a month reads calls, requests and work orders through indexes',
    pass: monthScans.length === 0 && slow.length === 0,
    ceiling: '',
    ratio: '',
    cpu: fmt.cpu(cpu),
  });
  results.details.push({
    setup: setup.name,
    scenario: 'service KPIs',
    lines: [
      `inserted a year on the demo site: ${fmt.int(year.calls)} calls, ${fmt.int(year.requests)} requests, ` +
        `${fmt.int(year.workOrders)} work orders, ${year.incidents} incidents, ${year.operators} operators in ${fmt.s(year.ms)} ` +
        '(the work orders shared with the work order board; vacuum analyze and checkpoint included)',
      ...ranges.map(
        (r) =>
          `${r}: p50 ${fmt.ms(s[r].p50)}, p99 ${fmt.ms(s[r].p99)}, max ${fmt.ms(s[r].max)}; ` +
          `${fmt.int(last[r].calls)} calls, ${fmt.int(last[r].requests)} requests, ${fmt.int(last[r].workOrdersOpened)} work orders opened, ` +
          `${last[r].byOperator.length} operators; ${counted[r].statements.length} SQL statements`,
      ),
      ...ranges.flatMap((r) => explained[r].map((e) => `${r}: ${describe(e)}`)),
    ],
    code: {
      language: 'sql',
      lines: [
        '-- the SQL statements of one request for the month, with EXPLAIN ANALYZE of those that read the big tables',
        ...counted.month.statements,
        ...explained.month
          .filter((e) => BIG_TABLES.some((t) => e.sql.includes(` ${t} `)))
          .flatMap((e) => ['', `-- EXPLAIN ANALYZE: ${e.statement}`, ...e.plan.map((line) => `-- ${line}`)]),
      ],
    },
  });
  results.kept[`${setup.name}.kpis.monthP50Ms`] = s.month.p50;
  results.kept[`${setup.name}.kpis.yearP50Ms`] = s.year.p50;
}

function describe(e: Explained): string {
  const how = e.seqScans.length
    ? `**Seq Scan on ${e.seqScans.join(', ')}**`
    : e.indexes.length
      ? `indexes ${e.indexes.join(', ')}`
      : 'no index (small tables only)';
  return `\`${e.statement.slice(0, 70)}…\`: ${how}; planned in ${fmt.ms(e.planningMs)}, ran in ${fmt.ms(e.executionMs)}`;
}

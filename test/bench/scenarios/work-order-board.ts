/**
 * Work order board: the desk's board (dashboards/desk/operations/BoardWorkOrders.graphql) over HTTP among a year of a centre's
 * work orders (work-order-centre.ts: 20,000 with their history, service requests and
 * technicians), as the demo supervisor (scoped to the demo site, so the site filter is part of
 * every request), and the service-desk contract's `MyWorkOrders` as the demo technician:
 * p50 / p99, one request at a time. The work orders are inserted with SQL, so this runs on
 * PostgreSQL only (the embedded PGlite serves the platform's one connection). SQL statements per
 * request are counted by PostgreSQL (sql-statements.ts), and each statement of a board request
 * is EXPLAINed with the parameters it ran with (explain.ts): the row fails when one reads a big
 * table row by row instead of through an index.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { graphql, login } from '../graphql';
import { explainStatements, type Explained } from '../explain';
import { CpuMeter } from '../proc';
import { fmt, type Results } from '../report-types';
import { DEMO_PASSWORD } from '../services';
import type { PlatformSetup } from '../setup';
import { withStatementLog, type Counted } from '../sql-statements';
import { summarize } from '../stats';
import { insertWorkOrderCentre } from '../work-order-centre';

/** the desk's own board query (its fragment included), as the desk sends it */
const BOARD = readFileSync(
  path.resolve(__dirname, '../../../dashboards/desk/operations/BoardWorkOrders.graphql'),
  'utf8',
);

/** test/contract-service-desk.graphql, verbatim */
const MY_WORK_ORDERS = `query MyWorkOrders {
  workOrders(filter: { assignedToMe: true, open: true }, first: 100) {
    totalCount
    nodes { id number status priority respondBy resolveBy overdue }
  }
}`;

/** tables that grow with the centre's years: never read row by row for a page */
const BIG_TABLES = ['work_order', 'work_order_transition', 'service_request'];

type Kind = 'board' | 'mine';

export async function workOrderBoard(setup: PlatformSetup, results: Results): Promise<void> {
  const o = setup.options.board;
  const pg = setup.pg;
  if (!pg) throw new Error('the work order board runs on PostgreSQL only (its work orders are inserted with SQL)');
  const url = setup.platform.graphqlUrl;
  const centre = await insertWorkOrderCentre(pg.url, o.workOrders, new Date());
  const tokens: Record<Kind, string> = {
    board: await setup.token,
    mine: await login(url, 'technician', DEMO_PASSWORD),
  };
  const queries: Record<Kind, string> = { board: BOARD, mine: MY_WORK_ORDERS };
  const once = async (kind: Kind) => {
    const started = process.hrtime.bigint();
    const data = await graphql<{ workOrders: { totalCount: number; nodes: unknown[] } }>(
      url,
      queries[kind],
      {},
      tokens[kind],
    );
    return {
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      total: data.workOrders.totalCount,
      nodes: data.workOrders.nodes.length,
    };
  };
  const kinds: Kind[] = ['board', 'mine'];
  for (const kind of kinds) for (let i = 0; i < 10; i++) await once(kind); // warm-up
  const latencies: Record<Kind, number[]> = { board: [], mine: [] };
  const last: Record<Kind, { total: number; nodes: number }> = {
    board: { total: 0, nodes: 0 },
    mine: { total: 0, nodes: 0 },
  };
  const meter = new CpuMeter([setup.platform.pid]);
  for (let i = 0; i < o.requests; i++) {
    for (const kind of kinds) {
      const r = await once(kind);
      latencies[kind].push(r.ms);
      last[kind] = r;
    }
  }
  const cpu = meter.stop()[0];
  const counted = await withStatementLog(pg, async (count) => {
    const board = await count(async () => void (await once('board')));
    const mine = await count(async () => void (await once('mine')));
    return { board, mine } satisfies Record<Kind, Counted>;
  });
  if (counted.board.statements.length === 0) throw new Error('no SQL statement was logged for a board request');
  const explained = {
    board: await explainStatements(pg.url, counted.board.logged, BIG_TABLES),
    mine: await explainStatements(pg.url, counted.mine.logged, BIG_TABLES),
  };
  const all = [...explained.board, ...explained.mine];
  const scans = all.filter((e) => e.seqScans.length > 0);
  // the board's page (the statement with the limit), and every statement that scanned a big table
  const page = explained.board.find((e) => /^select "w0"\.\*, .* from "work_order" as "w0" .* limit \d+/s.test(e.sql));
  const shown = [...new Set([page, ...scans].filter((e): e is Explained => e !== undefined))];
  const board = summarize(latencies.board);
  const mine = summarize(latencies.mine);
  results.rows.push({
    setup: setup.name,
    scenario: 'work order board',
    figure:
      `${fmt.int(centre.workOrders)} work orders, ${fmt.int(last.board.total)} open: desk board (first 200) ` +
      `p50 ${fmt.ms(board.p50)} / p99 ${fmt.ms(board.p99)}, ${counted.board.statements.length} SQL statements; ` +
      `MyWorkOrders (${last.mine.total} open) p50 ${fmt.ms(mine.p50)} / p99 ${fmt.ms(mine.p99)}, ` +
      `${counted.mine.statements.length} SQL statements (${o.requests} each, one at a time)`,
    target: 'report; every statement through an index (no Seq Scan on work_order, its history, requests)',
    pass: scans.length === 0,
    ceiling: '',
    ratio: '',
    cpu: fmt.cpu(cpu),
  });
  results.details.push({
    setup: setup.name,
    scenario: 'work order board',
    lines: [
      `inserted ${fmt.int(centre.workOrders)} work orders over a year (${fmt.int(centre.open)} of them open), ` +
        `${fmt.int(centre.transitions)} history lines, ${fmt.int(centre.serviceRequests)} service requests, ` +
        `${centre.technicians} technicians in ${fmt.s(centre.ms)} (vacuum analyze and checkpoint included)`,
      `board as the supervisor: p50 ${fmt.ms(board.p50)}, p99 ${fmt.ms(board.p99)}, max ${fmt.ms(board.max)}; ` +
        `${fmt.int(last.board.total)} open, ${last.board.nodes} on the page; ${counted.board.statements.length} SQL statements`,
      `MyWorkOrders as the technician: p50 ${fmt.ms(mine.p50)}, p99 ${fmt.ms(mine.p99)}, max ${fmt.ms(mine.max)}; ` +
        `${last.mine.total} open; ${counted.mine.statements.length} SQL statements`,
      ...explained.board.map((e) => `board: ${describe(e)}`),
      ...explained.mine.map((e) => `MyWorkOrders: ${describe(e)}`),
    ],
    code: {
      language: 'sql',
      lines: [
        '-- the SQL statements of one board request',
        ...counted.board.statements,
        ...shown.flatMap((e) => [
          '',
          `-- EXPLAIN ANALYZE${e === page ? " (the board's page)" : ''}: ${e.statement}`,
          ...e.plan.map((line) => `-- ${line}`),
        ]),
      ],
    },
  });
  results.kept[`${setup.name}.board.p50Ms`] = board.p50;
  results.kept[`${setup.name}.board.mineP50Ms`] = mine.p50;
}

function describe(e: Explained): string {
  const how = e.seqScans.length
    ? `**Seq Scan on ${e.seqScans.join(', ')}**`
    : e.indexes.length
      ? `indexes ${e.indexes.join(', ')}`
      : 'no index (small tables only)';
  return `\`${e.statement.slice(0, 70)}…\`: ${how}; planned in ${fmt.ms(e.planningMs)}, ran in ${fmt.ms(e.executionMs)}`;
}

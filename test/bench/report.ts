/** The console table and BENCHMARKS.md (prettier-formatted, so `prettier --check` passes). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import type { Machine } from './machine';
import type { BenchOptions } from './options';
import type { Kept, Results, Row } from './report-types';

const DATA_MARK = 'bench-data:';

export function verdict(row: Row): string {
  if (row.figure.startsWith('failed')) return 'FAILED';
  if (row.pass === null) return row.figure.startsWith('skipped') ? 'skipped' : 'report';
  return row.pass ? 'PASS' : 'MISS';
}

export function consoleTable(rows: Row[]): string {
  const header = ['setup', 'scenario', 'result', 'figure', 'target', 'ceiling (same run)', 'ratio', 'platform CPU'];
  const cells = rows.map((r) => [r.setup, r.scenario, verdict(r), r.figure, r.target, r.ceiling, r.ratio, r.cpu]);
  const widths = header.map((h, i) => Math.min(70, Math.max(h.length, ...cells.map((c) => c[i].length))));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** The numbers the previous BENCHMARKS.md kept, if there is one. */
export function readKept(file: string): Kept | null {
  if (!existsSync(file)) return null;
  const match = new RegExp(`<!-- ${DATA_MARK} (\\{.*?\\}) -->`).exec(readFileSync(file, 'utf8'));
  try {
    return match ? (JSON.parse(match[1]) as Kept) : null;
  } catch {
    return null;
  }
}

/** "API throughput ratio 16 % → 17 %" lines for what both runs measured. */
export function changes(previous: Kept | null, current: Kept): string[] {
  if (!previous) return [];
  const lines: string[] = [];
  for (const [key, now] of Object.entries(current)) {
    const before = previous[key];
    if (before === undefined || !Number.isFinite(before) || !Number.isFinite(now)) continue;
    const ratio = key.endsWith('.ratio');
    const show = (v: number) => (ratio ? `${(v * 100).toFixed(1)} %` : v.toFixed(v < 100 ? 2 : 0));
    const delta = ratio
      ? `${((now - before) * 100).toFixed(1)} points`
      : `${(((now - before) / before) * 100).toFixed(1)} %`;
    lines.push(`${key}: ${show(before)} → ${show(now)} (${delta.startsWith('-') ? '' : '+'}${delta})`);
  }
  return lines;
}

export interface ReportInput {
  machine: Machine;
  options: BenchOptions;
  results: Results;
  previous: Kept | null;
  setups: Record<string, string>;
  profiles: string[];
  totalMs: number;
}

export function markdown(input: ReportInput): string {
  const { machine, options, results } = input;
  const mode = options.full ? 'full' : 'quick';
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const change = changes(input.previous, results.kept);
  const out: string[] = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${options.full ? ' -- --full' : ''}\` (${mode} mode) on ${machine.date}; ` +
      'every run rewrites this file. Issue 3 sets the targets.',
    '',
    '## Where',
    '',
    `- ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB memory, ${machine.os}`,
    `- Node ${machine.node}`,
    `- commit \`${machine.commit}\`${machine.dirty ? ' with uncommitted changes' : ''}`,
    `- ${(input.totalMs / 1000).toFixed(0)} s wall time${options.profile ? '; the platform ran under `--cpu-prof` (slower)' : ''}`,
    '',
    '## Results',
    '',
    ...Object.entries(input.setups).map(([name, what]) => `- **${name}**: ${what}`),
    '',
    '| setup | scenario | result | figure | target | ceiling (same run) | ratio | platform CPU |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.rows.map(
      (r) =>
        `| ${[r.setup, r.scenario, verdict(r), r.figure, r.target, r.ceiling || '—', r.ratio, r.cpu || '—'].map(cell).join(' | ')} |`,
    ),
    '',
    'CPU is % of one core (200 % = this whole machine), of the platform process alone unless stated. ' +
      'A ratio is the figure against the ceiling measured in the same run, or for latencies, against its target.',
    '',
  ];
  if (change.length) out.push('## Since the previous run', '', ...change.map((l) => `- ${l}`), '');
  out.push('## Details', '');
  for (const detail of results.details) {
    out.push(`### ${detail.setup}: ${detail.scenario}`, '');
    for (const line of detail.lines) out.push(`- ${line}`);
    if (detail.code) out.push('', '```' + detail.code.language, ...detail.code.lines, '```');
    out.push('');
  }
  if (input.profiles.length) out.push('## Profiles', '', '```text', ...input.profiles, '```', '');
  out.push(...reproduce(), `<!-- ${DATA_MARK} ${JSON.stringify(roundKept(results.kept))} -->`, '');
  return out.join('\n');
}

function reproduce(): string[] {
  return [
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench                # quick mode, under 3 minutes',
    'npm run bench -- --full      # full mode, under 15 minutes',
    'npm run bench -- --profile   # the platform under --cpu-prof; top self-time functions per scenario',
    'npm run bench -- --only ingest,fanout --setup embedded   # a part',
    '```',
    '',
    'Everything runs on loopback ports the OS picks, with data in temp dirs. The platform runs as users run it',
    '(`gateway/main.ts` in its own process; `npm start` itself for the start scenario), once on the embedded',
    'defaults and once on PostgreSQL 15 (a throwaway cluster in a temp dir, fsync on). Every load generator is a',
    'separate process (test/bench/load/): mqtt.js devices, graphql-ws clients, autocannon. The ceilings run in',
    'their own processes in the same run: a bare aedes 1.2.0 broker taking each publish in-process from its',
    '`publish` event and doing nothing (as the embedded ingest takes them, without its work), the same bare broker',
    'with one mqtt.js subscriber counting (one more hop), and a bare Apollo Server 5 answering `{ hello }`.',
    '',
    '- ingest: 2 processes × 20 devices, QoS 1, 50 publishes in flight per connection, 4 water metrics per',
    '  message, every `ts` unique per device. msg/s = messages ÷ (first publish → the last point counted in',
    '  InfluxDB by InfluxQL `count()`; for the ceilings, → the broker took them all from its `publish` event, or',
    '  the subscriber has them all). The target ratio is against the in-process ceiling; the pub→sub one is shown',
    '  beside. Platform and ceiling runs alternate; medians.',
    '- fault to desk: WATER_LEAK on a new equipment each time; one process publishes and holds the graphql-ws',
    '  subscription (`AlertRaised` of test/contract-operations.graphql), so both ends use one clock; 5,000 msg/s of normal',
    '  telemetry from the ingest generators meanwhile.',
    '- desk query: `ActiveAlerts` of test/contract-operations.graphql paced at 300 req/s, all cache hits (open loop: each request sent when',
    "  due, its latency counted from then; autocannon's `overallRate` sends each connection's quota for the",
    "  second in a burst, which measures bursts); SQL statements per request from PostgreSQL's statement log,",
    '  on the first request after a new alert (the platform caches the page until the next event) and on repeats;',
    '  the miss cost: the first request after a new alert, one at a time, beside the hit right after it.',
    '- API throughput: the same query as fast as 10 connections go, against `{ hello }` on bare Apollo.',
    "- fan-out: graphql-ws clients (the graphql-ws library) in several processes; latency = an alert's publish",
    "  → each client's receipt (CLOCK_MONOTONIC, shared by the processes); memory per client = the platform's",
    '  live heap growth with every client subscribed, each sample after a full GC asked through the V8',
    '  inspector (SIGUSR1, 127.0.0.1:9229), ÷ clients; the RSS growth (medians of 3 samples 1 s apart) beside it.',
    '- work order board (PostgreSQL): 20,000 work orders over a year inserted with SQL (~300 open, ~6 history',
    '  lines each); the open board (first 100 with assignee, request and history) as the supervisor and',
    "  `MyWorkOrders` as the technician, one request at a time; each request's statements EXPLAIN ANALYZEd.",
    '- service KPIs (PostgreSQL): a year of the demo site (30,000 calls, 25,000 requests, the 20,000 work orders',
    '  above, incidents) inserted with SQL; `ServiceKpis` for the last month, quarter and year as the supervisor,',
    "  one request at a time; each request's statements EXPLAIN ANALYZEd.",
    '- start: `npm start` to "FacilityDesk is ready" on the data dir the other scenarios used.',
    '',
  ];
}

function roundKept(kept: Kept): Kept {
  return Object.fromEntries(
    Object.entries(kept).map(([k, v]) => [k, Number.isFinite(v) ? Number(v.toPrecision(4)) : v]),
  );
}

export async function writeMarkdown(file: string, text: string): Promise<void> {
  const config = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...config, filepath: file }));
}

/**
 * `npm run bench` (quick: under 3 minutes) and `npm run bench -- --full` (under 15): what
 * each mode runs and for how long. Quick mode trades repetitions and sizes for time; every
 * figure it prints says which sizes it used.
 */
export type SetupName = 'embedded' | 'postgres';
export type ScenarioName =
  'ingest' | 'desk' | 'api' | 'fault' | 'fanout' | 'search' | 'board' | 'import' | 'kpis' | 'start';

export const SCENARIOS: ScenarioName[] = [
  'ingest',
  'desk',
  'api',
  'fault',
  'fanout',
  'search',
  'board',
  'import',
  'kpis',
  'start',
];

export interface BenchOptions {
  full: boolean;
  /** run the platform under --cpu-prof and summarise where its time went in ingest and fan-out */
  profile: boolean;
  /** scenarios per setup, in the order they run */
  plan: Record<SetupName, ScenarioName[]>;
  ingest: { runs: number; durationMs: number; processes: number; devicesPerProcess: number; window: number };
  fault: { faults: number; backgroundMsgPerS: number; gapMs: number };
  /** connections: at most this many in flight (the paced load opens more only when the platform falls behind) */
  desk: {
    alerts: number;
    reqPerS: number;
    durationS: number;
    connections: number;
    statementRequests: number;
    /** one request after each of this many new alerts (a cache miss), and one right after it (a hit) */
    missRounds: number;
  };
  api: { durationS: number; connections: number };
  fanout: { clients: number; processes: number; alerts: number };
  /** residents inserted, and requests of each kind (phone digits, name, 2-character fragment) */
  search: { residents: number; requests: number };
  /** work orders inserted (a year of a centre), and requests of each kind (the board, MyWorkOrders) */
  board: { workOrders: number; requests: number };
  /** rows of the roster file imported (xlsx and csv, dry run and real) */
  import: { rows: number };
  /** a year of the centre inserted (calls, requests, work orders, incidents), and requests of each period */
  kpis: { calls: number; requests: number; workOrders: number; incidents: number; periodRequests: number };
  start: { runs: number };
  /** where BENCHMARKS.md goes (the repository root unless --out) */
  out: string | null;
}

const USAGE = `usage: npm run bench [-- --full] [--profile] [--only SCENARIO,...] [--setup embedded|postgres] [--out FILE]
  scenarios: ${SCENARIOS.join(', ')}`;

/** Bad arguments or --help: the message is for the user, without a stack. */
export class UsageError extends Error {}

export function parseOptions(argv: string[]): BenchOptions {
  let full = false;
  let profile = false;
  let only: ScenarioName[] | null = null;
  let setups: SetupName[] = ['embedded', 'postgres'];
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--full') full = true;
    else if (arg === '--quick') full = false;
    else if (arg === '--profile') profile = true;
    else if (arg === '--only') {
      only = (argv[++i] ?? '').split(',') as ScenarioName[];
      const unknown = only.filter((s) => !SCENARIOS.includes(s));
      if (unknown.length) throw new UsageError(`unknown scenario ${unknown.join(', ')}\n${USAGE}`);
    } else if (arg === '--setup') {
      const name = argv[++i] as SetupName;
      if (name !== 'embedded' && name !== 'postgres') throw new UsageError(`unknown setup ${name}\n${USAGE}`);
      setups = [name];
    } else if (arg === '--out') out = argv[++i] ?? null;
    else if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
    else throw new UsageError(`unknown argument ${arg}\n${USAGE}`);
  }
  // Ingest first: it outlasts the demo devices' first DEVICE_OFFLINE (SIMULATOR=off), so the
  // desk query then sees a settled list of alerts. Fan-out last: dropping thousands of clients
  // leaves garbage whose collection showed up in the next scenario's latency tail (its memory
  // figure is taken after full GCs, so what ran before it does not matter).
  const embedded: ScenarioName[] = ['ingest', 'desk', 'api', 'fault', 'fanout', 'start'];
  // Quick mode runs on PostgreSQL what touches it per request or per fault. The resident search
  // and the work order board insert their rows with SQL: PostgreSQL only (the embedded PGlite
  // serves one connection). The board runs before the desk and fault scenarios, whose alerts
  // open work orders of their own that would fill its first page.
  const postgres: ScenarioName[] = full
    ? [
        'ingest',
        'board',
        'kpis',
        ...embedded.filter((s) => s !== 'start' && s !== 'ingest'),
        'search',
        'import',
        'start',
      ]
    : ['ingest', 'board', 'kpis', 'desk', 'api', 'fault', 'search', 'import'];
  const pick = (list: ScenarioName[]) => list.filter((s) => !only || only.includes(s));
  return {
    full,
    profile,
    plan: {
      embedded: setups.includes('embedded') ? pick(embedded) : [],
      postgres: setups.includes('postgres') ? pick(postgres) : [],
    },
    ingest: full
      ? { runs: 3, durationMs: 20_000, processes: 2, devicesPerProcess: 20, window: 50 }
      : { runs: 3, durationMs: 5_000, processes: 2, devicesPerProcess: 20, window: 50 },
    fault: full
      ? { faults: 200, backgroundMsgPerS: 5000, gapMs: 50 }
      : { faults: 100, backgroundMsgPerS: 5000, gapMs: 20 },
    desk: full
      ? { alerts: 50, reqPerS: 300, durationS: 30, connections: 50, statementRequests: 10, missRounds: 10 }
      : { alerts: 50, reqPerS: 300, durationS: 10, connections: 50, statementRequests: 3, missRounds: 5 },
    api: full ? { durationS: 10, connections: 10 } : { durationS: 4, connections: 10 },
    fanout: full ? { clients: 5000, processes: 4, alerts: 5 } : { clients: 1000, processes: 2, alerts: 3 },
    search: full ? { residents: 50_000, requests: 500 } : { residents: 50_000, requests: 100 },
    board: full ? { workOrders: 20_000, requests: 300 } : { workOrders: 20_000, requests: 50 },
    import: { rows: 10_000 },
    kpis: {
      calls: 30_000,
      requests: 25_000,
      workOrders: 20_000,
      incidents: 60,
      periodRequests: full ? 100 : 30,
    },
    start: { runs: 3 },
    out,
  };
}

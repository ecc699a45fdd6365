/**
 * SQL statements per request, counted by PostgreSQL itself: statement logging is switched on
 * (ALTER SYSTEM + reload, no restart) for a while, each measured request is wrapped in two
 * marker statements, and the log is read back. Exact, and independent of the platform's code.
 * Only for real PostgreSQL: PGlite has no log to read.
 */
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { Postgres } from './services';

const START = 'fd-bench-statements-start';
const END = 'fd-bench-statements-end';
/** a log entry starts with log_line_prefix's default '%m [%p] ' */
const ENTRY_START = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/;
const STATEMENT = / LOG: {2}(?:statement|execute [^:]*): ([\s\S]*)$/;

export interface Counted {
  /** the request's statements (first line of each, shortened), without the outbox relay's sweeps */
  statements: string[];
  ms: number;
}

/** Runs `body` with statement logging on; `count(request)` measures one request. */
export async function withStatementLog<T>(
  pg: Postgres,
  body: (count: (request: () => Promise<void>) => Promise<Counted>) => Promise<T>,
): Promise<T> {
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  try {
    await admin.query("ALTER SYSTEM SET log_statement = 'all'");
    await admin.query('SELECT pg_reload_conf()');
    await new Promise((resolve) => setTimeout(resolve, 300)); // every backend rereads it before its next command
    return await body(async (request) => {
      await admin.query(`SELECT '${START}'`);
      const started = process.hrtime.bigint();
      await request();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      await admin.query(`SELECT '${END}'`);
      return { statements: statementsBetweenMarkers(readFileSync(pg.logFile, 'utf8')), ms };
    });
  } finally {
    await admin.query('ALTER SYSTEM RESET log_statement').catch(() => undefined);
    await admin.query('SELECT pg_reload_conf()').catch(() => undefined);
    await admin.end();
  }
}

/** The statements logged between the last pair of markers, without the outbox relay's periodic sweep. */
function statementsBetweenMarkers(log: string): string[] {
  const entries: string[] = [];
  for (const line of log.split('\n')) {
    if (ENTRY_START.test(line) || entries.length === 0) entries.push(line);
    else entries[entries.length - 1] += '\n' + line;
  }
  const start = entries.findLastIndex((e) => e.includes(START));
  const end = entries.findLastIndex((e) => e.includes(END));
  if (start < 0 || end < start) throw new Error('statement markers not found in the PostgreSQL log');
  return entries
    .slice(start + 1, end)
    .map((e) => STATEMENT.exec(e)?.[1])
    .filter((s): s is string => s !== undefined && !s.includes('outbox_event'))
    .map((s) => s.split('\n')[0].slice(0, 110));
}

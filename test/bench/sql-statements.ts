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
  /** the same statements in full, with the parameters they were executed with (to EXPLAIN them) */
  logged: LoggedStatement[];
  ms: number;
}

export interface LoggedStatement {
  sql: string;
  /** $1, $2, … as PostgreSQL logged them (text; null for NULL) */
  params: Array<string | null>;
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
      const logged = statementsBetweenMarkers(readFileSync(pg.logFile, 'utf8'));
      return { statements: logged.map((s) => s.sql.split('\n')[0].slice(0, 110)), logged, ms };
    });
  } finally {
    await admin.query('ALTER SYSTEM RESET log_statement').catch(() => undefined);
    await admin.query('SELECT pg_reload_conf()').catch(() => undefined);
    await admin.end();
  }
}

const PID = / \[(\d+)\] /;
const PARAMETERS = / DETAIL: {2}parameters: ([\s\S]*)$/;
const PARAMETER = /\$(\d+) = (NULL|'((?:[^']|'')*)')/g;

/** The statements logged between the last pair of markers, without the outbox relay's periodic sweep. */
function statementsBetweenMarkers(log: string): LoggedStatement[] {
  const entries: string[] = [];
  for (const line of log.split('\n')) {
    if (ENTRY_START.test(line) || entries.length === 0) entries.push(line);
    else entries[entries.length - 1] += '\n' + line;
  }
  const start = entries.findLastIndex((e) => e.includes(START));
  const end = entries.findLastIndex((e) => e.includes(END));
  if (start < 0 || end < start) throw new Error('statement markers not found in the PostgreSQL log');
  const between = entries.slice(start + 1, end);
  const statements: LoggedStatement[] = [];
  between.forEach((entry, index) => {
    const sql = STATEMENT.exec(entry)?.[1]?.trim();
    if (sql === undefined || sql.includes('outbox_event')) return;
    // an extended-protocol statement's parameters follow it as a DETAIL entry of the same backend
    const pid = PID.exec(entry)?.[1];
    const detail = between.slice(index + 1).find((e) => PID.exec(e)?.[1] === pid);
    const values = detail && PARAMETERS.exec(detail)?.[1];
    const params: Array<string | null> = [];
    for (const [, n, literal, text] of values ? values.matchAll(PARAMETER) : []) {
      params[Number(n) - 1] = literal === 'NULL' ? null : text.replaceAll("''", "'");
    }
    statements.push({ sql, params });
  });
  return statements;
}

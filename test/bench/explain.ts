/**
 * EXPLAIN ANALYZE of statements the platform ran (sql-statements.ts logs them with their
 * parameters), on their own connection: which indexes they use, and whether any reads a big
 * table row by row (a Seq Scan), which a list's page must not do however many rows it has.
 */
import { Client } from 'pg';
import type { LoggedStatement } from './sql-statements';

export interface Explained {
  sql: string;
  /** the statement's first line, shortened */
  statement: string;
  /** EXPLAIN ANALYZE's lines, each cut at 160 characters (an id list can be long) */
  plan: string[];
  planningMs: number;
  executionMs: number;
  /** the tables of `bigTables` it reads with a Seq Scan */
  seqScans: string[];
  /** the indexes it reads */
  indexes: string[];
}

export async function explainStatements(
  url: string,
  statements: readonly LoggedStatement[],
  bigTables: readonly string[],
): Promise<Explained[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const explained: Explained[] = [];
    for (const { sql, params } of statements) {
      if (!/^select\b/i.test(sql)) continue;
      const result = await client.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, costs off, summary on) ${sql}`,
        params,
      );
      const plan = result.rows.map((r) => r['QUERY PLAN'].slice(0, 160));
      const ms = (what: string) => Number(new RegExp(`${what} Time: ([\\d.]+) ms`).exec(plan.join('\n'))?.[1]);
      const seqScans = bigTables.filter((t) => plan.some((line) => new RegExp(`Seq Scan on ${t}\\b`).test(line)));
      const indexes = [
        ...new Set(
          plan.flatMap((line) => /Index(?: Only)? Scan (?:Backward )?(?:using|on) (\w+)/.exec(line)?.[1] ?? []),
        ),
      ];
      explained.push({
        sql,
        statement: sql.split('\n')[0].slice(0, 110),
        plan,
        planningMs: ms('Planning'),
        executionMs: ms('Execution'),
        seqScans,
        indexes,
      });
    }
    return explained;
  } finally {
    await client.end();
  }
}

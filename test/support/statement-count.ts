/**
 * The SQL statements one API request costs, counted on the platform's knex (a test of "no N+1":
 * the same count for 2 rows or 12). The platform's own background work shares the connection
 * pool and may run meanwhile — the outbox relay's sweep, a session re-read when the account
 * cache renews it — so those statements are not counted, and the fewest of `tries` requests is
 * taken as the request's own (a job of the platform can only add statements, never remove them).
 */
import type { MikroORM } from '@mikro-orm/postgresql';

const NOT_THE_REQUESTS = ['outbox_event', 'staff_session'];

export async function requestStatements<T>(
  orm: MikroORM,
  request: () => Promise<T>,
  tries = 3,
): Promise<{ statements: number; result: T }> {
  const knex = orm.em.getConnection().getKnex();
  await request(); // the session is checked and cached before counting
  let fewest = Infinity;
  let result: T | undefined;
  for (let attempt = 0; attempt < tries; attempt++) {
    let n = 0;
    const count = (q: { sql: string }) => {
      if (!NOT_THE_REQUESTS.some((table) => q.sql.includes(table))) n++;
    };
    knex.on('query', count);
    try {
      result = await request();
    } finally {
      knex.removeListener('query', count);
    }
    fewest = Math.min(fewest, n);
  }
  return { statements: fewest, result: result as T };
}

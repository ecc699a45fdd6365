import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded PostgreSQL: PGlite (PostgreSQL in WASM) with its data in `dataDir/pg`,
 * served over the PostgreSQL wire protocol on a free loopback port so MikroORM's normal
 * driver talks to it. Only one connection works — the ORM pool must be 1.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = path.join(dataDir, 'pg');
  mkdirSync(dir, { recursive: true });
  // pg_trgm: the resident search's trigram indexes (migrations, README "The service desk")
  const db = await PGlite.create(dir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

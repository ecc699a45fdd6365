/**
 * `npm run migration:create`: diff the entities against a scratch database migrated to the
 * latest migration, and write the next migration file into migrations/.
 * Uses a throwaway embedded PostgreSQL, so nothing needs to be running.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres } from '../gateway/embedded/pglite';
import { ormOptions } from '../gateway/orm';

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-migration-'));
  const pg = await startEmbeddedPostgres(dir);
  const orm = await MikroORM.init(ormOptions(pg.url, 1));
  try {
    await orm.migrator.up();
    const initial = (await orm.migrator.getExecutedMigrations()).length === 0;
    const result = await orm.migrator.createMigration(undefined, false, initial);
    console.log(result.fileName ? `wrote migrations/${result.fileName}` : 'no changes: no migration needed');
  } finally {
    await orm.close(true);
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

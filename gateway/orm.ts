import path from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver, ReflectMetadataProvider, type Options } from '@mikro-orm/postgresql';
import { ENTITIES } from '../schema/entities';

export const MIGRATIONS_DIR = path.resolve(__dirname, '../migrations');

/**
 * MikroORM over PostgreSQL (real, or PGlite behind pglite-socket). PGlite serves one
 * connection only (STACK.md), so for it `poolMax` must be 1.
 */
export function ormOptions(clientUrl: string, poolMax: number): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    pool: { min: 1, max: poolMax },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    migrations: {
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      glob: 'Migration*.{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
    debug: false,
  };
}

export async function openDatabase(clientUrl: string, poolMax: number): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(clientUrl, poolMax));
  await orm.migrator.up();
  return orm;
}

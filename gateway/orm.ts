import path from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver, ReflectMetadataProvider, type Options } from '@mikro-orm/postgresql';
import { ENTITIES } from '../schema/entities';

export const MIGRATIONS_DIR = path.resolve(__dirname, '../migrations');

/**
 * MikroORM over PostgreSQL (real, or PGlite behind pglite-socket). PGlite serves one
 * connection only, so for it `poolMax` must be 1. `connectionName` becomes the
 * connections' application_name: the outbox trigger signs its notifications with it
 * (schema/monitoring/outbox/outbox-notification.ts), and pg_stat_activity shows it.
 * `statementTimeoutMs` is PostgreSQL's statement_timeout on every connection of the pool
 * (PGlite accepts it but does not enforce it).
 */
export function ormOptions(
  clientUrl: string,
  poolMax: number,
  connectionName?: string,
  statementTimeoutMs?: number,
): Options {
  const connection = {
    ...(connectionName ? { application_name: connectionName } : {}),
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
  };
  return {
    ...(Object.keys(connection).length ? { driverOptions: { connection } } : {}),
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

export async function openDatabase(clientUrl: string, poolMax: number, connectionName?: string): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(clientUrl, poolMax, connectionName));
  await orm.migrator.up();
  return orm;
}

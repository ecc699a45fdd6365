import type { MikroORM } from '@mikro-orm/postgresql';
import { createHmac } from 'node:crypto';
import { seedDefaults, seedDemoEstate } from '../migrations/seed/seed';
import type { Log } from '../devices/ingest/log';
import type { Config } from './config';
import { startEmbeddedPostgres } from './embedded/pglite';
import { openDatabase } from './orm';

/** A demo device's password: derived, so the simulator can sign in without it being stored. */
export function demoDevicePassword(config: Config, deviceId: string): string {
  return createHmac('sha256', config.simulatorSecret).update(deviceId).digest('base64url');
}

/**
 * PostgreSQL: `DATABASE_URL`, or embedded PGlite in DATA_DIR. Migrates, then seeds the
 * default rules and plans (always, when empty) and the demo estate (not in production).
 */
export async function provideDatabase(config: Config, log: Log): Promise<{ orm: MikroORM; stop(): Promise<void> }> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir);
  const url = config.databaseUrl ?? embedded!.url;
  try {
    const orm = await openDatabase(url, config.databasePoolMax);
    const em = orm.em.fork();
    const defaults = await seedDefaults(em);
    if (defaults.rules || defaults.plans) log.info('seeded default fault rules and emergency plans', defaults);
    if (!config.production && (await seedDemoEstate(em, config.demoPassword, (id) => demoDevicePassword(config, id)))) {
      log.info('seeded the demo estate');
    }
    return {
      orm,
      async stop() {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

import { MikroORM } from '@mikro-orm/postgresql';
import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { FIRST_ACCOUNT_USERNAME, seedFirstAccount } from '../migrations/seed/first-account';
import { seedDemoResidents } from '../migrations/seed/seed-residents';
import { seedDemoServiceDesk } from '../migrations/seed/demo-service-desk';
import { seedDemoYear } from '../migrations/seed/demo-year';
import { seedDefaults, seedDemoEstate } from '../migrations/seed/seed';
import type { Log } from '../devices/log';
import type { Config } from './config';
import { ConnectionPriority } from './connection-priority';
import { startEmbeddedPostgres } from './embedded/pglite';
import { openDatabase, ormOptions } from './orm';

/** The advisory lock key held while migrating and seeding; nothing else uses it. */
const STARTUP_LOCK_KEY = 4_644_001;

/** Connections of the alert path's own pool on a shared PostgreSQL (fault events, the outbox relay). */
const ALERT_PATH_POOL_MAX = 2;

export interface Database {
  url: string;
  /** API requests: statement_timeout REQUEST_STATEMENT_TIMEOUT_MS, DATABASE_POOL_MAX connections */
  orm: MikroORM;
  /**
   * The alert path (fault events, the outbox relay), device credentials and ingest's rules: its
   * own pool with no statement timeout, so no query can take its connections. With one
   * connection only (PGlite), the same ORM as `orm`, and `alertPathFirst` serves it first.
   */
  backgroundOrm: MikroORM;
  /** runs the alert path's work (and what it starts) ahead of API requests on a shared connection */
  alertPathFirst<T>(work: () => T): T;
  stop(): Promise<void>;
}

/** A demo device's password: derived, so the simulator can sign in without it being stored. */
export function demoDevicePassword(config: Config, deviceId: string): string {
  return createHmac('sha256', config.simulatorSecret).update(deviceId).digest('base64url');
}

/**
 * Several instances may share this database: a `DATABASE_URL` with more than one connection.
 * Embedded PGlite, or a PGlite server at DATABASE_URL (DATABASE_POOL_MAX=1: a second
 * connection blocks), serves exactly one instance, with no room for a second connection.
 */
export function databaseIsShared(config: Config): boolean {
  return config.databaseUrl !== null && config.databasePoolMax > 1;
}

/**
 * PostgreSQL: `DATABASE_URL`, or embedded PGlite in DATA_DIR. Migrates, then seeds the
 * default rules and plans (always, when empty), the demo estate (DEMO on) and, in production
 * with no staff yet, the first account from ADMIN_PASSWORD (refusing to start without it).
 * On a shared database this runs under an advisory lock, so instances starting together
 * migrate and seed one after the other. `connectionName`: the connections' application_name.
 */
export async function provideDatabase(config: Config, log: Log, connectionName?: string): Promise<Database> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir);
  const url = config.databaseUrl ?? embedded!.url;
  const pools = databaseIsShared(config);
  try {
    const background = await underStartupLock(pools ? url : null, log, async () => {
      const opened = await openDatabase(url, pools ? ALERT_PATH_POOL_MAX : 1, connectionName);
      try {
        await seed(opened, config, log);
        return opened;
      } catch (error) {
        await opened.close(true);
        throw error;
      }
    });
    if (!pools) {
      const priority = new ConnectionPriority(1);
      priority.install(background);
      return {
        url,
        orm: background,
        backgroundOrm: background,
        alertPathFirst: (work) => priority.first(work),
        async stop() {
          await background.close(true);
          await embedded?.stop();
        },
      };
    }
    const requests = await MikroORM.init(
      ormOptions(url, config.databasePoolMax, connectionName, config.requestStatementTimeoutMs),
    ).catch(async (error: unknown) => {
      await background.close(true);
      throw error;
    });
    return {
      url,
      orm: requests,
      backgroundOrm: background,
      alertPathFirst: (work) => work(),
      async stop() {
        await requests.close(true);
        await background.close(true);
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

async function seed(orm: MikroORM, config: Config, log: Log): Promise<void> {
  const em = orm.em.fork();
  const defaults = await seedDefaults(em);
  if (defaults.rules || defaults.plans) log.info('seeded default fault rules and emergency plans', defaults);
  if (config.demo && (await seedDemoEstate(em, config.demoPassword, (id) => demoDevicePassword(config, id)))) {
    log.info('seeded the demo estate and the demo accounts');
  }
  const archive = config.demo ? await seedDemoResidents(em) : null;
  if (archive) log.info('seeded the demo units and residents', { residents: archive.residents.length });
  if (archive && config.demoHistory) {
    const now = new Date();
    const started = Date.now();
    const year = await seedDemoYear(em, now);
    log.info('seeded a year of the demo centre', { ...year, ms: Date.now() - started });
    log.info('seeded a week of the demo centre', await seedDemoServiceDesk(em, now));
  }
  if (config.production && (await seedFirstAccount(em, config.adminPassword))) {
    log.info(`created the first account, "${FIRST_ACCOUNT_USERNAME}" (MANAGER), from ADMIN_PASSWORD`);
  }
}

/**
 * Runs `work` holding a session advisory lock on a connection of its own (`url` null: no lock,
 * one instance). PostgreSQL releases the lock if this process dies, so a crashed start never
 * blocks the next one.
 */
async function underStartupLock<T>(url: string | null, log: Log, work: () => Promise<T>): Promise<T> {
  if (url === null) return work();
  const client = new Client({ connectionString: url, application_name: 'facilitydesk:startup' });
  await client.connect();
  try {
    const [{ locked }] = (await client.query('select pg_try_advisory_lock($1) as locked', [STARTUP_LOCK_KEY])).rows;
    if (!locked) {
      log.info('another instance is migrating or seeding the database: waiting for it');
      await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    }
    return await work();
  } finally {
    await client.end().catch(() => undefined); // ending the session releases the lock
  }
}

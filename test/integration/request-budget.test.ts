/**
 * No API request can hold the database, and none can take the alert path's connections
 * (README "Limits"). Real: PostgreSQL 15 (DATABASE_URL's server, else a throwaway cluster; never
 * PGlite, which serves one connection and does not enforce statement_timeout), the platform's
 * own provideDatabase with its two pools, MikroORM. Faked: the "request work" and "alert path
 * work" are SQL statements run on the two pools directly (pg_sleep), not HTTP requests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DriverException, raw } from '@mikro-orm/core';
import { Staff } from '../../schema/staff/staff.entity';
import { SILENT_LOG } from '../../devices/log';
import { loadConfig } from '../../gateway/config';
import { provideDatabase, type Database } from '../../gateway/database';
import { scratchPostgres, type ScratchPostgres } from '../support/postgres';

jest.setTimeout(60_000);

describe('the API request budget on PostgreSQL', () => {
  let postgres: ScratchPostgres;
  let database: Database;
  let dataDir: string;

  beforeAll(async () => {
    postgres = await scratchPostgres();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-request-budget-'));
    const config = loadConfig({
      DATABASE_URL: await postgres.createDatabase(),
      DATABASE_POOL_MAX: '3',
      REQUEST_STATEMENT_TIMEOUT_MS: '400',
      DATA_DIR: dataDir,
      SIMULATOR: 'off',
      DEMO: 'on', // staff rows for the entity query below to sleep on
      DEMO_HISTORY: 'off', // no demo week of work orders (nor its escalations) in what the test counts
    });
    database = await provideDatabase(config, SILENT_LOG);
  });
  afterAll(async () => {
    await database?.stop();
    await postgres?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const sleep = (orm: Database['orm'], seconds: number) =>
    orm.em.fork().getConnection().execute(`select pg_sleep(${seconds})`);

  it('a request statement is cut at REQUEST_STATEMENT_TIMEOUT_MS; the alert path has no such limit', async () => {
    expect(database.orm).not.toBe(database.backgroundOrm);
    const started = Date.now();
    const error = await sleep(database.orm, 5).catch((e: unknown) => e);
    // what gateway/graphql/format-error.ts answers as "ask for less"
    expect(error).toMatchObject({ code: '57014', message: expect.stringMatching(/statement timeout/) });
    // an entity query's timeout arrives as MikroORM's DriverException with the same code
    const viaEntities = await database.orm.em
      .fork()
      .find(Staff, { $and: [{ id: { $ne: null } }, { [raw('pg_sleep(5) is not null')]: [] }] } as never)
      .catch((e: unknown) => e);
    expect(viaEntities).toBeInstanceOf(DriverException);
    expect(viaEntities).toMatchObject({ code: '57014' });
    // generous: it would have held its connection for 5 s
    expect(Date.now() - started).toBeLessThan(3000);
    await expect(sleep(database.backgroundOrm, 0.6)).resolves.toBeDefined();
  });

  it('with every request connection busy and more waiting, the alert path runs at once on its own pool', async () => {
    const order: string[] = [];
    const requests = Array.from({ length: 9 }, (_, i) =>
      sleep(database.orm, 0.3).then(() => order.push(`request ${i}`)),
    );
    // the requests have taken all 3 connections and 6 wait for them
    await new Promise((resolve) => setTimeout(resolve, 100));
    await database.backgroundOrm.em
      .fork()
      .getConnection()
      .execute('select 1')
      .then(() => order.push('alert path'));
    await Promise.all(requests);
    // the counter counted: every request ran, and the alert path came before the first of them finished
    expect(order).toHaveLength(10);
    expect(order[0]).toBe('alert path');
  });
});

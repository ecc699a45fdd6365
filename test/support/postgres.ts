/**
 * Real PostgreSQL 15 for tests and the bench that need more than the embedded PGlite gives
 * (several connections, several instances, LISTEN/NOTIFY): a throwaway cluster as .ci/run
 * starts one — PostgreSQL refuses to run as root, so initdb and pg_ctl run as `postgres` in
 * a dir it owns — or, when DATABASE_URL names one (the CI run against real services), a
 * fresh database on that server.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface Postgres {
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** registers a synchronous last-resort cleanup; returns its remover (default: process 'exit') */
  onExit?: (hook: () => void) => () => void;
  /** temp dir name prefix */
  prefix?: string;
}

const onProcessExit = (hook: () => void) => {
  process.once('exit', hook);
  return () => void process.off('exit', hook);
};

/**
 * A throwaway PostgreSQL 15 cluster on a free port with one database, `bench`. Durability
 * settings are left at PostgreSQL's defaults (fsync on): the alert path commits, and
 * production commits durably. Returns why not when it cannot run here.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<Postgres | { skipped: string }> {
  const onExit = options.onExit ?? onProcessExit;
  if (!existsSync(`${PG_BIN}/postgres`)) return { skipped: `PostgreSQL 15 is not installed (${PG_BIN})` };
  const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (ids.status !== 0) return { skipped: 'there is no `postgres` user to run PostgreSQL as' };
  const uid = Number(ids.stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const asPostgres = (args: string[]) =>
    process.getuid?.() === 0
      ? spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8', timeout: 60_000 })
      : spawnSync(args[0], args.slice(1), { encoding: 'utf8', timeout: 60_000 });

  const dir = mkdtempSync(path.join(os.tmpdir(), `${options.prefix ?? 'fd-test'}-pg-`));
  if (process.getuid?.() === 0) chownSync(dir, uid, gid);
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  const initdb = asPostgres([
    `${PG_BIN}/initdb`,
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C',
    // a UTF-8 ctype: pg_trgm makes trigrams of Chinese names only when it knows them for letters
    '--lc-ctype=C.UTF-8',
    '--no-sync',
  ]);
  if (initdb.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skipped: `initdb failed: ${(initdb.stderr || initdb.error?.message || '').trim().slice(0, 300)}` };
  }
  const port = await freePort();
  const stopSync = () => asPostgres([`${PG_BIN}/pg_ctl`, '-D', data, '-m', 'immediate', '-w', '-t', '20', 'stop']);
  const removeHook = onExit(() => {
    stopSync();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = asPostgres([
    `${PG_BIN}/pg_ctl`,
    '-D',
    data,
    '-l',
    logFile,
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    'start',
  ]);
  if (start.status !== 0) {
    removeHook();
    stopSync();
    rmSync(dir, { recursive: true, force: true });
    return { skipped: `pg_ctl start failed: ${(start.stderr || start.stdout || '').trim().slice(0, 300)}` };
  }
  const createdb = spawnSync(`${PG_BIN}/createdb`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'bench'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (createdb.status !== 0) {
    removeHook();
    stopSync();
    rmSync(dir, { recursive: true, force: true });
    return { skipped: `createdb failed: ${createdb.stderr.trim().slice(0, 300)}` };
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/bench`,
    logFile,
    async stop() {
      asPostgres([`${PG_BIN}/pg_ctl`, '-D', data, '-m', 'fast', '-w', '-t', '20', 'stop']);
      removeHook();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ScratchPostgres {
  /** a new, empty database on the server each call */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

let databases = 0;

/**
 * Real PostgreSQL for one test file: the server of DATABASE_URL when it is set (the suite's
 * run against real services), else a throwaway PostgreSQL 15 cluster. Throws — the test
 * fails, it is not skipped — when neither is possible: LISTEN/NOTIFY and several instances
 * cannot be tested on PGlite.
 */
export async function scratchPostgres(): Promise<ScratchPostgres> {
  const serverUrl = process.env.DATABASE_URL?.trim() || null;
  const cluster = serverUrl ? null : await startPostgres();
  if (cluster && 'skipped' in cluster)
    throw new Error(
      `this test needs PostgreSQL 15 (DATABASE_URL unset and no throwaway cluster: ${cluster.skipped}); ` +
        'install it with `apt-get install postgresql-15` (what .ci/run does)',
    );
  const base = serverUrl ?? (cluster as Postgres).url;
  const created: string[] = [];
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: base });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `fd_scratch_${process.pid}_${++databases}_${Date.now().toString(36)}`;
      await admin((client) => client.query(`create database ${name}`));
      created.push(name);
      const url = new URL(base);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (cluster) return (cluster as Postgres).stop();
      await admin(async (client) => {
        for (const name of created) await client.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}

/**
 * SIGKILL between commit and publish, then a restart: the event reaches a desk once.
 * Real: PostgreSQL 15 (DATABASE_URL's server, else a throwaway cluster), InfluxDB (the suite's),
 * the platform in a child process killed with SIGKILL by the kernel, the restarted platform,
 * HTTP login, graphql-ws subscriptions. Faked: only where the crash happens — the child's relay
 * kills its own process right after the commit (test/support/crash-after-commit.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../gateway/config';
import { createLogger } from '../../devices/log';
import { startPlatform, type Platform } from '../../gateway/platform';
import {
  AlertRaisedDocument,
  WorkOrderOpenedDocument,
  type AlertRaisedSubscription,
  type WorkOrderOpenedSubscription,
} from '../support/generated/graphql';
import { collect, wsClient } from '../support/graphql-client';
import { scratchPostgres, type ScratchPostgres } from '../support/postgres';
import { testServices } from '../support/services';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');

describe('a crash between commit and publish', () => {
  let postgres: ScratchPostgres;
  let platform: Platform | null = null;
  let closeWs: (() => Promise<void>) | null = null;
  const dirs: string[] = [];

  beforeAll(async () => {
    postgres = await scratchPostgres();
  });
  afterAll(async () => {
    await closeWs?.();
    await platform?.stop();
    await postgres?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing: after a restart the sweep delivers the event to a desk exactly once', async () => {
    const url = await postgres.createDatabase();
    const env = () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-outbox-crash-'));
      dirs.push(dataDir);
      return {
        DATABASE_URL: url,
        DATABASE_POOL_MAX: '4',
        DATA_DIR: dataDir,
        PORT: '0',
        MQTT_PORT: '0',
        INFLUX_URL: `${testServices().influxBaseUrl}/fd_outbox_crash_${process.pid}`,
        SIMULATOR: 'off',
        DEMO: 'on', // the demo estate's devices and accounts
        DEMO_HISTORY: 'off', // no demo week of work orders (nor its escalations) in what the test counts
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'outbox-crash-test',
      };
    };

    // 1. the platform commits a fault and is SIGKILLed before publishing it
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env() };
    for (const key of ['MQTT_URL', 'MOSQUITTO_AUTH_DIR', 'MOSQUITTO_PID_FILE']) delete childEnv[key];
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/support/crash-after-commit.ts'], {
      cwd: ROOT,
      env: childEnv,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const signal = await new Promise<string | null>((resolve) => child.once('exit', (_code, s) => resolve(s)));
    expect({ signal, output }).toEqual({ signal: 'SIGKILL', output: expect.stringContaining('dying before') });

    const db = new Client({ connectionString: url });
    await db.connect();
    const left = async () =>
      (
        await db.query(
          `select count(*)::int as rows, count(*) filter (where published_at is null)::int as unpublished,
                  max(created_at) as "createdAt", (select count(*)::int from alert) as alerts from outbox_event`,
        )
      ).rows[0] as { rows: number; unpublished: number; createdAt: Date; alerts: number };
    const crashed = await left();
    expect(crashed).toMatchObject({ rows: 2, unpublished: 2, alerts: 1 }); // committed, never published

    // 2. restart; the rows become the sweep's 6 s from now, so the desk subscribes first
    const restartedAt = Date.now();
    const sweepGraceMs = Date.now() - crashed.createdAt.getTime() + 6000;
    const config = loadConfig(env());
    platform = await startPlatform(config, createLogger('error'), { outbox: { sweepIntervalMs: 200, sweepGraceMs } });
    const login = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "operator", password: "facilitydesk") { token } }' }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const ws = wsClient(platform.graphqlUrl, token);
    closeWs = () => ws.dispose() as Promise<void>;
    const raised = collect<AlertRaisedSubscription>(ws, AlertRaisedDocument);
    const opened = collect<WorkOrderOpenedSubscription>(ws, WorkOrderOpenedDocument);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the subscriptions reach the server
    expect((await left()).unpublished).toBe(2); // the desk is subscribed before the sweep may claim

    const [alertEvent] = await raised.next(1, 20_000);
    const [workOrderEvent] = await opened.next(1, 20_000);
    const eligibleAt = crashed.createdAt.getTime() + sweepGraceMs;
    process.stdout.write(
      `outbox sweep after restart: at the desk ${Date.now() - restartedAt} ms after the restart began, ` +
        `${Date.now() - eligibleAt} ms after the rows became the sweep's (sweep every 200 ms)\n`,
    );
    expect(alertEvent.alertRaised).toMatchObject({ faultCode: 'WATER_LEAK', status: 'ACTIVE_UNACK' });
    expect(workOrderEvent.workOrderOpened.id).toBe(alertEvent.alertRaised.workOrder!.id);

    // 3. more sweeps (timer and by hand) deliver nothing twice
    for (let i = 0; i < 5; i++) expect(await platform.services.relay.sweep()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // five more timer sweeps
    await platform.services.relay.idle();
    expect(raised.events).toHaveLength(1);
    expect(opened.events).toHaveLength(1);
    expect(await left()).toMatchObject({ rows: 2, unpublished: 0, alerts: 1 });
    await db.end();
  });
});

/**
 * Two `npm start` processes on one PostgreSQL: a fault reaching instance A's broker reaches a
 * desk connected to instance B, once. Real: PostgreSQL 15 (DATABASE_URL's server, else a
 * throwaway cluster), two platform processes (gateway/main.ts, as `npm start` runs it) each with
 * its own aedes broker, local influxd, ports and data dir, the same JWT_SECRET, started together
 * on an empty database (migrations and seeding under the advisory lock); a provisioned device
 * over MQTT; graphql-ws desks. Nothing faked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MqttClient } from 'mqtt';
import { buildDevice, type ProvisionedTestDevice } from '../factories/device.factory';
import { connectDevice } from '../support/device-client';
import { freePort, freePortPair } from '../support/free-port';
import {
  AlertRaisedDocument,
  WorkOrderOpenedDocument,
  type AlertRaisedSubscription,
  type WorkOrderOpenedSubscription,
} from '../support/generated/graphql';
import { collect, wsClient, type Collector } from '../support/graphql-client';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process';
import { scratchPostgres, type ScratchPostgres } from '../support/postgres';

jest.setTimeout(300_000);

const FAULTS = 5;

async function login(graphqlUrl: string, username: string): Promise<string> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      variables: { u: username, p: 'facilitydesk' },
    }),
  });
  return ((await response.json()) as { data: { login: { token: string } } }).data.login.token;
}

interface Desk {
  raised: Collector<AlertRaisedSubscription>;
  opened: Collector<WorkOrderOpenedSubscription>;
  close(): Promise<void>;
}

async function openDesk(graphqlUrl: string): Promise<Desk> {
  const ws = wsClient(graphqlUrl, await login(graphqlUrl, 'operator'));
  return {
    raised: collect(ws, AlertRaisedDocument),
    opened: collect(ws, WorkOrderOpenedDocument),
    close: () => ws.dispose() as Promise<void>,
  };
}

const percentile = (values: number[], p: number) =>
  [...values].sort((x, y) => x - y)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

describe('two instances on one database', () => {
  let postgres: ScratchPostgres;
  const processes: PlatformProcess[] = [];
  const desks: Desk[] = [];
  const sensors: MqttClient[] = [];
  const dirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'fd-outbox-two-')));

  beforeAll(async () => {
    postgres = await scratchPostgres();
  });
  afterAll(async () => {
    for (const sensor of sensors) await sensor.endAsync().catch(() => undefined);
    for (const desk of desks) await desk.close();
    for (const p of processes) if (p.child.exitCode === null) await p.stop();
    await postgres?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a fault on instance A reaches a desk on instance B once (alertRaised and workOrderOpened)', async () => {
    const databaseUrl = await postgres.createDatabase();
    const envs = await Promise.all(
      dirs.map(async (dir) => ({
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_MAX: '4',
        JWT_SECRET: 'two-instances-test',
        PORT: String(await freePort()),
        MQTT_PORT: String(await freePort()),
        INFLUX_PORT: String(await freePortPair()),
        DATA_DIR: dir,
        SIMULATOR: 'off',
        DEMO: 'on', // the desks sign in as demo accounts
        DEMO_HISTORY: 'off', // no demo week of work orders (nor its escalations) in what the test counts
        LOG_LEVEL: 'warn',
      })),
    );
    // started together on an empty database: they migrate and seed one after the other
    const [a, b] = await Promise.all(envs.map((env) => startPlatformProcess(env, 120_000)));
    processes.push(a, b);
    const [urlA, urlB] = envs.map((env) => `http://127.0.0.1:${env.PORT}/graphql`);
    for (const env of envs) {
      const ready = await fetch(`http://127.0.0.1:${env.PORT}/readyz`);
      expect(await ready.json()).toMatchObject({ checks: { postgres: 'up', events: 'up' } });
    }

    const supervisor = await login(urlA, 'supervisor');
    const devices: ProvisionedTestDevice[] = [];
    for (let i = 0; i < FAULTS; i++) devices.push(await buildDevice(urlA, supervisor, { system: 'WATER' }));
    const deskA = await openDesk(urlA);
    const deskB = await openDesk(urlB);
    desks.push(deskA, deskB);
    for (const device of devices)
      sensors.push(await connectDevice(`mqtt://127.0.0.1:${envs[0].MQTT_PORT}`, device.deviceId, device.password));
    await new Promise((resolve) => setTimeout(resolve, 500)); // the subscriptions reach the servers

    const latencyA: number[] = [];
    const latencyB: number[] = [];
    for (let i = 0; i < FAULTS; i++) {
      const sent = Date.now();
      await sensors[i].publishAsync(
        devices[i].telemetryTopic,
        JSON.stringify({ ts: sent, seq: 1, values: { leak: 1 } }), // WATER_LEAK raises at once
        { qos: 1 },
      );
      const [atA, atB] = await Promise.all(
        [deskA, deskB].map((desk) => desk.raised.next(i + 1, 15_000).then(() => Date.now())),
      );
      latencyA.push(atA - sent);
      latencyB.push(atB - sent);
      await deskB.opened.next(i + 1, 15_000);
      expect(deskB.raised.events[i].alertRaised).toMatchObject({
        faultCode: 'WATER_LEAK',
        equipment: { id: devices[i].equipmentId },
      });
      expect(deskB.opened.events[i].workOrderOpened.id).toBe(deskB.raised.events[i].alertRaised.workOrder!.id);
    }
    process.stdout.write(
      `fault on A → alertRaised on B's desk over ${FAULTS} faults: p50 ${percentile(latencyB, 50)} ms, ` +
        `max ${Math.max(...latencyB)} ms (A's own desk: p50 ${percentile(latencyA, 50)} ms, max ${Math.max(...latencyA)} ms)\n`,
    );

    // past a sweep interval: nothing arrives twice on either desk
    await new Promise((resolve) => setTimeout(resolve, 6000));
    for (const desk of [deskA, deskB]) {
      expect(desk.raised.events).toHaveLength(FAULTS);
      expect(desk.opened.events).toHaveLength(FAULTS);
      expect(new Set(desk.raised.events.map((e) => e.alertRaised.id)).size).toBe(FAULTS);
      expect(new Set(desk.opened.events.map((e) => e.workOrderOpened.id)).size).toBe(FAULTS);
    }
    expect(b.output()).not.toMatch(/ERROR/);
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  });
});

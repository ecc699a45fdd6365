/**
 * SIGTERM during ingest loses no acknowledged point. Real: the platform as a child process
 * (gateway/main.ts, as `npm start` runs it, on embedded PGlite and aedes), our own influxd (so it
 * can be down at the SIGTERM), and a real MQTT device publishing QoS 1 at a steady rate and
 * counting PUBACKs. Nothing is faked.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { escape, type InfluxDB } from 'influx';
import { connectInflux } from '../../devices/telemetry/influx-connection';
import { buildDevice, type ProvisionedTestDevice } from '../factories/device.factory';
import { connectDevice, waitFor } from '../support/device-client';
import { freePort } from '../support/free-port';
import { startInfluxForTests, type InfluxForTests } from '../support/influx-for-tests';
import { QUIET_METRIC, startPacedPublisher } from '../support/paced-publisher';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process';

jest.setTimeout(300_000);

const RATE_PER_S = 2000;

describe('SIGTERM during ingest', () => {
  let influxd: InfluxForTests;
  let influx: InfluxDB;
  const running: PlatformProcess[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    influxd = await startInfluxForTests('fd_sigterm');
    influx = await connectInflux(influxd.url, { waitMs: 20_000 });
  });
  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await p.stop();
    await influxd?.cleanup();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function boot(env: Record<string, string>): Promise<PlatformProcess> {
    const platform = await startPlatformProcess(env);
    running.push(platform);
    return platform;
  }

  async function newEnv(): Promise<Record<string, string>> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-sigterm-'));
    dirs.push(dir);
    return {
      DATA_DIR: dir,
      PORT: String(await freePort()),
      MQTT_PORT: String(await freePort()),
      INFLUX_URL: influxd.url,
      SIMULATOR: 'off',
      LOG_LEVEL: 'info',
      // one device at 2,000 msg/s stands for a fleet: the per-device rate limit is not under test
      DEVICE_MESSAGES_PER_S: '1000000',
      DEVICE_MESSAGE_BURST: '1000000',
    };
  }

  async function provision(env: Record<string, string>): Promise<ProvisionedTestDevice> {
    const graphqlUrl = `http://127.0.0.1:${env.PORT}/graphql`;
    const login = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "supervisor", password: "facilitydesk") { token } }' }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    return buildDevice(graphqlUrl, token);
  }

  /** SIGTERM, then the exit code (main.ts exits 0 after a clean stop, 1 after 15 s) */
  async function sigterm(platform: PlatformProcess): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => platform.child.once('exit', (code) => resolve(code)));
    platform.child.kill('SIGTERM');
    return exited;
  }

  /** message indices whose point is in InfluxDB */
  async function storedIndices(equipmentId: string, tsBase: number): Promise<Set<number>> {
    const result = await influx.queryRaw(
      `SELECT "${QUIET_METRIC}" FROM telemetry WHERE equipment = ${escape.stringLit(equipmentId)}`,
      { precision: 'ms' },
    );
    const values: Array<[number, number]> = result.results?.[0]?.series?.[0]?.values ?? [];
    return new Set(values.map(([ts]) => ts - tsBase));
  }

  /** Publishes until `acked` PUBACKs, runs `meanwhile`, SIGTERMs the platform mid-stream; returns the acked indices. */
  async function publishThroughSigterm(
    platform: PlatformProcess,
    env: Record<string, string>,
    device: ProvisionedTestDevice,
    tsBase: number,
    meanwhile: () => Promise<void> = async () => undefined,
  ): Promise<{ acked: number[]; sent: number }> {
    const sensor = await connectDevice(`mqtt://127.0.0.1:${env.MQTT_PORT}`, device.deviceId, device.password);
    sensor.on('error', () => undefined); // the broker goes away mid-stream: that is the test
    const publisher = startPacedPublisher(sensor, {
      topic: device.telemetryTopic,
      ratePerS: RATE_PER_S,
      total: 120 * RATE_PER_S, // far more than the test lasts: the SIGTERM lands mid-stream
      tsBase,
      tickMs: 2, // a steady stream, so the shutdown's every millisecond sees messages arrive
    });
    await waitFor('3,000 PUBACKs', async () => publisher.acked.size >= 3000, 30_000);
    await meanwhile();
    expect(await sigterm(platform)).toBe(0);
    publisher.stop();
    await sensor.endAsync(true).catch(() => undefined);
    const sent = publisher.sent();
    expect(sent).toBeLessThan(120 * RATE_PER_S); // it really was mid-stream
    return { acked: [...publisher.acked], sent };
  }

  it('with InfluxDB up: every acknowledged message is in InfluxDB once the process has exited', async () => {
    const env = await newEnv();
    const platform = await boot(env);
    const device = await provision(env);
    const tsBase = Date.now() - 3_600_000;

    const { acked, sent } = await publishThroughSigterm(platform, env, device, tsBase);
    expect(acked.length).toBeGreaterThanOrEqual(3000);
    const stored = await storedIndices(device.equipmentId, tsBase);
    expect(stored.size).toBeGreaterThanOrEqual(acked.length);
    expect(acked.filter((i) => !stored.has(i))).toEqual([]);
    // nothing needed the disk: the store wrote everything at stop
    const spool = path.join(env.DATA_DIR, 'telemetry-spool');
    expect(existsSync(spool) ? readdirSync(spool).filter((f) => f.endsWith('.seg')) : []).toEqual([]);
    process.stdout.write(`SIGTERM, InfluxDB up: ${acked.length} acknowledged (of ${sent} sent), 0 lost\n`);
  });

  it('with InfluxDB down: what is unwritten goes to disk at stop and is replayed by the next start', async () => {
    const env = await newEnv();
    const platform = await boot(env);
    const device = await provision(env);
    const tsBase = Date.now() - 3_000_000;

    let ackedBeforeOutage = 0;
    const { acked, sent } = await publishThroughSigterm(platform, env, device, tsBase, async () => {
      await influxd.outage();
      ackedBeforeOutage = Date.now();
      await new Promise((r) => setTimeout(r, 2000)); // 2 s of readings only in memory
    });
    expect(ackedBeforeOutage).toBeGreaterThan(0);
    const spool = path.join(env.DATA_DIR, 'telemetry-spool');
    const segments = readdirSync(spool).filter((f) => f.endsWith('.seg'));
    expect(segments.length).toBeGreaterThan(0);
    expect(readdirSync(spool)).not.toContain('LOCK'); // released at stop

    await influxd.recover();
    const storedBefore = await storedIndices(device.equipmentId, tsBase);
    const missingBefore = acked.filter((i) => !storedBefore.has(i)).length;
    expect(missingBefore).toBeGreaterThan(0); // those are on disk only

    const restarted = Date.now();
    const again = await boot(env);
    await waitFor(
      'every acknowledged point replayed',
      async () => {
        const stored = await storedIndices(device.equipmentId, tsBase);
        return acked.every((i) => stored.has(i));
      },
      60_000,
    );
    const replayMs = Date.now() - restarted;
    expect(readdirSync(spool).filter((f) => f.endsWith('.seg'))).toEqual([]);
    expect(again.output()).toContain('replaying segments left by an earlier run');
    expect(await again.stop()).toBe(0);
    process.stdout.write(
      `SIGTERM, InfluxDB down: ${acked.length} acknowledged (of ${sent} sent), ${missingBefore} only on disk ` +
        `(${segments.length} segments), all in InfluxDB ${replayMs} ms after the restart began (boot included), 0 lost\n`,
    );
  });
});

/**
 * What stop guarantees, as a user meets it: the platform process started as `npm start` starts it
 * (gateway/main.ts) on embedded defaults (PGlite, aedes, a local influxd, the simulator), its own
 * DATA_DIR and free ports. Real processes, real sockets, real signals; nothing faked. The frozen
 * desk is a real graphql-ws client whose TCP socket stops being read (test/support/frozen-desk.ts).
 * influxd must be installed: without it the platform cannot start and these tests fail.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectFrozenDesk, connectFrozenHttpClient, type FrozenDesk } from '../support/frozen-desk';
import {
  influxdProcessesUnder,
  processesMatching,
  startPlatformProcess,
  type PlatformProcess,
  instanceEnv,
  metricValue,
} from '../support/platform-process';

jest.setTimeout(180_000);

/** The steps gateway/platform.ts logs as it stops, each with its duration. */
const STEPS = ['monitoring', 'outbox relay', 'http', 'mqtt', 'influxdb', 'database'];

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

function isRunning(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
}

describe('stopping the platform process', () => {
  let dataDir: string;
  let platform: PlatformProcess | undefined;
  let desk: FrozenDesk | undefined;
  let appPid: number | undefined;
  let httpClient: { destroy(): void } | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-e2e-shutdown-'));
  });
  afterEach(async () => {
    desk?.destroy();
    httpClient?.destroy();
    if (platform && platform.child.exitCode === null && platform.child.signalCode === null)
      platform.child.kill('SIGKILL');
    if (appPid && isRunning(appPid)) process.kill(appPid, 'SIGKILL');
    // whatever a failed test left: never leave an influxd behind
    for (const pid of influxdProcessesUnder(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    platform = desk = appPid = httpClient = undefined;
  });

  it('SIGTERM with a desk and an HTTP client that stopped reading: exits 0 in < 5 s after every step ran, influxd stopped', async () => {
    const env = await instanceEnv(dataDir);
    platform = await startPlatformProcess(env);
    const base = `http://127.0.0.1:${env.PORT}`;
    const login = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "operator", password: "facilitydesk") { token } }' }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;

    desk = await connectFrozenDesk(`${base}/graphql`, token, 'subscription { alertRaised { id faultCode } }');
    expect(metricValue(await (await fetch(`${base}/metrics`)).text(), 'fd_ws_clients')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the subscribe message be handled
    expect(desk.received).toEqual([{ type: 'connection_ack' }]); // signed in, subscription not refused
    desk.freeze();
    httpClient = await connectFrozenHttpClient(Number(env.PORT)); // and an HTTP keep-alive client gone quiet

    const influxdPid = Number(readFileSync(path.join(dataDir, 'influxdb', 'influxd.pid'), 'utf8'));
    expect(isRunning(influxdPid)).toBe(true);
    const exited = new Promise<number | null>((resolve) => platform!.child.once('exit', (code) => resolve(code)));
    const t0 = Date.now();
    platform.child.kill('SIGTERM');
    const code = await exited;
    const stopMs = Date.now() - t0;
    process.stdout.write(`SIGTERM to exit with a frozen desk: ${stopMs} ms\n${platform.output()}\n`);

    expect(code).toBe(0); // not the forced exit
    expect(stopMs).toBeLessThan(5_000); // it took ~15 s (the forced exit) while the close handshake waited 30 s
    for (const step of STEPS) expect(platform.output()).toMatch(new RegExp(`shutdown: ${step} stopped in \\d+ ms`));
    expect(platform.output()).not.toMatch(/did not stop within|shutdown step failed/);
    expect(isRunning(influxdPid)).toBe(false);
    expect(influxdProcessesUnder(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'influxdb', 'influxd.pid'))).toBe(false);
  });

  it('SIGKILL: the local influxd dies with its parent within a few seconds', async () => {
    platform = await startPlatformProcess(await instanceEnv(dataDir));
    const influxdPid = Number(readFileSync(path.join(dataDir, 'influxdb', 'influxd.pid'), 'utf8'));
    expect(influxdProcessesUnder(dataDir)).toEqual([influxdPid]);

    const exited = new Promise<void>((resolve) => platform!.child.once('exit', () => resolve()));
    const t0 = Date.now();
    platform.child.kill('SIGKILL');
    await exited;
    while (isRunning(influxdPid) && Date.now() - t0 < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
    process.stdout.write(`influxd gone ${Date.now() - t0} ms after SIGKILL of its parent\n`);
    expect(isRunning(influxdPid)).toBe(false);
    expect(influxdProcessesUnder(dataDir)).toEqual([]);
    expect(platform.output()).toMatch(/influxd dies with the platform: (setpriv --pdeathsig KILL|a watchdog)/);
  });

  it('SIGKILL of the launcher (gateway/bootstrap.cjs, as `npm start` runs it): the app stops as on SIGTERM, influxd too', async () => {
    platform = await startPlatformProcess(await instanceEnv(dataDir), 90_000, { viaLauncher: true });
    const launcherPid = platform.child.pid!;
    const apps = processesMatching((cmdline) => cmdline.includes('gateway/main.ts')).filter(
      (pid) => parentOf(pid) === launcherPid,
    );
    expect(apps).toHaveLength(1);
    appPid = apps[0];
    const influxdPid = Number(readFileSync(path.join(dataDir, 'influxdb', 'influxd.pid'), 'utf8'));
    expect(isRunning(influxdPid)).toBe(true);

    const t0 = Date.now();
    platform.child.kill('SIGKILL');
    await waitUntil(() => !isRunning(appPid!) && !isRunning(influxdPid), 10_000);
    process.stdout.write(`app and influxd gone ${Date.now() - t0} ms after SIGKILL of the launcher\n`);
    expect(isRunning(appPid)).toBe(false);
    expect(isRunning(influxdPid)).toBe(false);
    // stopped in order, not killed; its last lines may still be on their way through the pipe
    await waitUntil(() => /shutdown: done in \d+ ms/.test(platform!.output()), 5000);
    expect(platform.output()).toContain('SIGTERM: shutting down');
    expect(platform.output()).toMatch(/shutdown: done in \d+ ms/);
  });
});

/**
 * The processes under test: the platform as users run it (`gateway/main.ts`, or `npm start`
 * itself for the start scenario) and PostgreSQL 15 for the real-services run. Everything on
 * loopback ports the OS picks (never 4000/1883/8086), data in temp dirs, every process
 * registered for cleanup (children.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, freePortPair } from '../support/free-port';
import { startPostgres as startTestPostgres } from '../support/postgres';
import { ROOT, onExit, track } from './children';
import { commandLine, descendants, isAlive, processesMentioning } from './proc';

/** Variables the platform reads (README "Configuration") that must not leak in from the caller's shell. */
const PLATFORM_VARIABLES = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'DATABASE_URL',
  'DATABASE_POOL_MAX',
  'MQTT_URL',
  'MQTT_PORT',
  'INFLUX_URL',
  'INFLUX_PORT',
  'SIMULATOR',
  'DEMO',
  'DEMO_PASSWORD',
  'ADMIN_PASSWORD',
  'JWT_SECRET',
  'NODE_ENV',
  'MOSQUITTO_AUTH_DIR',
  'MOSQUITTO_PID_FILE',
  'INGEST_CLIENT_ID',
  'LOG_LEVEL',
];

export const DEMO_PASSWORD = 'facilitydesk';
const READY_LINE = 'FacilityDesk is ready';

export function tempDir(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `fd-bench-${name}-`));
}

/** The environment of a platform on `dataDir` with private ports, plus `extra` (e.g. DATABASE_URL). */
export async function platformEnv(dataDir: string, extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of PLATFORM_VARIABLES) delete env[key];
  return {
    ...env,
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    MQTT_PORT: String(await freePort()),
    INFLUX_PORT: String(await freePortPair()),
    SIMULATOR: 'off',
    LOG_LEVEL: 'warn',
    DEMO: 'on', // the bench signs in as demo accounts, also on DATABASE_URL
    DEMO_HISTORY: 'off', // no demo week of work orders (nor its escalations) in what the test counts
    DEMO_PASSWORD,
    // Each simulated device publishes hundreds of messages a second to find ingest's ceiling;
    // the per-device limit (devices/ingest/device-rate-limit.ts) would drop them, and is not what is measured.
    DEVICE_MESSAGES_PER_S: '1000000',
    DEVICE_MESSAGE_BURST: '1000000',
    // The desk and API loads come from one account standing for many desks; per-account turns
    // (README "Limits") would measure that account's queue, not the platform.
    API_CONCURRENCY_PER_CALLER: '64',
    API_CONCURRENCY_TOTAL: '64',
    ...extra,
  };
}

export interface RunningPlatform {
  pid: number;
  dataDir: string;
  graphqlUrl: string;
  wsUrl: string;
  mqttUrl: string;
  influxUrl: string;
  /** spawn → the ready line */
  readyMs: number;
  /** the platform's local influxd, when it started one */
  influxdPid(): number | null;
  output(): string;
  /** SIGINT (Ctrl-C), as a user stops it; SIGKILL after 30 s; the exit code (or signal) */
  stop(): Promise<number | string>;
}

/**
 * `node -r @swc-node/register gateway/main.ts`, what `npm start` runs once its set-up is done.
 * `profileDir`: with --cpu-prof, V8 writes a .cpuprofile there when the platform exits.
 */
export async function startPlatform(
  env: NodeJS.ProcessEnv,
  options: { profileDir?: string; timeoutMs?: number } = {},
): Promise<RunningPlatform> {
  const dataDir = env.DATA_DIR as string;
  const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const started = process.hrtime.bigint();
  const child = track(
    spawn(process.execPath, [...profile, '-r', '@swc-node/register', 'gateway/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const removeHook = onExit(() => killPlatformSync(child, dataDir));
  const output = await untilReady(child, options.timeoutMs ?? 120_000);
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const banner = (label: string) => new RegExp(`^\\s*${label}\\s+(\\S+)`, 'm').exec(output.text())?.[1];
  const graphqlUrl = banner('GraphQL') ?? `http://127.0.0.1:${env.PORT}/graphql`;
  return {
    pid: child.pid as number,
    dataDir,
    graphqlUrl,
    wsUrl: graphqlUrl.replace(/^http/, 'ws'),
    mqttUrl: banner('MQTT') ?? `mqtt://127.0.0.1:${env.MQTT_PORT}`,
    influxUrl: env.INFLUX_URL ?? banner('InfluxDB') ?? `http://127.0.0.1:${env.INFLUX_PORT}/facilitydesk`,
    readyMs,
    influxdPid: () => descendants(child.pid as number).find((pid) => commandLine(pid).includes('influxd')) ?? null,
    output: output.text,
    async stop() {
      const code = await stopGently(child, [child.pid as number], 30_000);
      killLeftoverInfluxd(dataDir);
      removeHook();
      return code;
    },
  };
}

/**
 * `npm start` in its own process group, like a terminal: ms to the ready line, then Ctrl-C
 * (to the whole group, as a terminal sends it) and ms until every process of it has ended.
 */
export async function timeNpmStart(
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<{ readyMs: number; stopMs: number; exitCode: number | string }> {
  const dataDir = env.DATA_DIR as string;
  const started = process.hrtime.bigint();
  const child = track(spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
  const removeHook = onExit(() => {
    killGroupSync(child);
    killPlatformSync(child, dataDir);
  });
  const stop = async () => {
    const tree = [child.pid as number, ...descendants(child.pid as number)];
    const code = await stopGently(child, tree, 30_000, () => process.kill(-(child.pid as number), 'SIGINT'));
    killLeftoverInfluxd(dataDir);
    removeHook();
    return code;
  };
  let readyMs: number;
  try {
    await untilReady(child, timeoutMs);
    readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  } catch (error) {
    await stop();
    throw error;
  }
  const stopping = process.hrtime.bigint();
  const exitCode = await stop();
  return { readyMs, stopMs: Number(process.hrtime.bigint() - stopping) / 1e6, exitCode };
}

function untilReady(child: ChildProcess, timeoutMs: number): Promise<{ text: () => string }> {
  let text = '';
  const output = { text: () => text };
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`not ready within ${timeoutMs} ms; output:\n${text.slice(-4000)}`));
    }, timeoutMs);
    const onData = () => {
      if (!text.includes(READY_LINE)) return;
      cleanup();
      resolve(output);
    };
    const onExitEarly = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`exited (${signal ?? code}) before it was ready; output:\n${text.slice(-4000)}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExitEarly);
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExitEarly);
  });
}

/** Sends SIGINT (or runs `interrupt`), waits for `pids` to end, SIGKILLs what is left after `graceMs`. */
async function stopGently(
  child: ChildProcess,
  pids: number[],
  graceMs: number,
  interrupt: () => void = () => child.kill('SIGINT'),
): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? (child.signalCode as string);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal as string))),
  );
  try {
    interrupt();
  } catch {
    // already gone
  }
  const deadline = Date.now() + graceMs;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(isAlive)) process.kill(pid, 'SIGKILL');
  return exited;
}

/** The platform's influxd runs in its own process group and outlives a SIGKILLed platform: find it by our data dir. */
function killLeftoverInfluxd(dataDir: string): void {
  for (const pid of processesMentioning(dataDir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

function killPlatformSync(child: ChildProcess, dataDir: string): void {
  if (child.pid && isAlive(child.pid)) child.kill('SIGKILL');
  killLeftoverInfluxd(dataDir);
}

function killGroupSync(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is gone
  }
}

// --- PostgreSQL 15 (test/support/postgres.ts, shared with the tests) ---------------------------

export type { Postgres } from '../support/postgres';

/** A throwaway PostgreSQL 15 cluster, stopped by the bench's exit hooks whatever happens. */
export function startPostgres() {
  return startTestPostgres({ onExit, prefix: 'fd-bench' });
}

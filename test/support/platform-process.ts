import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, freePortPair } from './free-port';

const ROOT = path.resolve(__dirname, '../..');
/** Variables that would point the child at external services; removed so it runs embedded. */
const EXTERNAL = [
  'DATABASE_URL',
  'MQTT_URL',
  'INFLUX_URL',
  'MOSQUITTO_AUTH_DIR',
  'MOSQUITTO_PID_FILE',
  'FD_TEST_SERVICES',
];

export interface PlatformProcess {
  /** the app (gateway/main.ts), or with `viaLauncher` the launcher (gateway/bootstrap.cjs) that runs it */
  child: ChildProcess;
  output: () => string;
  readyMs: number;
  /** SIGINT, then the exit code */
  stop(): Promise<number | null>;
}

/**
 * Runs the platform as `npm start` runs it (gateway/main.ts), with the given environment; with
 * `viaLauncher`, through `node gateway/bootstrap.cjs` exactly as `npm start` does.
 */
export async function startPlatformProcess(
  env: Record<string, string>,
  timeoutMs = 90_000,
  options: { viaLauncher?: boolean } = {},
): Promise<PlatformProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const key of EXTERNAL) if (!(key in env)) delete childEnv[key];
  const started = Date.now();
  const args = options.viaLauncher ? ['gateway/bootstrap.cjs'] : ['-r', '@swc-node/register', 'gateway/main.ts'];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      if (output.includes('FacilityDesk is ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    readyMs: Date.now() - started,
    async stop() {
      child.kill('SIGINT');
      return exited;
    },
  };
}

/** Pids of running influxd processes whose command line mentions `dir`. */
export function influxdProcessesUnder(dir: string): number[] {
  return processesMatching((cmdline) => cmdline.includes('influxd') && cmdline.includes(dir));
}

/** Pids of running processes (zombies excluded) whose command line (NULs as spaces) passes `test`. */
export function processesMatching(test: (cmdline: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (test(cmdline)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Private ports and data dir for one `npm start`-like platform process, logging at info. */
export async function instanceEnv(dataDir: string): Promise<Record<string, string>> {
  return {
    PORT: String(await freePort()),
    MQTT_PORT: String(await freePort()),
    INFLUX_PORT: String(await freePortPair()),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  };
}

/** The sum of a metric's samples (every label set) in a /metrics text. */
export function metricValue(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

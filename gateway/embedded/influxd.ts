import { spawn } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { diesWithParent, type ParentDeathMode } from './dies-with-parent';
import { influxdPaths, renderInfluxdConfig, type InfluxdPaths } from './influxd-config';

export interface LocalInfluxdOptions {
  /** `DATA_DIR`; influxd keeps its config, data, log and pid file in `<dataDir>/influxdb` */
  dataDir: string;
  /** HTTP API port on 127.0.0.1 (`INFLUX_PORT`) */
  httpPort: number;
  /** RPC (backup/restore) port on 127.0.0.1; default httpPort + 1 */
  rpcPort?: number;
  /** named in the returned URL only: whoever writes creates it (CREATE DATABASE is idempotent), as with INFLUX_URL */
  database: string;
  log?: (msg: string) => void;
  /** how long to wait for `GET /ping` → 204; default 30 s (a large data dir takes a while to load) */
  startTimeoutMs?: number;
  /** the influxd executable; default `influxd` on PATH */
  binary?: string;
  /** how influxd dies with this process even on SIGKILL (gateway/embedded/dies-with-parent.ts); default auto */
  parentDeath?: ParentDeathMode;
  /** how long stop() waits after SIGTERM before SIGKILL; default 1.5 s (its WAL makes a kill safe) */
  stopGraceMs?: number;
}

export interface LocalInfluxd {
  /** `http://127.0.0.1:PORT/DB`, the same shape as INFLUX_URL */
  url: string;
  pid: number;
  /** SIGTERM, SIGKILL after `stopGraceMs`; idempotent */
  stop(): Promise<void>;
}

const PING_EVERY_MS = 50;
const PING_TIMEOUT_MS = 1000;
const STOP_GRACE_MS = 5000;

/** Starts Debian's influxd (InfluxDB 1.x) as a child process: the embedded default when INFLUX_URL is unset. */
export async function startLocalInfluxd(options: LocalInfluxdOptions): Promise<LocalInfluxd> {
  const { httpPort, database, log = () => {}, startTimeoutMs = 30_000, binary = 'influxd' } = options;
  const stopGraceMs = options.stopGraceMs ?? 1500;
  const rpcPort = options.rpcPort ?? httpPort + 1;
  if (!database) throw new Error('startLocalInfluxd: database must not be empty');
  const paths = influxdPaths(options.dataDir);
  mkdirSync(paths.dir, { recursive: true });

  // A parent that was SIGKILLed could not stop its influxd; it still holds the ports and the data dir.
  await stopStaleInfluxd(paths, log);
  await assertPortFree(
    httpPort,
    `the local influxd's HTTP port: set INFLUX_PORT to a free port (or INFLUX_URL to use a running InfluxDB)`,
  );
  await assertPortFree(
    rpcPort,
    `the local influxd's RPC port (INFLUX_PORT + 1): set INFLUX_PORT so that it and the next port are free`,
  );
  writeFileSync(paths.configFile, renderInfluxdConfig({ paths, httpPort, rpcPort }));

  const logFd = openSync(paths.logFile, 'a');
  const logOffset = fstatSync(logFd).size; // the tail shown on failure is this run's only
  const startedAt = Date.now();
  const launch = diesWithParent(binary, ['run', '-config', paths.configFile], options.parentDeath);
  const child = spawn(launch.command, launch.args, {
    cwd: paths.dir,
    // its own process group: a terminal's Ctrl-C reaches only the platform, which flushes
    // telemetry first and then stops influxd (a stale one after a SIGKILL is reaped at next start)
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd); // the child has its own copy
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(binary);
    throw err;
  }
  const pid = child.pid as number; // setpriv execs influxd: the same pid
  child.on('error', (err) => log(`influxd (pid ${pid}): ${err.message}`));
  writeFileSync(paths.pidFile, `${pid}\n`);
  const release = launch.guard(pid);
  log(`influxd dies with the platform: ${launch.how}`);

  let exitCode: number | string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = signal ?? code;
      resolve();
    }),
  );
  // The parent exiting without stop() (an uncaught error, process.exit) must not orphan influxd.
  const onParentExit = () => {
    if (exitCode === null) child.kill('SIGTERM');
  };
  process.on('exit', onParentExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (exitCode === null) {
        child.kill('SIGTERM');
        if (!(await within(exited, stopGraceMs))) {
          log(`influxd (pid ${pid}) did not stop within ${stopGraceMs} ms; killing it`);
          child.kill('SIGKILL');
          await exited;
        }
      }
      release();
      process.off('exit', onParentExit);
      removePidFile(paths.pidFile, pid);
    })());

  const deadline = startedAt + startTimeoutMs;
  for (;;) {
    if (exitCode !== null) {
      await stop();
      if (exitCode === 127 && launch.mode === 'pdeathsig') throw notFound(binary); // setpriv could not exec it
      throw new Error(
        `influxd exited (${exitCode}) before answering /ping on 127.0.0.1:${httpPort}; ` +
          `${paths.logFile} says:\n${logTail(paths.logFile, logOffset)}`,
      );
    }
    if (await ping(httpPort)) break;
    if (Date.now() >= deadline) {
      await stop();
      throw new Error(
        `influxd did not answer /ping on 127.0.0.1:${httpPort} within ${startTimeoutMs} ms; ` +
          `${paths.logFile} says:\n${logTail(paths.logFile, logOffset)}`,
      );
    }
    await sleep(PING_EVERY_MS);
  }
  log(`influxd ready on 127.0.0.1:${httpPort} (pid ${pid}, ${Date.now() - startedAt} ms)`);
  return { url: `http://127.0.0.1:${httpPort}/${encodeURIComponent(database)}`, pid, stop };
}

function notFound(binary: string): Error {
  return new Error(
    `${binary} was not found on PATH. Install InfluxDB 1.x (Debian/Ubuntu: sudo apt-get install influxdb), ` +
      'or set INFLUX_URL=http://host:8086/dbname to use a running one.',
  );
}

async function stopStaleInfluxd(paths: InfluxdPaths, log: (msg: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
  } catch {
    return; // no pid file: the last run stopped cleanly
  }
  // Only a process that is influxd running *this* config: the pid may have been reused since.
  const cmdline = readCmdline(pid);
  if (Number.isInteger(pid) && pid > 1 && cmdline?.includes('influxd') && cmdline.includes(paths.configFile)) {
    log(`stopping a stale influxd (pid ${pid}) left running by an earlier run`);
    if (!(await signalAndWait(pid, 'SIGTERM', STOP_GRACE_MS))) await signalAndWait(pid, 'SIGKILL', STOP_GRACE_MS);
  }
  rmSync(paths.pidFile, { force: true });
}

function readCmdline(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return null; // gone (or no /proc: then we cannot tell what it is, so it is left alone)
  }
}

/** Not our child, so no 'exit' event: poll /proc. A zombie counts as gone (a container's PID 1 may never reap it). */
async function signalAndWait(pid: number, signal: NodeJS.Signals, waitMs: number): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch {
    return true; // ESRCH: already gone
  }
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await sleep(PING_EVERY_MS);
  }
  return !isRunning(pid);
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'is already in use' : `cannot be bound (${err.code ?? err.message})`;
      reject(new Error(`port ${port} on 127.0.0.1 ${why}; it is ${what}`));
    });
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve()));
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/ping', agent: false, timeout: PING_TIMEOUT_MS }, (res) => {
      res.resume();
      resolve(res.statusCode === 204);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
  });
}

function logTail(file: string, fromOffset: number, maxLines = 30): string {
  try {
    const lines = readFileSync(file).subarray(fromOffset).toString('utf8').trimEnd().split('\n');
    return lines.slice(-maxLines).join('\n') || '(empty)';
  } catch {
    return '(no log)';
  }
}

function removePidFile(pidFile: string, pid: number): void {
  try {
    if (readFileSync(pidFile, 'utf8').trim() === String(pid)) rmSync(pidFile, { force: true });
  } catch {
    // already gone
  }
}

function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([promise.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

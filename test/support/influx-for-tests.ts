import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A REAL InfluxDB 1.x for integration tests (STACK.md "InfluxDB 1.6.7").
 *
 * - Default: our own `influxd` child on free loopback ports, data in a tmp dir, removed on `cleanup()`.
 * - `TEST_INFLUX_URL=http://host:port` (CI with Debian's influxdb service): that server, with a fresh
 *   database name per call, dropped on `cleanup()`.
 *
 * `outage()` / `recover()` make the server unreachable and bring it back. With the child this is real
 * (SIGTERM, then `influxd run` again on the same dirs and ports). An external server cannot be stopped
 * from here, so there the client talks through a loopback TCP proxy that closes and re-opens: the
 * faked part is only the network, the server is still real.
 */
export interface InfluxForTests {
  /** `http://127.0.0.1:port/dbname`, the form `connectInflux` takes */
  url: string;
  database: string;
  /** true when the server is our child process (outage is a real stop) */
  child: boolean;
  outage(): Promise<void>;
  recover(): Promise<void>;
  cleanup(): Promise<void>;
}

const INFLUXD = process.env.TEST_INFLUXD_BIN || '/usr/bin/influxd';
const START_TIMEOUT_MS = 20_000;

export async function startInfluxForTests(prefix = 'fd_test'): Promise<InfluxForTests> {
  const database = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const external = process.env.TEST_INFLUX_URL;
  return external ? externalServer(external, database) : childServer(database);
}

async function childServer(database: string): Promise<InfluxForTests> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-influx-'));
  const httpPort = await freePort();
  const rpcPort = await freePort();
  const configFile = path.join(dir, 'influxdb.conf');
  writeFileSync(configFile, influxConfig(dir, httpPort, rpcPort));
  const logFile = path.join(dir, 'influxd.log');
  let proc: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    const fd = openSync(logFile, 'a');
    proc = spawn(INFLUXD, ['run', '-config', configFile], { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const exited = new Promise<never>((_, reject) =>
      proc?.once('exit', (code) => reject(new Error(`influxd exited (${code}) while starting:\n${tail(logFile)}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([waitForPing(httpPort, START_TIMEOUT_MS), exited]);
  };
  const stop = async (): Promise<void> => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => p.once('exit', () => resolve()));
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };

  await start();
  return {
    url: `http://127.0.0.1:${httpPort}/${database}`,
    database,
    child: true,
    outage: stop,
    recover: start,
    cleanup: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function externalServer(rawUrl: string, database: string): Promise<InfluxForTests> {
  const target = new URL(rawUrl);
  const proxy = await tcpProxy(target.hostname, Number(target.port || 8086));
  const auth = target.username ? `${target.username}:${target.password}@` : '';
  return {
    url: `${target.protocol}//${auth}127.0.0.1:${proxy.port}/${database}`,
    database,
    child: false,
    outage: proxy.close,
    recover: proxy.open,
    cleanup: async () => {
      await proxy.close();
      await influxQuery(target, `DROP DATABASE "${database}"`).catch(() => undefined);
    },
  };
}

function influxConfig(dir: string, httpPort: number, rpcPort: number): string {
  return [
    'reporting-disabled = true',
    `bind-address = "127.0.0.1:${rpcPort}"`,
    '[meta]',
    `  dir = "${path.join(dir, 'meta')}"`,
    '[data]',
    `  dir = "${path.join(dir, 'data')}"`,
    `  wal-dir = "${path.join(dir, 'wal')}"`,
    '  query-log-enabled = false',
    '[http]',
    `  bind-address = "127.0.0.1:${httpPort}"`,
    '  log-enabled = false',
    '[monitor]',
    '  store-enabled = false',
    '[continuous_queries]',
    '  enabled = false',
    '',
  ].join('\n');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await pingStatus(port)) === 204) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`influxd did not answer /ping on port ${port} within ${timeoutMs} ms`);
}

function pingStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

function influxQuery(target: URL, q: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams({ q }).toString();
    const req = http.request(
      {
        host: target.hostname,
        port: Number(target.port || 8086),
        path: '/query',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        auth: target.username
          ? `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`
          : undefined,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A loopback TCP proxy that can refuse connections (close) and accept them again (open). */
async function tcpProxy(host: string, port: number) {
  const listenPort = await freePort();
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const open = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const srv = net.createServer((client) => {
        const upstream = net.connect(port, host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      srv.once('error', reject);
      srv.listen(listenPort, '127.0.0.1', () => resolve());
      server = srv;
    });
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      const srv = server;
      server = null;
      for (const s of sockets) s.destroy();
      if (!srv) return resolve();
      srv.close(() => resolve());
    });
  await open();
  return { port: listenPort, open, close };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

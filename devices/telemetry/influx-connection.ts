import { InfluxDB, type IPoolOptions } from 'influx';

export interface InfluxConnectOptions {
  /** how long to keep pinging a server that is still starting (embedded influxd, CI service) */
  waitMs?: number;
  /** pause between two pings while waiting */
  pingIntervalMs?: number;
  /** HTTP timeout of every request (writes and queries) */
  requestTimeoutMs?: number;
}

const DEFAULTS = { waitMs: 15_000, pingIntervalMs: 200, requestTimeoutMs: 10_000 } as const;

/**
 * The pool must never take the host out of rotation nor retry on its own: the library's default
 * disables a host for up to 10 s after one refused connection, and retries writes twice. The
 * TelemetryStore owns retry and backoff (it spools in order), and a query during an outage should
 * fail at once rather than wait for the pool's timer. A delay of 0 keeps the host enabled.
 */
const NEVER_DISABLE_HOST: NonNullable<IPoolOptions['backoff']> = {
  getDelay: () => 0,
  next() {
    return this;
  },
  reset() {
    return this;
  },
};

/**
 * Connects to InfluxDB 1.x given `http://[user:pass@]host:port/dbname` (Config.influxUrl), waits for
 * `/ping` for up to `waitMs`, and creates the database when it is missing.
 */
export async function connectInflux(url: string, options: InfluxConnectOptions = {}): Promise<InfluxDB> {
  const { waitMs, pingIntervalMs, requestTimeoutMs } = { ...DEFAULTS, ...options };
  const parsed = parseInfluxUrl(url);
  const influx = new InfluxDB({
    host: parsed.host,
    port: parsed.port,
    protocol: parsed.protocol,
    database: parsed.database,
    username: parsed.username,
    password: parsed.password,
    pool: { maxRetries: 0, requestTimeout: requestTimeoutMs, backoff: NEVER_DISABLE_HOST },
  });

  const deadline = Date.now() + waitMs;
  while (!(await influxPing(influx, Math.min(1000, Math.max(100, waitMs))))) {
    if (Date.now() >= deadline) {
      throw new Error(`InfluxDB at ${parsed.display} did not answer /ping within ${waitMs} ms`);
    }
    await new Promise((r) => setTimeout(r, pingIntervalMs));
  }

  // SHOW DATABASES first: a non-admin user may not run CREATE DATABASE but may use an existing one.
  const names = await influx.getDatabaseNames();
  if (!names.includes(parsed.database)) await influx.createDatabase(parsed.database);
  return influx;
}

/** For /readyz: true when the server answers `/ping` (204) within `timeoutMs`. Never throws. */
export async function influxPing(influx: InfluxDB, timeoutMs = 1000): Promise<boolean> {
  try {
    const hosts = await influx.ping(timeoutMs);
    return hosts.some((h) => h.online);
  } catch {
    return false;
  }
}

export interface ParsedInfluxUrl {
  protocol: 'http' | 'https';
  host: string;
  port: number;
  database: string;
  username?: string;
  password?: string;
  /** the URL without credentials, for messages and logs */
  display: string;
}

export function parseInfluxUrl(url: string): ParsedInfluxUrl {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('INFLUX_URL must look like http://host:8086/dbname');
  }
  const protocol = u.protocol === 'https:' ? 'https' : u.protocol === 'http:' ? 'http' : null;
  const database = decodeURIComponent(u.pathname.replace(/^\/+|\/+$/g, ''));
  if (!protocol || !u.hostname || !database || database.includes('/')) {
    throw new Error(`INFLUX_URL must look like http://host:8086/dbname, got ${u.protocol}//${u.host}${u.pathname}`);
  }
  const port = u.port ? Number(u.port) : 8086;
  return {
    protocol,
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    database,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.username ? decodeURIComponent(u.password) : undefined,
    display: `${protocol}://${u.hostname}:${port}/${database}`,
  };
}

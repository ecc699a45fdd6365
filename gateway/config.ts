import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The platform's configuration. This is the only file that reads `process.env`
 * (variables of the runtime contract, README "Configuration"; extras are marked).
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  production: boolean;
  /** NODE_ENV=development: error responses carry stack traces (never otherwise) */
  development: boolean;
  /** PostgreSQL URL; null → embedded PGlite in `dataDir/pg` */
  databaseUrl: string | null;
  /** extra: connections in the pool for DATABASE_URL (1 for a PGlite server; embedded is always 1) */
  databasePoolMax: number;
  /** extra: REQUEST_STATEMENT_TIMEOUT_MS, PostgreSQL's statement_timeout for API request work (not the alert path) */
  requestStatementTimeoutMs: number;
  /** extra: API_CONCURRENCY_PER_CALLER, GraphQL operations one caller may run at once (more wait in a short queue) */
  apiConcurrencyPerCaller: number;
  /** extra: API_CONCURRENCY_TOTAL, GraphQL operations running at once for everyone (the rest wait, callers in turn) */
  apiConcurrencyTotal: number;
  /** external MQTT broker URL (may carry the ingest user's credentials); null → embedded aedes */
  mqttUrl: string | null;
  mqttPort: number;
  /** InfluxDB 1.x `http://host:8086/dbname`; null → a local influxd in `dataDir/influxdb` */
  influxUrl: string | null;
  influxPort: number;
  simulator: boolean;
  /** DEMO: seed the demo estate and demo accounts on an empty database; never in production */
  demo: boolean;
  /**
   * DEMO_HISTORY: with DEMO, also a year of the centre: calls, requests, work orders, callbacks,
   * incidents, announcements and handovers (default: DEMO)
   */
  demoHistory: boolean;
  demoPassword: string;
  /** ADMIN_PASSWORD: with NODE_ENV=production and no staff yet, creates `admin` (MANAGER) with it */
  adminPassword: string | null;
  jwtSecret: string;
  /** derives the demo devices' passwords, so the simulator can sign in as them; kept in DATA_DIR */
  simulatorSecret: string;
  /** extra: where to write mosquitto's password and ACL files (external mosquitto only) */
  mosquittoAuthDir: string | null;
  /** extra: mosquitto's pid file; it is sent SIGHUP after the files change */
  mosquittoPidFile: string | null;
  /** extra: MQTT client id of the ingest session (durable, QoS 1) */
  ingestClientId: string;
  /** extra: log level: 'debug' | 'info' | 'warn' | 'error' */
  logLevel: string;
  /** extra: seconds an `offline` status must last before DEVICE_OFFLINE is raised (a reconnect is not an outage) */
  deviceOfflineDelayS: number;
  /** extra: the telemetry spool's disk part, `DATA_DIR/telemetry-spool` (one process per directory) */
  telemetrySpoolDir: string;
  /** extra: TELEMETRY_SPOOL_MEMORY_POINTS, points kept in memory before the oldest go to disk */
  telemetrySpoolMemoryPoints: number;
  /** extra: TELEMETRY_SPOOL_MAX_MB in bytes, the disk spool's bound; past it the oldest points are dropped */
  telemetrySpoolMaxBytes: number;
  /** extra: DEVICE_MESSAGES_PER_S, each device's sustained message rate; ingest drops and counts what is over */
  deviceMessagesPerS: number;
  /** extra: DEVICE_MESSAGE_BURST, messages a device may send at once (a backlog after a reconnect) */
  deviceMessageBurst: number;
  /** extra: SLA_ESCALATION_INTERVAL_S, how often work orders past a deadline are escalated (0: never) */
  slaEscalationIntervalS: number;
  /** extra: CALLBACK_DELAY_DAYS, estate calendar days after a resolve or an incident's end a callback is due (default 1) */
  callbackDelayDays: number;
  /** extra: CALLBACK_HOUR, the Asia/Shanghai hour (0-23) callbacks fall due at (default 10) */
  callbackHour: number;
  /** extra: CALLBACK_RETRY_H, hours after a failed callback attempt until the next one is due (default 4) */
  callbackRetryH: number;
  /** extra: CALLBACK_SAMPLE_PER_SITE, long-standing residents drawn per site and month for a PERIODIC callback (default 20) */
  callbackSamplePerSite: number;
  /** extra: CALLBACK_SAMPLE_INTERVAL_S, how often the monthly sample checks whether its month is drawn (0: never; default 3600) */
  callbackSampleIntervalS: number;
  /**
   * extra: INCIDENT_EVIDENCE_STABLE_MIN, how long a plan's evidence metric must be back in range
   * before the work order of an alert-opened incident may be verified, when the plan names none
   */
  incidentEvidenceStableMin: number;
  /** extra: INCIDENT_ACTIVATION_INTERVAL_S, how often planned incidents whose start has come turn ACTIVE (0: never) */
  incidentActivationIntervalS: number;
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || '.data');
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  const mqttUrl = nonEmpty(env.MQTT_URL);
  const influxUrl = nonEmpty(env.INFLUX_URL);
  const embedded = !databaseUrl && !mqttUrl && !influxUrl;
  const production = env.NODE_ENV === 'production';
  const demo = flag(env.DEMO, !databaseUrl && !production, 'DEMO');
  if (demo && production)
    throw new Error('DEMO=on is refused with NODE_ENV=production: demo accounts have a published password');
  return {
    port: int(env.PORT, 4000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    dataDir,
    production,
    development: env.NODE_ENV === 'development',
    databaseUrl,
    databasePoolMax: databaseUrl ? positive(env.DATABASE_POOL_MAX, 10, 'DATABASE_POOL_MAX') : 1,
    requestStatementTimeoutMs: positive(env.REQUEST_STATEMENT_TIMEOUT_MS, 5000, 'REQUEST_STATEMENT_TIMEOUT_MS'),
    apiConcurrencyPerCaller: positive(env.API_CONCURRENCY_PER_CALLER, 2, 'API_CONCURRENCY_PER_CALLER'),
    apiConcurrencyTotal: positive(env.API_CONCURRENCY_TOTAL, 4, 'API_CONCURRENCY_TOTAL'),
    mqttUrl,
    mqttPort: int(env.MQTT_PORT, 1883, 'MQTT_PORT'),
    influxUrl,
    influxPort: int(env.INFLUX_PORT, 8086, 'INFLUX_PORT'),
    simulator: flag(env.SIMULATOR, embedded, 'SIMULATOR'),
    demo,
    demoHistory: demo && flag(env.DEMO_HISTORY, true, 'DEMO_HISTORY'),
    demoPassword: env.DEMO_PASSWORD || 'facilitydesk',
    adminPassword: nonEmpty(env.ADMIN_PASSWORD),
    jwtSecret: nonEmpty(env.JWT_SECRET) ?? persistedSecret(dataDir, 'jwt-secret'),
    simulatorSecret: persistedSecret(dataDir, 'simulator-secret'),
    mosquittoAuthDir: nonEmpty(env.MOSQUITTO_AUTH_DIR),
    mosquittoPidFile: nonEmpty(env.MOSQUITTO_PID_FILE),
    ingestClientId: env.INGEST_CLIENT_ID || 'fd-ingest',
    logLevel: env.LOG_LEVEL || 'info',
    deviceOfflineDelayS: seconds(env.DEVICE_OFFLINE_DELAY_S, 30, 'DEVICE_OFFLINE_DELAY_S'),
    telemetrySpoolDir: path.join(dataDir, 'telemetry-spool'),
    telemetrySpoolMemoryPoints: positive(env.TELEMETRY_SPOOL_MEMORY_POINTS, 100_000, 'TELEMETRY_SPOOL_MEMORY_POINTS'),
    telemetrySpoolMaxBytes: positive(env.TELEMETRY_SPOOL_MAX_MB, 1024, 'TELEMETRY_SPOOL_MAX_MB') * 1024 * 1024,
    deviceMessagesPerS: positive(env.DEVICE_MESSAGES_PER_S, 10, 'DEVICE_MESSAGES_PER_S'),
    deviceMessageBurst: positive(env.DEVICE_MESSAGE_BURST, 200, 'DEVICE_MESSAGE_BURST'),
    slaEscalationIntervalS: seconds(env.SLA_ESCALATION_INTERVAL_S, 15, 'SLA_ESCALATION_INTERVAL_S'),
    callbackDelayDays: int(env.CALLBACK_DELAY_DAYS, 1, 'CALLBACK_DELAY_DAYS'),
    callbackHour: hour(env.CALLBACK_HOUR, 10, 'CALLBACK_HOUR'),
    callbackRetryH: positive(env.CALLBACK_RETRY_H, 4, 'CALLBACK_RETRY_H'),
    callbackSamplePerSite: positive(env.CALLBACK_SAMPLE_PER_SITE, 20, 'CALLBACK_SAMPLE_PER_SITE'),
    callbackSampleIntervalS: seconds(env.CALLBACK_SAMPLE_INTERVAL_S, 3600, 'CALLBACK_SAMPLE_INTERVAL_S'),
    incidentEvidenceStableMin: positive(env.INCIDENT_EVIDENCE_STABLE_MIN, 10, 'INCIDENT_EVIDENCE_STABLE_MIN'),
    incidentActivationIntervalS: seconds(env.INCIDENT_ACTIVATION_INTERVAL_S, 15, 'INCIDENT_ACTIVATION_INTERVAL_S'),
  };
}

function seconds(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 86_400) throw new Error(`${name} must be seconds (0-86400), got "${value}"`);
  return n;
}

function hour(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 23) throw new Error(`${name} must be an hour (0-23), got "${value}"`);
  return n;
}

function nonEmpty(value: string | undefined): string | null {
  return value && value.trim() !== '' ? value.trim() : null;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name} must be a port number (0-65535), got "${value}"`);
  return n;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${value}"`);
  return n;
}

function flag(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['off', 'false', '0', 'no'].includes(value.toLowerCase())) return false;
  throw new Error(`${name} must be on or off, got "${value}"`);
}

/** JWT_SECRET unset: generated once into DATA_DIR (runtime contract) so tokens survive restarts. */
function persistedSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/**
 * Loads graphql-js in its production mode whatever NODE_ENV says. Outside production it
 * checks every internal `instanceof` for a second copy of the library loaded from another
 * path — 39 % of the CPU of the desk's overview query when profiled — and it decides this
 * once, when first loaded. The platform has exactly one pinned copy (package-lock.json),
 * so the check buys nothing. Must run before anything imports graphql (gateway/preload.ts).
 */
export function loadGraphqlInProductionMode(): void {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    // a synchronous load at exactly this moment is the point
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('graphql');
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

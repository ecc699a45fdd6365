/**
 * The real services the integration tests run against, shared by every test file:
 * - PostgreSQL: `DATABASE_URL` (CI: PostgreSQL 15) or an embedded PGlite server started here;
 * - InfluxDB: `INFLUX_URL` (CI: Debian's influxd) or a local influxd child started here;
 * - MQTT: `MQTT_URL` (CI: mosquitto, with MOSQUITTO_AUTH_DIR/PID_FILE) or each test
 *   platform's own embedded aedes broker.
 * Nothing is faked: the tests talk to these over their real protocols.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../gateway/config';
import { startEmbeddedPostgres } from '../../gateway/embedded/pglite';
import { startLocalInfluxd } from '../../gateway/embedded/influxd';
import { freePort } from './free-port';

export interface TestServices {
  databaseUrl: string;
  databasePoolMax: number;
  /** base URL without a database: each test platform gets its own database name */
  influxBaseUrl: string;
  mqttUrl: string | null;
  mosquittoAuthDir: string | null;
  mosquittoPidFile: string | null;
  stop(): Promise<void>;
}

const ENV_KEY = 'FD_TEST_SERVICES';

export async function startTestServices(): Promise<TestServices> {
  const config = loadConfig();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-test-services-'));
  const pg = config.databaseUrl ? null : await startEmbeddedPostgres(dir);
  const influxd = config.influxUrl
    ? null
    : await startLocalInfluxd({
        dataDir: dir,
        httpPort: await freePort(),
        rpcPort: await freePort(),
        database: 'fd_test',
      });
  const influxUrl = new URL(config.influxUrl ?? influxd!.url);
  influxUrl.pathname = '/';
  return {
    databaseUrl: config.databaseUrl ?? pg!.url,
    databasePoolMax: pg ? 1 : config.databasePoolMax,
    influxBaseUrl: influxUrl.toString().replace(/\/$/, ''),
    mqttUrl: config.mqttUrl,
    mosquittoAuthDir: config.mosquittoAuthDir,
    mosquittoPidFile: config.mosquittoPidFile,
    async stop() {
      await influxd?.stop();
      await pg?.stop();
    },
  };
}

/** The global setup publishes the services through the environment to the test files. */
export function publishServices(services: TestServices): void {
  const { stop: _stop, ...plain } = services;
  process.env[ENV_KEY] = JSON.stringify(plain);
}

export function testServices(): Omit<TestServices, 'stop'> {
  const raw = process.env[ENV_KEY];
  if (!raw) throw new Error('test services are not running: run the tests with `npm test` (jest globalSetup)');
  return JSON.parse(raw) as Omit<TestServices, 'stop'>;
}

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig, type Config } from '../../gateway/config';
import { createLogger } from '../../devices/log';
import { startPlatform, type Platform, type PlatformOverrides } from '../../gateway/platform';
import { testServices } from './services';

export interface TestPlatform extends Platform {
  config: Config;
  /** sign in as a seeded demo account; returns the token */
  login(username?: string): Promise<string>;
  /** wait until every fault event so far is in PostgreSQL and every outbox event published */
  settle(): Promise<void>;
}

let instance = 0;

/**
 * The whole platform, in this process, on the shared real services: a fresh PostgreSQL
 * schema (dropped and migrated again), a fresh InfluxDB database, its own broker port
 * (or the CI mosquitto), free HTTP port, simulator off unless asked.
 */
export async function startTestPlatform(
  env: Record<string, string> = {},
  options: { resetDatabase?: boolean; overrides?: PlatformOverrides } = {},
): Promise<TestPlatform> {
  const services = testServices();
  // a second instance on the same database keeps what the first one made
  if (options.resetDatabase !== false) await resetDatabase(env.DATABASE_URL ?? services.databaseUrl);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-test-platform-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    MQTT_PORT: '0',
    DATABASE_URL: services.databaseUrl,
    DATABASE_POOL_MAX: String(services.databasePoolMax),
    INFLUX_URL: `${services.influxBaseUrl}/fd_test_${process.pid}_${++instance}_${Date.now().toString(36)}`,
    ...(services.mqttUrl ? { MQTT_URL: services.mqttUrl } : {}),
    ...(services.mosquittoAuthDir ? { MOSQUITTO_AUTH_DIR: services.mosquittoAuthDir } : {}),
    ...(services.mosquittoPidFile ? { MOSQUITTO_PID_FILE: services.mosquittoPidFile } : {}),
    INGEST_CLIENT_ID: `fd-ingest-test-${process.pid}-${instance}`,
    SIMULATOR: 'off',
    // the tests sign in as the demo accounts; DEMO is off by default with DATABASE_URL
    DEMO: 'on',
    LOG_LEVEL: 'error',
    // the SLA escalation job runs when a test calls runOnce with its own clock: its timer would
    // otherwise add statements to the requests the tests count
    SLA_ESCALATION_INTERVAL_S: '0',
    // the monthly callback sample likewise (tests call its runOnce with their own clock)
    CALLBACK_SAMPLE_INTERVAL_S: '0',
    // and the activation of planned incidents (reads activate what is due; tests call runOnce)
    INCIDENT_ACTIVATION_INTERVAL_S: '0',
    // the demo accounts and archive, without the demo week of calls and work orders the tests would count
    DEMO_HISTORY: 'off',
    ...env,
  });
  const platform = await startPlatform(config, createLogger(config.logLevel), options.overrides);
  return {
    ...platform,
    config,
    async login(username = 'supervisor') {
      const response = await fetch(platform.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
          variables: { u: username, p: config.demoPassword },
        }),
      });
      const body = (await response.json()) as { data?: { login: { token: string } } };
      if (!body.data) throw new Error(`login as ${username} failed: ${JSON.stringify(body)}`);
      return body.data.login.token;
    },
    async settle() {
      await platform.monitoring.store.flush();
      await platform.monitoring.sink.drain();
      await platform.services.relay.idle();
    },
    async stop() {
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Drops and recreates the public schema, so each test file starts from an empty database. */
async function resetDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop schema if exists public cascade');
    await client.query('create schema public');
  } finally {
    await client.end();
  }
}

import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../gateway/config';

/**
 * Pure: the configuration contract of README "Configuration" (real temp dir for the secrets).
 * Faked: the environment (an object handed to loadConfig, never process.env).
 */
describe('loadConfig', () => {
  const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'fd-config-'));

  it('has the runtime contract defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: null,
      mqttUrl: null,
      mqttPort: 1883,
      influxUrl: null,
      influxPort: 8086,
      simulator: true,
      demoPassword: 'facilitydesk',
      production: false,
      databasePoolMax: 1,
    });
  });

  it('turns the simulator off by default when any real service is configured', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://x/y' }).simulator).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), MQTT_URL: 'mqtt://h:1883', SIMULATOR: 'on' }).simulator).toBe(true);
  });

  it('generates JWT_SECRET once into DATA_DIR and reuses it', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first);
    expect(readFileSync(path.join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(path.join(dir, 'jwt-secret')).mode & 0o077).toBe(0);
    expect(loadConfig({ DATA_DIR: dir, JWT_SECRET: 'given' }).jwtSecret).toBe('given');
  });

  it('puts the telemetry spool under DATA_DIR, bounded by TELEMETRY_SPOOL_MAX_MB and _MEMORY_POINTS', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir })).toMatchObject({
      telemetrySpoolDir: path.join(dir, 'telemetry-spool'),
      telemetrySpoolMemoryPoints: 100_000,
      telemetrySpoolMaxBytes: 1024 * 1024 * 1024,
    });
    const set = loadConfig({ DATA_DIR: dir, TELEMETRY_SPOOL_MAX_MB: '64', TELEMETRY_SPOOL_MEMORY_POINTS: '50000' });
    expect(set).toMatchObject({ telemetrySpoolMaxBytes: 64 * 1024 * 1024, telemetrySpoolMemoryPoints: 50_000 });
    expect(() => loadConfig({ DATA_DIR: dir, TELEMETRY_SPOOL_MAX_MB: '0' })).toThrow(/TELEMETRY_SPOOL_MAX_MB/);
  });

  it('refuses malformed values with a message naming the variable', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), PORT: 'eighty' })).toThrow(/PORT must be a port number/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), MQTT_PORT: '70000' })).toThrow(/MQTT_PORT/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), SIMULATOR: 'maybe' })).toThrow(/SIMULATOR must be on or off/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://x/y', DATABASE_POOL_MAX: '0' })).toThrow(
      /DATABASE_POOL_MAX/,
    );
  });

  it('DEMO: on with embedded PGlite, off with DATABASE_URL, never in production; ADMIN_PASSWORD read as given', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).demo).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://x/y' }).demo).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://x/y', DEMO: 'on' }).demo).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production' }).demo).toBe(false);
    expect(() => loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', DEMO: 'on' })).toThrow(/DEMO=on is refused/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), DEMO: 'perhaps' })).toThrow(/DEMO must be on or off/);
    expect(loadConfig({ DATA_DIR: dataDir() }).adminPassword).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir(), ADMIN_PASSWORD: 'correct horse' }).adminPassword).toBe('correct horse');
  });

  it('NODE_ENV=production marks production', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production' }).production).toBe(true);
  });
});

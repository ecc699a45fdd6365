/**
 * A fault in one part never takes down the rest: with InfluxDB stopped, /readyz says which
 * part is down, alerts and work orders still open, and the telemetry written meanwhile
 * arrives once InfluxDB is back. Real: a dedicated influxd child (so it can be stopped),
 * PostgreSQL, the broker, a device over MQTT. Faked: nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalInfluxd, type LocalInfluxd } from '../../gateway/embedded/influxd';
import { countPoints } from '../../devices/telemetry/telemetry-query';
import { buildDevice } from '../factories/device.factory';
import { connectDevice, waitFor } from '../support/device-client';
import { freePort } from '../support/free-port';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('InfluxDB outage', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-outage-'));
  let influxd: LocalInfluxd;
  let platform: TestPlatform;
  let ports: { httpPort: number; rpcPort: number };

  beforeAll(async () => {
    ports = { httpPort: await freePort(), rpcPort: await freePort() };
    influxd = await startLocalInfluxd({ dataDir: dir, ...ports, database: 'outage' });
    platform = await startTestPlatform({ INFLUX_URL: influxd.url });
  });
  afterAll(async () => {
    await platform?.stop();
    await influxd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports influxdb down, keeps raising alerts, and delivers the spooled telemetry afterwards', async () => {
    const ready = await fetch(`${platform.url}/readyz`);
    expect(ready.status).toBe(200);

    const token = await platform.login('supervisor');
    const device = await buildDevice(platform.graphqlUrl, token);
    const sensor = await connectDevice(platform.mqttUrl, device.deviceId, device.password);
    await influxd.stop();

    const down = await fetch(`${platform.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      down: ['influxdb'],
      checks: { postgres: 'up', mqtt: 'up', influxdb: 'down' },
    });

    await sensor.publishAsync(device.telemetryTopic, JSON.stringify({ ts: Date.now() - 1000, values: { leak: 1 } }), {
      qos: 1,
    });
    await waitFor('the leak alert while InfluxDB is down', async () => {
      const rows = await platform.orm.em
        .fork()
        .getConnection()
        .execute("select count(*)::int as n from alert where fault_code = 'WATER_LEAK'");
      return rows[0].n === 1;
    });

    influxd = await startLocalInfluxd({ dataDir: dir, ...ports, database: 'outage' });
    await waitFor(
      'the spooled point',
      async () => (await countPoints(platform.influx, device.equipmentId).catch(() => 0)) === 1,
      20_000,
    );
    expect((await fetch(`${platform.url}/readyz`)).status).toBe(200);
    await sensor.endAsync();
  });
});

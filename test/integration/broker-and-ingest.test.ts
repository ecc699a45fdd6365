/**
 * The broker's door and ingest's robustness. Real: the broker (aedes, or mosquitto in CI),
 * PostgreSQL, InfluxDB; devices are real mqtt.js clients with their own credentials.
 */
import type { MqttClient } from 'mqtt';
import { countPoints, queryTelemetry } from '../../devices/telemetry/telemetry-query';
import { buildDevice, type ProvisionedTestDevice } from '../factories/device.factory';
import { connectDevice, expectRefused, waitFor } from '../support/device-client';
import { testServices } from '../support/services';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const usesEmbeddedBroker = () => testServices().mqttUrl === null;

describe('broker access and ingest robustness', () => {
  let platform: TestPlatform;
  let a: ProvisionedTestDevice;
  let b: ProvisionedTestDevice;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({ DEVICE_OFFLINE_DELAY_S: '1' }); // the Last Will test waits it out
    const token = await platform.login('supervisor');
    a = await buildDevice(platform.graphqlUrl, token);
    b = await buildDevice(platform.graphqlUrl, token);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
    await platform?.stop();
  });

  const connect = async (device: ProvisionedTestDevice) => {
    const client = await connectDevice(platform.mqttUrl, device.deviceId, device.password);
    clients.push(client);
    return client;
  };
  const metrics = async () => (await fetch(`${platform.url}/metrics`)).text();

  it('refuses a wrong password and an unknown device', async () => {
    expect(await expectRefused(platform.mqttUrl, a.deviceId, 'wrong')).toMatch(
      /not authorized|bad user ?name or password/i,
    );
    expect(await expectRefused(platform.mqttUrl, 'ghost-device', a.password)).toMatch(
      /not authorized|bad user ?name or password/i,
    );
  });

  // mosquitto cannot refuse this; README has it run with `use_username_as_clientid true` instead
  (usesEmbeddedBroker() ? it : it.skip)(
    'the embedded broker refuses a client id that is not the username',
    async () => {
      const mqtt = await import('mqtt');
      await expect(
        mqtt.connectAsync(platform.mqttUrl, {
          clientId: 'someone-else',
          username: a.deviceId,
          password: a.password,
          reconnectPeriod: 0,
        }),
      ).rejects.toThrow(/not authorized|bad user ?name or password|identifier rejected/i);
    },
  );

  it("does not store what a device publishes to another device's topic", async () => {
    const sensorA = await connect(a);
    // QoS 0: the embedded broker closes the connection of a device that oversteps; mosquitto drops it
    sensorA.publish(b.telemetryTopic, JSON.stringify({ ts: Date.now() - 5000, values: { pressure_kpa: 1 } }), {
      qos: 0,
    });
    const sensorB = await connect(b);
    await sensorB.publishAsync(b.telemetryTopic, JSON.stringify({ ts: Date.now(), values: { pressure_kpa: 2 } }), {
      qos: 1,
    });
    await waitFor("b's own point", async () => (await countPoints(platform.influx, b.equipmentId)) >= 1);
    await platform.settle();
    const points = await queryTelemetry(platform.influx, {
      equipmentId: b.equipmentId,
      metric: 'pressure_kpa',
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 60_000),
    });
    expect(points.map((p) => p.value)).toEqual([2]);
  });

  it('counts and drops messages that break the contract, per device and reason, and carries on', async () => {
    const sensor = await connect(b);
    const bad = [
      ['not json', 'bad_json'],
      [JSON.stringify({ values: {} }), 'empty_values'],
      [JSON.stringify({ ts: Date.now() + 10 * 60_000, values: { pressure_kpa: 300 } }), 'future_ts'],
      [JSON.stringify({ values: { pressure_kpa: 'high' } }), 'bad_value'],
      [JSON.stringify([{ values: { pressure_kpa: 1 } }, 42]), 'bad_shape'],
    ] as const;
    for (const [payload] of bad) await sensor.publishAsync(b.telemetryTopic, payload, { qos: 1 });
    await sensor.publishAsync(b.statusTopic, 'sleeping', { qos: 1 });
    const before = await countPoints(platform.influx, b.equipmentId);
    await sensor.publishAsync(b.telemetryTopic, JSON.stringify({ values: { pressure_kpa: 301 } }), { qos: 1 });
    await waitFor(
      'the valid point after the bad ones',
      async () => (await countPoints(platform.influx, b.equipmentId)) === before + 1,
    );
    const text = await metrics();
    for (const [, reason] of bad) {
      expect(text).toContain(`fd_ingest_rejected_total{reason="${reason}",device="${b.deviceId}"} 1`);
    }
    expect(text).toContain(`fd_ingest_rejected_total{reason="bad_status",device="${b.deviceId}"} 1`);
    const [{ count }] = await platform.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as count from alert');
    expect(count).toBe(0);
  });

  it('raises DEVICE_OFFLINE from the retained Last Will, and clears it when the device is back', async () => {
    const mqtt = await import('mqtt');
    const c = await buildDevice(platform.graphqlUrl, await platform.login('supervisor'));
    const device = await mqtt.connectAsync(platform.mqttUrl, {
      clientId: c.deviceId,
      username: c.deviceId,
      password: c.password,
      reconnectPeriod: 0,
      will: { topic: c.statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    await device.publishAsync(c.statusTopic, 'online', { qos: 1, retain: true });
    device.stream.destroy(); // an unclean loss of the connection: the broker publishes the Will
    await waitFor(
      'DEVICE_OFFLINE alert',
      async () => {
        const rows = await platform.orm.em
          .fork()
          .getConnection()
          .execute<Array<{ status: string }>>(
            "select status from alert a join equipment e on e.id = a.equipment_id where a.fault_code = 'DEVICE_OFFLINE' and e.id = ?",
            [c.equipmentId],
          );
        return rows.length === 1 && rows[0].status === 'ACTIVE_UNACK';
      },
      15_000,
    );
    const back = await connectDevice(platform.mqttUrl, c.deviceId, c.password);
    clients.push(back);
    await back.publishAsync(c.statusTopic, 'online', { qos: 1, retain: true });
    await waitFor('DEVICE_OFFLINE cleared', async () => {
      const rows = await platform.orm.em
        .fork()
        .getConnection()
        .execute<Array<{ cleared_at: Date | null }>>(
          "select cleared_at from alert where fault_code = 'DEVICE_OFFLINE' and equipment_id = ?",
          [c.equipmentId],
        );
      return rows.length === 1 && rows[0].cleared_at !== null;
    });
  });
});

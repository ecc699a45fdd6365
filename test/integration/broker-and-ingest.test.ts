/**
 * The broker's door and ingest's robustness. Real: the broker (aedes, or mosquitto in CI),
 * PostgreSQL, InfluxDB; devices are real mqtt.js clients with their own credentials. Faked:
 * nothing. The platform is shared by the tests; each test provisions the devices it uses.
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
  let token: string;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({ DEVICE_OFFLINE_DELAY_S: '1' }); // the Last Will test waits it out
    token = await platform.login('supervisor');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const newDevice = () => buildDevice(platform.graphqlUrl, token);
  const connect = async (d: ProvisionedTestDevice) => {
    const client = await connectDevice(platform.mqttUrl, d.deviceId, d.password);
    clients.push(client);
    return client;
  };
  const metrics = async () => (await fetch(`${platform.url}/metrics`)).text();

  it('refuses a wrong password and an unknown device', async () => {
    const a = await newDevice();
    // the right password gets in: the refusals below are about the password and the name
    expect((await connect(a)).connected).toBe(true);
    expect(await expectRefused(platform.mqttUrl, a.deviceId, 'wrong')).toMatch(
      /not authorized|bad user ?name or password/i,
    );
    expect(await expectRefused(platform.mqttUrl, 'ghost-device', a.password)).toMatch(
      /not authorized|bad user ?name or password/i,
    );
  });

  // A client id that is not the device's username: the embedded broker refuses it; mosquitto
  // cannot, so it runs with `use_username_as_clientid true` (README "Running on mosquitto", .ci/run)
  // and the client gets the device's own id, taking over the device's session.
  it('a client id that is not the username never becomes a second identity', async () => {
    const a = await newDevice();
    const mqtt = await import('mqtt');
    const asSomeoneElse = () =>
      mqtt.connectAsync(platform.mqttUrl, {
        clientId: 'someone-else',
        username: a.deviceId,
        password: a.password,
        reconnectPeriod: 0,
        connectTimeout: 5000,
      });
    if (usesEmbeddedBroker()) {
      await expect(asSomeoneElse()).rejects.toThrow(/not authorized|bad user ?name or password|identifier rejected/i);
      // the same credentials with the device's own id get in: the refusal was about the id
      expect((await connect(a)).connected).toBe(true);
      return;
    }
    const own = await connect(a);
    const ownClosed = new Promise<void>((resolve) => own.once('close', () => resolve()));
    const other = await asSomeoneElse();
    clients.push(other);
    await waitFor("the device's own session to be taken over", async () => {
      await Promise.race([ownClosed, new Promise((resolve) => setTimeout(resolve, 50))]);
      return !own.connected;
    });
    expect(other.connected).toBe(true);
  });

  it("does not store what a device publishes to another device's topic", async () => {
    const [a, b] = [await newDevice(), await newDevice()];
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
    const b = await newDevice();
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
    const alertsOnB = async () => {
      const [{ count }] = await platform.orm.em
        .fork()
        .getConnection()
        .execute<Array<{ count: number }>>('select count(*)::int as count from alert where equipment_id = ?', [
          b.equipmentId,
        ]);
      return count;
    };
    expect(await alertsOnB()).toBe(0);
    // and the count does count: a real leak from the same device raises one
    await sensor.publishAsync(b.telemetryTopic, JSON.stringify({ values: { leak: 1 } }), { qos: 1 });
    await waitFor('the leak alert', async () => (await alertsOnB()) === 1);
  });

  it('raises DEVICE_OFFLINE from the retained Last Will, and clears it when the device is back', async () => {
    const mqtt = await import('mqtt');
    const c = await newDevice();
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

/**
 * The alert core under the cases issue 6 found: several devices on one equipment, a device
 * clock running ahead, device events, and a reconnect's Last Will. Real: PostgreSQL (15 or
 * PGlite), InfluxDB, the MQTT broker (aedes or mosquitto), the platform's ingest, detector and
 * AlertService; devices are real mqtt.js clients. Nothing faked. Each test builds its own
 * equipment and devices.
 */
import type { MqttClient } from 'mqtt';
import { buildDevice, type ProvisionedTestDevice } from '../factories/device.factory';
import { connectDevice, waitFor } from '../support/device-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

interface AlertRow {
  id: string;
  status: string;
  cleared_at: Date | null;
  occurrences: number;
  sources: string[];
  work_order_id: string | null;
}

describe('the alert core', () => {
  let platform: TestPlatform;
  let token: string;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    // the device-events test sends 221 events at once from one device, over the default burst
    // (test/integration/broker-limits.test.ts covers the limit)
    platform = await startTestPlatform({ DEVICE_OFFLINE_DELAY_S: '2', DEVICE_MESSAGE_BURST: '1000' });
    token = await platform.login('supervisor');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
    await platform?.stop();
  });

  const connect = async (device: ProvisionedTestDevice, options: Parameters<typeof connectDevice>[3] = {}) => {
    const client = await connectDevice(platform.mqttUrl, device.deviceId, device.password, options);
    clients.push(client);
    return client;
  };
  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);
  const alerts = (equipmentId: string, faultCode: string) =>
    sql<AlertRow>(
      'select id, status, cleared_at, occurrences, sources, work_order_id from alert where equipment_id = ? and fault_code = ? order by raised_at',
      [equipmentId, faultCode],
    );
  const workOrders = async (equipmentId: string) =>
    (await sql<{ n: string }>('select count(*) as n from work_order where equipment_id = ?', [equipmentId]))[0].n;
  const metric = async (line: RegExp) => {
    const text = await (await fetch(`${platform.url}/metrics`)).text();
    const match = text.split('\n').find((l) => line.test(l));
    return match ? Number(match.split(' ').pop()) : 0;
  };

  it('two devices on one equipment: one episode, active while either raises, cleared by the last', async () => {
    const a = await buildDevice(platform.graphqlUrl, token, { system: 'WATER' });
    const b = await buildDevice(platform.graphqlUrl, token, {
      equipment: { id: a.equipmentId, code: a.equipmentCode },
    });
    const [ca, cb] = [await connect(a), await connect(b)];
    const t = Date.now() - 600_000; // reading times in the past: WATER_LEAK clears after 60 s dry
    const send = (client: MqttClient, device: ProvisionedTestDevice, sec: number, leak: number) =>
      client.publishAsync(device.telemetryTopic, JSON.stringify({ ts: t + sec * 1000, values: { leak } }), { qos: 1 });

    await send(ca, a, 0, 1);
    await send(cb, b, 10, 1);
    const [both] = await waitFor('one episode with both devices', async () => {
      const rows = await alerts(a.equipmentId, 'WATER_LEAK');
      return rows.length === 1 && rows[0].sources.length === 2 ? rows : null;
    });
    expect(both).toMatchObject({ status: 'ACTIVE_UNACK', occurrences: 2, cleared_at: null });
    expect(both.sources.sort()).toEqual([a.deviceId, b.deviceId].sort());

    // A reads dry for 60 s: A leaves the episode, which stays active because B still raises it
    await send(ca, a, 100, 0);
    await send(ca, a, 170, 0);
    const [onlyB] = await waitFor('A left', async () => {
      const rows = await alerts(a.equipmentId, 'WATER_LEAK');
      return rows[0].sources.length === 1 ? rows : null;
    });
    expect(onlyB).toMatchObject({ status: 'ACTIVE_UNACK', cleared_at: null, sources: [b.deviceId] });

    // B raises again within the episode: still one episode; then B dries up and it clears
    await send(cb, b, 180, 1);
    await send(cb, b, 200, 0);
    await send(cb, b, 270, 0);
    const rows = await waitFor('cleared', async () => {
      const r = await alerts(a.equipmentId, 'WATER_LEAK');
      return r[0].cleared_at ? r : null;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'CLEARED_UNACK', sources: [] });
    expect(await workOrders(a.equipmentId)).toBe('1');

    // and the next leak of either device opens a new episode
    await send(ca, a, 300, 1);
    await waitFor('new episode', async () => (await alerts(a.equipmentId, 'WATER_LEAK')).length === 2);
  });

  it('a reading stamped 4 minutes ahead does not delay the next real leak, and is counted', async () => {
    const d = await buildDevice(platform.graphqlUrl, token, { system: 'WATER' });
    const client = await connect(d);
    const before = await metric(/^fd_detector_readings_set_aside_total\{reason="future_ts"\}/);
    const now = Date.now();
    await client.publishAsync(d.telemetryTopic, JSON.stringify({ ts: now + 240_000, values: { leak: 0 } }), { qos: 1 });
    await client.publishAsync(d.telemetryTopic, JSON.stringify({ ts: now + 1000, values: { leak: 1 } }), { qos: 1 });
    const [row] = await waitFor(
      'WATER_LEAK raised at once',
      async () => {
        const r = await alerts(d.equipmentId, 'WATER_LEAK');
        return r.length === 1 ? r : null;
      },
      5000,
    );
    expect(row.status).toBe('ACTIVE_UNACK');
    expect(await metric(/^fd_detector_readings_set_aside_total\{reason="future_ts"\}/)).toBe(before + 1);
  });

  it('device events: only event rule codes raise, repeats are one occurrence, active:false clears', async () => {
    const d = await buildDevice(platform.graphqlUrl, token, { system: 'WATER' });
    const client = await connect(d);
    const event = (body: object) => client.publishAsync(d.eventTopic, JSON.stringify(body), { qos: 1 });
    const rejectedBefore = await metric(
      new RegExp(`^fd_ingest_rejected_total\\{reason="unknown_event_code",device="${d.deviceId}"\\}`),
    );
    expect(rejectedBefore).toBe(0);

    for (let i = 0; i < 200; i++) await event({ code: `INVENTED_${i}` });
    await event({ code: 'WATER_LEAK' }); // a threshold rule's code is not an event
    for (let i = 0; i < 20; i++) await event({ code: 'LEAK_DETECTED', message: 'basement B2' });
    const [raised] = await waitFor('LEAK_DETECTED raised', async () => {
      const r = await alerts(d.equipmentId, 'LEAK_DETECTED');
      return r.length === 1 ? r : null;
    });
    await platform.settle();
    expect(raised).toMatchObject({ status: 'ACTIVE_UNACK', occurrences: 1, sources: [d.deviceId] });
    expect(raised.work_order_id).not.toBeNull();
    const all = await sql<{ fault_code: string }>('select fault_code from alert where equipment_id = ?', [
      d.equipmentId,
    ]);
    expect(all.map((r) => r.fault_code)).toEqual(['LEAK_DETECTED']);
    expect(await workOrders(d.equipmentId)).toBe('1');
    expect(
      await metric(new RegExp(`^fd_ingest_rejected_total\\{reason="unknown_event_code",device="${d.deviceId}"\\}`)),
    ).toBe(201);

    await event({ code: 'LEAK_DETECTED', active: false });
    await waitFor('LEAK_DETECTED cleared', async () => (await alerts(d.equipmentId, 'LEAK_DETECTED'))[0].cleared_at);
  });

  it('a reconnect (session takeover) raises no DEVICE_OFFLINE; a lasting loss does', async () => {
    const d = await buildDevice(platform.graphqlUrl, token, { system: 'WATER' });
    const will = { topic: d.statusTopic, payload: Buffer.from('offline'), qos: 1 as const, retain: true };
    const first = await connect(d, { will });
    await first.publishAsync(d.statusTopic, 'online', { qos: 1, retain: true });
    // the same client id again: the broker kicks the first session and publishes its Will
    const second = await connect(d, { will });
    await second.publishAsync(d.statusTopic, 'online', { qos: 1, retain: true });
    await new Promise((resolve) => setTimeout(resolve, 4000)); // twice the 2 s on-delay
    await platform.settle();
    expect(await alerts(d.equipmentId, 'DEVICE_OFFLINE')).toEqual([]);
    expect(await workOrders(d.equipmentId)).toBe('0');

    second.stream.destroy(); // an unclean loss: the Will, and nothing after it
    const [row] = await waitFor('DEVICE_OFFLINE after the on-delay', async () => {
      const r = await alerts(d.equipmentId, 'DEVICE_OFFLINE');
      return r.length === 1 ? r : null;
    });
    expect(row.status).toBe('ACTIVE_UNACK');
    expect(await workOrders(d.equipmentId)).toBe('1');
  });
});

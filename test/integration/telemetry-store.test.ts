/**
 * TelemetryStore and telemetry queries against a REAL InfluxDB 1.x: our own `influxd` child, so
 * an outage is a real stop. Nothing is faked, except in the overflow test, where the client
 * points at a port nobody listens on. The server is shared; each test writes its own devices.
 */
import type { InfluxDB } from 'influx';
import type { KnownDevice, Reading } from '../../devices/contract/types';
import { connectInflux } from '../../devices/telemetry/influx-connection';
import { countPoints, queryTelemetry, TelemetryQueryInputError } from '../../devices/telemetry/telemetry-query';
import { TelemetryStore } from '../../devices/telemetry/telemetry-store';
import { freePort, type InfluxForTests, startInfluxForTests } from '../support/influx-for-tests';

jest.setTimeout(60_000);

let server: InfluxForTests;
let influx: InfluxDB;

beforeAll(async () => {
  server = await startInfluxForTests('fd_telemetry');
  influx = await connectInflux(server.url, { waitMs: 20_000 });
});

afterAll(async () => {
  await server?.cleanup();
});

// An outage a test began ends with that test, even when it fails half-way: the next test gets a running server.
let down = false;
const outage = async () => {
  down = true;
  await server.outage();
};
const recover = async () => {
  await server.recover();
  down = false;
};
afterEach(async () => {
  if (down) await recover();
});

function device(n: number, system: KnownDevice['system'] = 'water'): KnownDevice {
  return {
    site: 'S1',
    building: 'B2',
    system,
    device: `dev-${n}`,
    equipmentId: `eq-${n}`,
    equipmentCode: `EQ-${n}`,
    intervalS: 10,
    ratedCurrentA: null,
  };
}

const T0 = Date.UTC(2025, 10, 26, 8, 0, 0);

function newStore(
  extra: ConstructorParameters<typeof TelemetryStore>[1] = {},
  client: InfluxDB = influx,
): TelemetryStore {
  return new TelemetryStore(client, { flushIntervalMs: 20, retryBaseMs: 50, retryMaxMs: 500, ...extra });
}

test('writes one point per reading: five device tags, every field a float, ms time', async () => {
  const store = newStore();
  const d = device(1);
  store.write(d, [
    { ts: T0, seq: 1, values: { pressure_kpa: 300, leak: 0, pump_running: 1 } },
    { ts: T0 + 10_000, seq: 2, values: { pressure_kpa: 301.5, leak: 1, pump_running: 0 } },
  ]);
  await store.flush();

  expect(store.stats()).toMatchObject({ writtenPoints: 2, queuedPoints: 0, spooledPoints: 0, failedWrites: 0 });
  const rows = await influx.query<Record<string, unknown>>(`SELECT * FROM telemetry WHERE equipment = 'eq-1'`);
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatchObject({ site: 'S1', building: 'B2', system: 'water', equipment: 'eq-1', device: 'dev-1' });
  expect(rows[0]).toMatchObject({ pressure_kpa: 300, leak: 0, pump_running: 1 });
  expect((rows[1] as { time: Date }).time.getTime()).toBe(T0 + 10_000);

  const tagKeys = await influx.query<{ tagKey: string }>('SHOW TAG KEYS FROM telemetry');
  expect(tagKeys.map((r) => r.tagKey).sort()).toEqual(['building', 'device', 'equipment', 'site', 'system']);
  const fieldKeys = await influx.query<{ fieldKey: string; fieldType: string }>('SHOW FIELD KEYS FROM telemetry');
  // 0/1 were written as floats: a later 0.5 (or 1.0) can never conflict with an integer field.
  expect(new Set(fieldKeys.map((r) => r.fieldType))).toEqual(new Set(['float']));
  await store.stop();
});

test('a redelivered reading (same device, same ts) overwrites the point instead of adding one', async () => {
  const store = newStore();
  const d = device(2);
  const reading: Reading = { ts: T0, seq: 7, values: { pressure_kpa: 280 } };
  store.write(d, [reading]);
  await store.flush();
  expect(await countPoints(influx, 'eq-2')).toBe(1);

  store.write(d, [reading, { ...reading, seq: 8, values: { pressure_kpa: 281 } }]);
  await store.flush();
  expect(await countPoints(influx, 'eq-2')).toBe(1);
  const points = await queryTelemetry(influx, {
    equipmentId: 'eq-2',
    metric: 'pressure_kpa',
    from: new Date(T0),
    to: new Date(T0),
  });
  expect(points).toEqual([{ ts: new Date(T0), value: 281 }]);
  await store.stop();
});

test('queryTelemetry: raw points in time order, and means per `every` bucket', async () => {
  const store = newStore();
  const d = device(3, 'heating');
  // three minutes, one reading every 20 s: supply = 60 + minute*10 + (0, 1, 2)
  const readings: Reading[] = [];
  for (let i = 0; i < 9; i++) {
    const minute = Math.floor(i / 3);
    readings.push({ ts: T0 + i * 20_000, values: { supply_temp_c: 60 + minute * 10 + (i % 3), return_temp_c: 45 } });
  }
  store.write(d, readings);
  await store.flush();

  const range = { equipmentId: 'eq-3', metric: 'supply_temp_c', from: new Date(T0), to: new Date(T0 + 3 * 60_000) };
  const raw = await queryTelemetry(influx, range);
  expect(raw.map((p) => p.value)).toEqual([60, 61, 62, 70, 71, 72, 80, 81, 82]);
  expect(raw[1].ts).toEqual(new Date(T0 + 20_000));

  const means = await queryTelemetry(influx, { ...range, every: '1m' });
  expect(means).toEqual([
    { ts: new Date(T0), value: 61 },
    { ts: new Date(T0 + 60_000), value: 71 },
    { ts: new Date(T0 + 120_000), value: 81 },
  ]);

  const narrow = await queryTelemetry(influx, { ...range, to: new Date(T0 + 20_000) });
  expect(narrow).toHaveLength(2);
  expect(await queryTelemetry(influx, { ...range, equipmentId: "eq-3' OR equipment =~ /.*/ --" })).toEqual([]);
  await store.stop();
});

test('a bad `every` or metric name rejects with a message that says what is wrong', async () => {
  const base = { equipmentId: 'eq-3', metric: 'supply_temp_c', from: new Date(T0), to: new Date(T0 + 60_000) };
  for (const every of ['1 minute', '0s', '5', '1m; DROP DATABASE x', '1M']) {
    const attempt = queryTelemetry(influx, { ...base, every });
    await expect(attempt).rejects.toThrow(TelemetryQueryInputError);
    await expect(attempt).rejects.toThrow(/every must be an InfluxQL duration such as 30s, 5m or 1h/);
  }
  await expect(queryTelemetry(influx, { ...base, metric: 'Supply"Temp' })).rejects.toThrow(/metric must match/);
  await expect(queryTelemetry(influx, { ...base, from: base.to, to: base.from })).rejects.toThrow(
    /from must not be after to/,
  );
});

test('while InfluxDB is down a batch is spooled, and it arrives after the restart', async () => {
  const store = newStore({ retryBaseMs: 60_000, retryMaxMs: 60_000 }); // retries only when we flush
  const d = device(4);
  store.write(d, [{ ts: T0, values: { pressure_kpa: 250 } }]);
  await store.flush();

  await outage();
  const during: Reading[] = Array.from({ length: 120 }, (_, i) => ({
    ts: T0 + (i + 1) * 1000,
    values: { pressure_kpa: 250 + i },
  }));
  store.write(d, during.slice(0, 60));
  await store.flush(); // one attempt, fails, resolves without waiting for the outage to end
  store.write(d, during.slice(60));
  expect(store.stats()).toMatchObject({ spooledPoints: 120, queuedPoints: 0, writtenPoints: 1 });
  expect(store.stats().failedWrites).toBeGreaterThanOrEqual(1);

  await recover();
  await store.flush();
  expect(store.stats()).toMatchObject({
    spooledPoints: 0,
    queuedPoints: 0,
    writtenPoints: 121,
    refusedPoints: 0,
    overflowPoints: 0,
  });
  expect(await countPoints(influx, 'eq-4')).toBe(121);
  const points = await queryTelemetry(influx, {
    equipmentId: 'eq-4',
    metric: 'pressure_kpa',
    from: new Date(T0),
    to: new Date(T0 + 200_000),
  });
  expect(points.map((p) => p.value)).toEqual([250, ...during.map((r) => r.values.pressure_kpa)]);
  await store.stop();
});

test('after an outage the spool drains on its own, with backoff, without a flush; without a disk spool overflow drops the oldest', async () => {
  const store = newStore({ retryBaseMs: 100, retryMaxMs: 400, spoolMaxPoints: 10 });
  const d = device(5);
  const reading = (i: number): Reading => ({ ts: T0 + i * 1000, values: { pressure_kpa: 200 + i } });
  await outage();
  store.write(d, [0, 1].map(reading));
  await waitFor(() => store.stats().spooledPoints === 2 && store.stats().failedWrites >= 1);
  // 12 more while down: the spool keeps the newest 10 (the batch given back goes first)
  store.write(
    d,
    Array.from({ length: 12 }, (_, i) => reading(i + 2)),
  );
  expect(store.stats()).toMatchObject({ spooledPoints: 10, overflowPoints: 4 });

  await recover();
  await waitFor(() => store.stats().writtenPoints === 10, 15_000);
  expect(store.stats()).toMatchObject({ spooledPoints: 0, queuedPoints: 0 });
  const points = await queryTelemetry(influx, {
    equipmentId: 'eq-5',
    metric: 'pressure_kpa',
    from: new Date(T0),
    to: new Date(T0 + 60_000),
  });
  expect(points.map((p) => p.value)).toEqual(Array.from({ length: 10 }, (_, i) => 204 + i));
  await store.stop();
});

test('points the server refuses for good (beyond retention) are counted and dropped, not retried', async () => {
  await influx.createRetentionPolicy('one_hour', { duration: '1h', replication: 1 });
  const store = newStore({ retentionPolicy: 'one_hour' });
  const now = Date.now();
  store.write(device(6), [
    { ts: now - 3 * 3600_000, values: { pressure_kpa: 1 } },
    { ts: now, values: { pressure_kpa: 2 } },
  ]);
  await store.flush();
  expect(store.stats()).toMatchObject({
    writtenPoints: 1,
    refusedPoints: 1,
    failedWrites: 1,
    spooledPoints: 0,
    queuedPoints: 0,
  });
  await store.stop();
});

test('without a disk spool, a full memory spool drops the oldest points and counts them; stop() abandons what is left', async () => {
  const nobody = await connectNowhere();
  const store = newStore({ spoolMaxPoints: 10, retryBaseMs: 60_000 }, nobody);
  const readings = Array.from({ length: 25 }, (_, i) => ({ ts: T0 + i, values: { pressure_kpa: i } }));
  store.write(device(7), readings);
  await store.flush();
  expect(store.stats()).toMatchObject({ spooledPoints: 10, overflowPoints: 15, writtenPoints: 0 });
  await store.stop();
  expect(store.stats()).toMatchObject({ spooledPoints: 0, abandonedPoints: 10 });
  store.write(device(7), readings.slice(0, 1)); // after stop: counted, never throws
  expect(store.stats().abandonedPoints).toBe(11);
});

async function connectNowhere(): Promise<InfluxDB> {
  const { InfluxDB: Client } = await import('influx');
  const port = await freePort();
  return new Client({ host: '127.0.0.1', port, database: 'nowhere', pool: { maxRetries: 0 } });
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

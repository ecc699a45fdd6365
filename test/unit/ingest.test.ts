/**
 * Ingest: real topic and payload parsers, a real FaultDetector with the default rules, real
 * prom-client metrics on a private Registry. Faked: the store and the sink (recorders), the device
 * directory (a Map) and the clock. No I/O.
 */
import { Registry } from 'prom-client';
import type { KnownDevice, Reading } from '../../devices/contract/types';
import { DEFAULT_DEVICE_OFFLINE, DEFAULT_EVENT_RULES, DEFAULT_FAULT_RULES } from '../../devices/faults/default-rules';
import { FaultDetector } from '../../devices/faults/fault-detector';
import type { FaultEvent } from '../../devices/faults/fault-types';
import { DeviceRateLimit, type DeviceRateLimitOptions } from '../../devices/ingest/device-rate-limit';
import { Ingest } from '../../devices/ingest/ingest';
import { createIngestMetrics } from '../../devices/ingest/ingest-metrics';

const T0 = Date.UTC(2025, 10, 26, 8, 0, 0);

const PUMP: KnownDevice = {
  site: 'S1',
  building: 'B1',
  system: 'water',
  device: 'wp-1',
  equipmentId: 'eq-pump',
  equipmentCode: 'PUMP-1',
  intervalS: 10,
  ratedCurrentA: null,
};

const topic = (kind: string, d: Pick<KnownDevice, 'site' | 'building' | 'system' | 'device'> = PUMP) =>
  `fd/v1/${d.site}/${d.building}/${d.system}/${d.device}/${kind}`;
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function setup(rate: DeviceRateLimitOptions = { messagesPerS: 1000, burst: 1000 }) {
  const registry = new Registry();
  const metrics = createIngestMetrics(registry);
  const writes: Array<{ device: KnownDevice; readings: Reading[] }> = [];
  const sunk: FaultEvent[] = [];
  const clock = { now: T0 };
  const store = {
    fail: false,
    write(device: KnownDevice, readings: Reading[]) {
      if (store.fail) throw new Error('store exploded');
      writes.push({ device, readings });
    },
  };
  const directory = new Map([[PUMP.device, PUMP]]);
  const ingest = new Ingest({
    directory: { get: (id) => directory.get(id), all: () => directory.values() },
    store,
    detector: new FaultDetector([...DEFAULT_FAULT_RULES, ...DEFAULT_EVENT_RULES], {
      ...DEFAULT_DEVICE_OFFLINE,
      statusOnDelayMs: 0,
    }),
    sink: (events) => sunk.push(...events),
    metrics,
    rateLimit: new DeviceRateLimit(rate, () => clock.now),
    now: () => clock.now,
  });

  /** the value of a counter for the given labels (0 when never incremented) */
  async function count(name: string, labels: Record<string, string> = {}): Promise<number> {
    const metric = registry.getSingleMetric(name);
    if (!metric) throw new Error(`no metric ${name}`);
    const { values } = await metric.get();
    const hit = values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want));
    return hit?.value ?? 0;
  }
  return { ingest, writes, sunk, clock, store, count, directory };
}

test('telemetry of a known device goes to the store and is counted', async () => {
  const { ingest, writes, count } = setup();
  ingest.handle(topic('telemetry'), json({ ts: T0, seq: 1, values: { pressure_kpa: 300, leak: false } }));

  expect(writes).toEqual([{ device: PUMP, readings: [{ ts: T0, seq: 1, values: { pressure_kpa: 300, leak: 0 } }] }]);
  expect(await count('fd_ingest_messages_total', { kind: 'telemetry' })).toBe(1);
  expect(await count('fd_ingest_readings_total')).toBe(1);
});

test('an array payload (a buffered device) is one store write of every reading', async () => {
  const { ingest, writes, count } = setup();
  const batch = [0, 1, 2].map((i) => ({ ts: T0 - (3 - i) * 10_000, values: { pressure_kpa: 290 + i } }));
  ingest.handle(topic('telemetry'), json(batch));

  expect(writes).toHaveLength(1);
  expect(writes[0].readings.map((r) => r.values.pressure_kpa)).toEqual([290, 291, 292]);
  expect(await count('fd_ingest_readings_total')).toBe(3);
});

test('every violation is counted per reason and device, and dropped', async () => {
  const { ingest, writes, count } = setup();
  ingest.handle('fd/v1/S1/B1/water/wp-1', json({ values: { pressure_kpa: 1 } })); // 6 levels
  ingest.handle('fd/v1/S1/B1/gas/wp-1/telemetry', json({ values: { pressure_kpa: 1 } }));
  ingest.handle(topic('telemetry', { ...PUMP, device: 'ghost-9' }), json({ values: { pressure_kpa: 1 } }));
  ingest.handle(topic('telemetry', { ...PUMP, building: 'B7' }), json({ values: { pressure_kpa: 1 } }));
  ingest.handle(topic('telemetry', { ...PUMP, system: 'heating' }), json({ values: { pressure_kpa: 1 } }));
  ingest.handle(topic('telemetry'), Buffer.from('{"values": {'));
  ingest.handle(topic('telemetry'), json({ ts: T0, values: {} }));
  ingest.handle(topic('telemetry'), json({ ts: T0 + 3600_000, values: { pressure_kpa: 1 } }));
  ingest.handle(topic('telemetry'), json([]));
  ingest.handle(topic('status'), Buffer.from('sleeping'));
  ingest.handle(topic('event'), json({ ts: T0, code: 'not a code' }));

  expect(writes).toEqual([]);
  expect(await count('fd_ingest_rejected_total', { reason: 'bad_topic', device: 'unknown' })).toBe(2);
  expect(await count('fd_ingest_messages_total', { kind: 'unknown' })).toBe(2);
  expect(await count('fd_ingest_rejected_total', { reason: 'unknown_device', device: 'ghost-9' })).toBe(1);
  expect(await count('fd_ingest_rejected_total', { reason: 'topic_mismatch', device: 'wp-1' })).toBe(2);
  expect(await count('fd_ingest_rejected_total', { reason: 'bad_json', device: 'wp-1' })).toBe(1);
  expect(await count('fd_ingest_rejected_total', { reason: 'empty_values', device: 'wp-1' })).toBe(1);
  expect(await count('fd_ingest_rejected_total', { reason: 'future_ts', device: 'wp-1' })).toBe(1);
  expect(await count('fd_ingest_rejected_total', { reason: 'bad_shape', device: 'wp-1' })).toBe(1);
  expect(await count('fd_ingest_rejected_total', { reason: 'bad_status', device: 'wp-1' })).toBe(1);
  expect(await count('fd_ingest_rejected_total', { reason: 'bad_event', device: 'wp-1' })).toBe(1);
  expect(await count('fd_ingest_messages_total', { kind: 'telemetry' })).toBe(7);
});

test('a device over its message rate is dropped before its payload is parsed, counted, and others go on', async () => {
  const { ingest, writes, count, clock, directory } = setup({ messagesPerS: 2, burst: 3 });
  const other = { ...PUMP, device: 'wp-2' };
  directory.set(other.device, other);
  for (let i = 0; i < 10; i++) ingest.handle(topic('telemetry'), json({ ts: T0, values: { pressure_kpa: 300 + i } }));
  // not even valid JSON: had it been parsed it would count as bad_json
  ingest.handle(topic('telemetry'), Buffer.from('{"values": {'));
  ingest.handle(topic('telemetry', other), json({ ts: T0, values: { pressure_kpa: 1 } }));

  expect(await count('fd_ingest_rejected_total', { reason: 'rate_limited', device: 'wp-1' })).toBe(8);
  expect(await count('fd_ingest_rejected_total', { reason: 'bad_json', device: 'wp-1' })).toBe(0);
  expect(await count('fd_ingest_rejected_total', { reason: 'rate_limited', device: 'wp-2' })).toBe(0);
  expect(writes.map((w) => [w.device.device, w.readings[0].values.pressure_kpa])).toEqual([
    ['wp-1', 300],
    ['wp-1', 301],
    ['wp-1', 302],
    ['wp-2', 1],
  ]);

  clock.now += 1000; // two more tokens
  ingest.handle(topic('telemetry'), json({ ts: T0 + 1000, values: { pressure_kpa: 400 } }));
  expect(writes).toHaveLength(5);
});

test('readings run through the fault detector; its events reach the sink and are counted', async () => {
  const { ingest, sunk, count, clock } = setup();
  ingest.handle(topic('telemetry'), json({ ts: T0, values: { pressure_kpa: 300, leak: 1 } }));
  expect(sunk).toEqual([
    expect.objectContaining({ type: 'raise', faultCode: 'WATER_LEAK', equipmentId: 'eq-pump', deviceId: 'wp-1' }),
  ]);

  // WATER_PRESSURE_LOW: below 100 kPa for 60 s, measured on reading time (a buffered array)
  const low = [0, 30, 60].map((s) => ({ ts: T0 + 10_000 + s * 1000, values: { pressure_kpa: 80, leak: 1 } }));
  clock.now = T0 + 71_000; // the batch arrives after its last reading
  ingest.handle(topic('telemetry'), json(low));
  expect(sunk.map((e) => `${e.type} ${e.faultCode}`)).toEqual(['raise WATER_LEAK', 'raise WATER_PRESSURE_LOW']);
  expect(await count('fd_fault_events_total', { type: 'raise' })).toBe(2);
});

test('status goes to the detector: offline raises DEVICE_OFFLINE, online clears it', async () => {
  const { ingest, sunk, writes, count } = setup();
  ingest.handle(topic('status'), Buffer.from('offline'));
  ingest.handle(topic('status'), Buffer.from('online'));

  expect(writes).toEqual([]);
  expect(sunk.map((e) => `${e.type} ${e.faultCode}`)).toEqual(['raise DEVICE_OFFLINE', 'clear DEVICE_OFFLINE']);
  expect(await count('fd_ingest_messages_total', { kind: 'status' })).toBe(2);
  expect(await count('fd_fault_events_total', { type: 'clear' })).toBe(1);
});

test('a device event of an event rule raises it, `active: false` clears it, repeats change nothing', async () => {
  const { ingest, sunk, writes, count } = setup();
  ingest.handle(topic('event'), json({ ts: T0 - 5000, code: 'LEAK_DETECTED', message: 'basement B2' }));
  ingest.handle(topic('event'), json({ ts: T0 - 4000, code: 'LEAK_DETECTED', message: 'basement B2' }));
  ingest.handle(topic('event'), json({ ts: T0 - 1000, code: 'LEAK_DETECTED', active: false }));

  expect(sunk).toEqual([
    expect.objectContaining({
      type: 'raise',
      faultCode: 'LEAK_DETECTED',
      severity: 'critical',
      equipmentId: 'eq-pump',
      deviceId: 'wp-1',
      at: T0 - 5000,
      message: 'LEAK_DETECTED: basement B2',
    }),
    expect.objectContaining({ type: 'clear', faultCode: 'LEAK_DETECTED', deviceId: 'wp-1', at: T0 - 1000 }),
  ]);
  expect(writes).toEqual([]);
  expect(await count('fd_ingest_messages_total', { kind: 'event' })).toBe(3);
});

test('an event code that is no event rule of the device system is rejected and raises nothing', async () => {
  const { ingest, sunk, count } = setup();
  ingest.handle(topic('event'), json({ ts: T0, code: 'INVENTED_CODE' }));
  ingest.handle(topic('event'), json({ ts: T0, code: 'WATER_LEAK' })); // a threshold rule's code
  ingest.handle(topic('event'), json({ ts: T0, code: 'BREAKER_TRIP' })); // an electric event, on a water device
  ingest.handle(topic('event'), json({ ts: T0, code: 'PUMP_FAULT', active: 'no' }));

  expect(sunk).toEqual([]);
  expect(await count('fd_ingest_rejected_total', { reason: 'unknown_event_code', device: 'wp-1' })).toBe(3);
  expect(await count('fd_ingest_rejected_total', { reason: 'bad_event', device: 'wp-1' })).toBe(1);
});

test('a throwing store is counted as internal and does not stop the next message', async () => {
  const { ingest, store, writes, count } = setup();
  store.fail = true;
  expect(() => ingest.handle(topic('telemetry'), json({ ts: T0, values: { pressure_kpa: 300 } }))).not.toThrow();
  store.fail = false;
  ingest.handle(topic('telemetry'), json({ ts: T0 + 10_000, values: { pressure_kpa: 301 } }));

  expect(writes).toHaveLength(1);
  expect(await count('fd_ingest_rejected_total', { reason: 'internal', device: 'wp-1' })).toBe(1);
  expect(await count('fd_ingest_readings_total')).toBe(1);
});

test('tick raises DEVICE_OFFLINE for a device silent for 3 × its interval', () => {
  const { ingest, sunk, clock } = setup();
  ingest.handle(topic('telemetry'), json({ ts: T0, values: { pressure_kpa: 300 } }));
  ingest.tick(T0 + 25_000);
  expect(sunk).toEqual([]);
  ingest.tick(T0 + 31_000);
  expect(sunk).toEqual([expect.objectContaining({ type: 'raise', faultCode: 'DEVICE_OFFLINE', deviceId: 'wp-1' })]);

  clock.now = T0 + 40_000; // telemetry again: the detector clears it
  ingest.handle(topic('telemetry'), json({ ts: T0 + 40_000, values: { pressure_kpa: 300 } }));
  expect(sunk.map((e) => `${e.type} ${e.faultCode}`)).toEqual(['raise DEVICE_OFFLINE', 'clear DEVICE_OFFLINE']);
});

/**
 * The TelemetryStore's disk spool against a REAL InfluxDB 1.x (our own influxd child, so an outage
 * is a real stop) and real files in a temp directory. Nothing is faked; the corrupt segment is a
 * real segment file cut short as a crash while writing it would leave it, and the lock holder is a
 * real live Node process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InfluxDB } from 'influx';
import type { KnownDevice, Reading } from '../../devices/contract/types';
import { connectInflux } from '../../devices/telemetry/influx-connection';
import { countPoints, queryTelemetry } from '../../devices/telemetry/telemetry-query';
import { TelemetryStore, type TelemetryStoreOptions } from '../../devices/telemetry/telemetry-store';
import { type InfluxForTests, startInfluxForTests } from '../support/influx-for-tests';

jest.setTimeout(90_000);

let server: InfluxForTests;
let influx: InfluxDB;
let dir: string;
let n = 0;

beforeAll(async () => {
  server = await startInfluxForTests('fd_disk_spool');
  influx = await connectInflux(server.url, { waitMs: 20_000 });
});
afterAll(async () => {
  await server?.cleanup();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fd-spool-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2025, 10, 26, 8, 0, 0);

function device(): KnownDevice {
  n += 1;
  return {
    site: 'S1',
    building: 'B1',
    system: 'water',
    device: `spool-${n}`,
    equipmentId: `spool-eq-${n}`,
    equipmentCode: `SP-${n}`,
    intervalS: 10,
    ratedCurrentA: null,
  };
}

const readings = (from: number, count: number): Reading[] =>
  Array.from({ length: count }, (_, i) => ({ ts: T0 + (from + i) * 1000, values: { pressure_kpa: from + i } }));

function newStore(extra: Partial<TelemetryStoreOptions> = {}, maxBytes = 64 * 1024 * 1024): TelemetryStore {
  return new TelemetryStore(influx, {
    flushIntervalMs: 20,
    retryBaseMs: 50,
    retryMaxMs: 200,
    batchMaxPoints: 100,
    spoolMaxPoints: 1000,
    diskSpool: { dir, maxBytes, inUseHint: 'test hint' },
    ...extra,
  });
}

const segments = () =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.seg'))
    .sort();

async function values(equipmentId: string): Promise<number[]> {
  const points = await queryTelemetry(influx, {
    equipmentId,
    metric: 'pressure_kpa',
    from: new Date(T0),
    to: new Date(T0 + 10_000_000),
  });
  return points.map((p) => p.value);
}

function capturingLog() {
  const warnings: string[] = [];
  return {
    warnings,
    info: () => undefined,
    warn: (message: string) => warnings.push(message),
    error: (message: string) => warnings.push(message),
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('past the memory bound the oldest points go to disk, and all arrive in order after the outage', async () => {
  const store = newStore();
  const d = device();
  await server.outage();
  for (let i = 0; i < 5000; i += 250) store.write(d, readings(i, 250));
  await waitFor(() => segments().length > 0 && store.stats().diskSpoolPoints > 0);
  const during = store.stats();
  expect(during.spilledPoints).toBeGreaterThan(0);
  expect(during.spooledPoints + during.queuedPoints).toBeLessThanOrEqual(1000);
  expect(during.diskSpoolBytes).toBeGreaterThan(0);

  await server.recover();
  await store.flush();
  expect(store.stats()).toMatchObject({
    writtenPoints: 5000,
    diskSpoolPoints: 0,
    diskSpoolBytes: 0,
    overflowPoints: 0,
  });
  expect(await values(d.equipmentId)).toEqual(readings(0, 5000).map((r) => r.values.pressure_kpa));
  await store.stop();
  expect(segments()).toEqual([]);
});

test('stop() during an outage keeps every point on disk; the next start replays them first, in order', async () => {
  const d = device();
  await server.outage();
  const first = newStore();
  first.write(d, readings(0, 2500)); // past the memory bound: some on disk already
  first.write(d, readings(2500, 300));
  await first.stop();
  expect(first.stats()).toMatchObject({ abandonedPoints: 0, writtenPoints: 0 });
  expect(first.stats().diskSpoolPoints).toBe(2800);
  expect(segments().length).toBeGreaterThan(0);

  await server.recover();
  const second = newStore();
  second.write(d, readings(2800, 200)); // new points go after the replayed ones
  await second.flush();
  expect(second.stats()).toMatchObject({ writtenPoints: 3000, diskSpoolPoints: 0, corruptPoints: 0 });
  expect(segments()).toEqual([]);
  expect(await values(d.equipmentId)).toEqual(readings(0, 3000).map((r) => r.values.pressure_kpa));
  await second.stop();
});

test('past the disk bound the oldest segments are dropped, counted as overflow and logged; the newest arrive', async () => {
  const d = device();
  await server.outage();
  // one 500-point segment of these lines is ~60 KB: room for about three
  const maxBytes = 200 * 1024;
  const log = capturingLog();
  const store = newStore({ log }, maxBytes);
  for (let i = 0; i < 10_000; i += 500) {
    store.write(d, readings(i, 500));
    await new Promise((r) => setTimeout(r, 20)); // let the segment file be written
  }
  const full = store.stats();
  expect(full.overflowPoints).toBeGreaterThan(0);
  expect(full.overflowPoints).toBeGreaterThan(1000); // several drops …
  expect(log.warnings.filter((m) => m.includes('disk is full'))).toHaveLength(1); // … one log line (rate-limited)
  expect(full.diskSpoolBytes).toBeLessThanOrEqual(maxBytes);

  await server.recover();
  await store.flush();
  const after = store.stats();
  expect(after.writtenPoints + after.overflowPoints).toBe(10_000);
  const stored = await values(d.equipmentId);
  expect(stored).toHaveLength(after.writtenPoints);
  // dropped are the oldest (a segment being written or sent at that moment excepted): the newest all arrived
  expect(stored.slice(-1000)).toEqual(readings(9000, 1000).map((r) => r.values.pressure_kpa));
  expect(stored.length).toBeLessThan(10_000);
  await store.stop();
});

test('a segment cut short (a crash while writing) does not stop the start: its intact part is replayed, the rest counted', async () => {
  const d = device();
  await server.outage();
  const first = newStore();
  first.write(d, readings(0, 1500));
  await first.stop();
  const files = segments();
  expect(files.length).toBeGreaterThanOrEqual(2);
  const last = path.join(dir, files[files.length - 1]);
  truncateSync(last, Math.floor(statSync(last).size * 0.6));
  writeFileSync(path.join(dir, '999999999999.seg'), 'garbage without a header\n');

  await server.recover();
  const log = capturingLog();
  const second = newStore({ log });
  await second.flush();
  // flush() waits for what memory holds; the replay of the segments goes on until the disk is empty
  await waitFor(() => segments().length === 0 && second.stats().diskSpoolPoints === 0);
  const stats = second.stats();
  expect(stats.corruptPoints).toBeGreaterThan(0);
  expect(log.warnings.filter((m) => m.includes('bad tail'))).toHaveLength(2);
  expect(stats.writtenPoints).toBeGreaterThan(0);
  expect(stats.writtenPoints + stats.corruptPoints).toBe(1500 + 1); // + the garbage file's one line
  expect(await values(d.equipmentId)).toEqual(readings(0, stats.writtenPoints).map((r) => r.values.pressure_kpa));
  expect(segments()).toEqual([]);
  await second.stop();
});

test('one process per spool directory: a live holder is named in the error, a stale lock is taken over', async () => {
  const store = newStore();
  expect(() => newStore()).toThrow(/already open in this process; test hint/);
  await store.stop();

  const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => holder.once('spawn', resolve));
    writeFileSync(path.join(dir, 'LOCK'), `${holder.pid}\n`);
    expect(() => newStore()).toThrow(new RegExp(`in use by process ${holder.pid}; test hint`));
  } finally {
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
  }
  // the holder is gone: its lock is stale
  const next = newStore();
  next.write(device(), readings(0, 1));
  await next.flush();
  expect(next.stats().writtenPoints).toBe(1);
  await next.stop();
  expect(readdirSync(dir)).not.toContain('LOCK');
  expect(await countPoints(influx)).toBeGreaterThan(0);
});

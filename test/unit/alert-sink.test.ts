// Real: gateway/alert-sink.ts with prom-client metrics on a private Registry and real timers
// (pauses of a few ms). Faked: `apply` (a recorder that fails on demand) and the log (a
// recorder): the sink's retry, discard and coalescing logic is what is under test.
import { Registry } from 'prom-client';
import type { FaultEvent } from '../../devices/faults/fault-types';
import { AlertSink } from '../../gateway/alert-sink';

const event = (type: 'raise' | 'clear', device: string, faultCode = 'WATER_LEAK'): FaultEvent => ({
  type,
  faultCode,
  severity: 'critical',
  equipmentId: 'eq-1',
  deviceId: device,
  at: 0,
  message: `${type} ${device}`,
});

class Permanent extends Error {}

function setup(fail: (events: FaultEvent[], attempt: number) => Error | null, coalesceAbove = 1000) {
  const applied: FaultEvent[] = [];
  const logs: string[] = [];
  let attempts = 0;
  const registry = new Registry();
  const sink = new AlertSink(
    async (events) => {
      const error = fail(events, ++attempts);
      if (error) throw error;
      applied.push(...events);
    },
    { info: () => undefined, warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    registry,
    { retryBaseMs: 2, retryMaxMs: 10, coalesceAbove, isPermanent: (e) => e instanceof Permanent },
  );
  const count = async (name: string, labels: Record<string, string> = {}) => {
    const { values } = await registry.getSingleMetric(name)!.get();
    return values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))?.value ?? 0;
  };
  return { sink, applied, logs, count, attempts: () => attempts };
}

describe('AlertSink', () => {
  it('retries through a database outage and loses nothing, in order', async () => {
    // the first 5 transactions fail (PostgreSQL down), then everything goes through
    const { sink, applied, count } = setup((_e, attempt) => (attempt <= 5 ? new Error('ECONNREFUSED') : null));
    const events = [event('raise', 'a'), event('clear', 'a'), event('raise', 'b')];
    sink.push(events);
    await sink.drain();
    expect(applied).toEqual(events);
    expect(await count('fd_alert_apply_failures_total')).toBe(5);
    expect(await count('fd_alert_queue_discarded_total', { reason: 'permanent' })).toBe(0);
  });

  it('never drops a clear after 3 attempts any more: it keeps retrying until it applies', async () => {
    const { sink, applied, attempts } = setup((events, attempt) =>
      events.some((e) => e.type === 'clear') && attempt <= 12 ? new Error('deadlock detected') : null,
    );
    sink.push([event('clear', 'a')]);
    await sink.drain();
    expect(applied).toEqual([event('clear', 'a')]);
    expect(attempts()).toBe(13);
  });

  it('discards only the event that fails for good, counted and logged, and applies the others', async () => {
    const { sink, applied, logs, count } = setup((events) =>
      events.some((e) => e.deviceId === 'deleted') ? new Permanent('foreign key violation') : null,
    );
    sink.push([event('raise', 'a'), event('raise', 'deleted'), event('raise', 'b')]);
    await sink.drain();
    expect(applied.map((e) => e.deviceId)).toEqual(['a', 'b']);
    expect(await count('fd_alert_queue_discarded_total', { reason: 'permanent' })).toBe(1);
    expect(logs).toContain('fault event discarded: it cannot be applied');
  });

  it('past its bound, coalesces per device and fault to the newest event: every final state is kept', async () => {
    let down = true;
    const { sink, applied, count } = setup(() => (down ? new Error('down') : null), 4);
    sink.push([event('raise', 'a')]); // taken as the first batch: retried while down
    await new Promise((resolve) => setTimeout(resolve, 5));
    // queued while down: a flaps, b raises, c raises then clears
    sink.push([event('clear', 'a'), event('raise', 'a'), event('clear', 'a')]);
    sink.push([event('raise', 'b'), event('raise', 'c'), event('clear', 'c')]);
    expect(sink.size()).toBeLessThanOrEqual(4);
    down = false;
    await sink.drain();
    const last = new Map(applied.map((e) => [e.deviceId, e.type]));
    expect(Object.fromEntries(last)).toEqual({ a: 'clear', b: 'raise', c: 'clear' });
    expect(await count('fd_alert_queue_discarded_total', { reason: 'coalesced' })).toBeGreaterThan(0);
  });

  it('stop() gives up on a database that stays down after its timeout, counting what is left', async () => {
    const { sink, logs, count } = setup(() => new Error('down'));
    sink.push([event('raise', 'a'), event('clear', 'b')]);
    const started = Date.now();
    await sink.stop(100);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await count('fd_alert_queue_discarded_total', { reason: 'unapplied_at_stop' })).toBe(2);
    expect(logs).toContain('stopped with fault events not applied to PostgreSQL');
  });
});

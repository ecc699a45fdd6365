/**
 * The per-device token bucket. Real: DeviceRateLimit. Faked: the clock. No I/O.
 */
import { DeviceRateLimit } from '../../devices/ingest/device-rate-limit';

function limiter(messagesPerS: number, burst: number) {
  const clock = { now: 1_000_000 };
  return { clock, limit: new DeviceRateLimit({ messagesPerS, burst }, () => clock.now) };
}

const allowedOf = (limit: DeviceRateLimit, device: string, n: number) =>
  Array.from({ length: n }, () => limit.allow(device)).filter(Boolean).length;

test('a device gets its burst at once, then its rate', () => {
  const { clock, limit } = limiter(10, 50);
  expect(allowedOf(limit, 'a', 80)).toBe(50);
  clock.now += 1000;
  expect(allowedOf(limit, 'a', 80)).toBe(10);
  clock.now += 250;
  expect(allowedOf(limit, 'a', 80)).toBe(2); // 2.5 tokens: fractions carry over
  clock.now += 50;
  expect(allowedOf(limit, 'a', 80)).toBe(1);
});

test('a quiet device is back at its burst, never above it', () => {
  const { clock, limit } = limiter(10, 5);
  expect(allowedOf(limit, 'a', 5)).toBe(5);
  clock.now += 3_600_000;
  expect(allowedOf(limit, 'a', 100)).toBe(5);
});

test('devices do not share a bucket', () => {
  const { limit } = limiter(1, 3);
  expect(allowedOf(limit, 'a', 10)).toBe(3);
  expect(allowedOf(limit, 'b', 10)).toBe(3);
});

test('a clock that steps back takes nothing away and gives nothing', () => {
  const { clock, limit } = limiter(10, 2);
  expect(allowedOf(limit, 'a', 2)).toBe(2);
  clock.now -= 60_000;
  expect(allowedOf(limit, 'a', 5)).toBe(0);
});

test('refuses a rate that is not positive', () => {
  expect(() => new DeviceRateLimit({ messagesPerS: 0, burst: 10 })).toThrow(/messagesPerS > 0/);
  expect(() => new DeviceRateLimit({ messagesPerS: 1, burst: 0 })).toThrow(/burst ≥ 1/);
});

// Real: devices/contract/payload.ts (pure). Faked: nothing.
import {
  FUTURE_TOLERANCE_MS,
  MAX_PAYLOAD_BYTES,
  parseEvent,
  parseStatus,
  parseTelemetry,
} from '../../devices/contract/payload';

const ARRIVAL = Date.UTC(2025, 10, 26, 8, 0, 0);
const json = (x: unknown) => Buffer.from(JSON.stringify(x));
const raw = (s: string) => Buffer.from(s);

describe('parseTelemetry', () => {
  it('accepts the single object of devices/CONTRACT.md', () => {
    const r = parseTelemetry(
      json({ ts: 1764150000000, seq: 42, values: { supply_temp_c: 68.2, return_temp_c: 49.5, pressure_kpa: 310 } }),
      1764150000000,
    );
    expect(r).toEqual({
      ok: true,
      value: [{ ts: 1764150000000, seq: 42, values: { supply_temp_c: 68.2, return_temp_c: 49.5, pressure_kpa: 310 } }],
    });
  });

  it('accepts an array from a buffered device, keeping its order', () => {
    const r = parseTelemetry(
      json([
        { ts: ARRIVAL - 2000, values: { flow_m3h: 1 } },
        { ts: ARRIVAL - 3000, seq: 0, values: { flow_m3h: 2 } },
      ]),
      ARRIVAL,
    );
    expect(r.ok && r.value.map((x) => [x.ts, x.values.flow_m3h])).toEqual([
      [ARRIVAL - 2000, 1],
      [ARRIVAL - 3000, 2],
    ]);
  });

  it('stores booleans as 0/1', () => {
    const r = parseTelemetry(json({ values: { leak: true, pump_running: false } }), ARRIVAL);
    expect(r.ok && r.value[0].values).toEqual({ leak: 1, pump_running: 0 });
  });

  it('uses the arrival time when ts is absent', () => {
    const r = parseTelemetry(json({ values: { level_pct: 50 } }), ARRIVAL);
    expect(r.ok && r.value[0].ts).toBe(ARRIVAL);
    expect(r.ok && 'seq' in r.value[0]).toBe(false);
  });

  it('rejects ts more than 5 minutes in the future, accepts exactly 5 minutes', () => {
    const ok = parseTelemetry(json({ ts: ARRIVAL + FUTURE_TOLERANCE_MS, values: { a: 1 } }), ARRIVAL);
    expect(ok.ok).toBe(true);
    const late = parseTelemetry(json({ ts: ARRIVAL + FUTURE_TOLERANCE_MS + 1, values: { a: 1 } }), ARRIVAL);
    expect(late).toMatchObject({ ok: false, reason: 'future_ts' });
  });

  it.each([
    ['a string', '1764150000000'],
    ['null', null],
    ['negative', -1],
    ['epoch seconds', 1764150000],
    ['a boolean', true],
  ])('rejects ts that is %s as bad_ts', (_n, ts) => {
    expect(parseTelemetry(json({ ts, values: { a: 1 } }), ARRIVAL)).toMatchObject({ ok: false, reason: 'bad_ts' });
  });

  it('rounds fractional milliseconds (the time is the point identity)', () => {
    const r = parseTelemetry(raw(`{"ts": ${ARRIVAL - 1000}.6, "values": {"a": 1}}`), ARRIVAL);
    expect(r.ok && r.value[0].ts).toBe(ARRIVAL - 999);
  });

  it.each([
    ['NaN string', '{"values": {"a": "NaN"}}'],
    ['Infinity string', '{"values": {"a": "Infinity"}}'],
    ['overflow to Infinity', '{"values": {"a": 1e400}}'],
    ['null value', '{"values": {"a": null}}'],
    ['nested object', '{"values": {"a": {"v": 1}}}'],
    ['numeric string', '{"values": {"a": "12.5"}}'],
    ['upper-case metric name', '{"values": {"Pressure": 1}}'],
    ['metric name with a space', '{"values": {"a b": 1}}'],
    ['__proto__ metric name', '{"values": {"__proto__": 1}}'],
  ])('rejects %s as bad_value', (_n, text) => {
    expect(parseTelemetry(raw(text), ARRIVAL)).toMatchObject({ ok: false, reason: 'bad_value' });
  });

  it.each([
    ['NaN literal', '{"values": {"a": NaN}}'],
    ['Infinity literal', '{"values": {"a": Infinity}}'],
    ['truncated JSON', '{"values": {"a": 1}'],
    ['empty payload', ''],
  ])('rejects a %s as bad_json', (_n, text) => {
    expect(parseTelemetry(raw(text), ARRIVAL)).toMatchObject({ ok: false, reason: 'bad_json' });
  });

  it('rejects invalid UTF-8 as bad_json', () => {
    const bytes = Buffer.concat([raw('{"values": {"a": 1}, "note": "'), Buffer.from([0xff, 0xfe]), raw('"}')]);
    expect(parseTelemetry(bytes, ARRIVAL)).toMatchObject({ ok: false, reason: 'bad_json' });
  });

  it.each([
    ['a number', '42'],
    ['a string', '"x"'],
    ['null', 'null'],
    ['an empty array', '[]'],
    ['an array of numbers', '[1, 2]'],
    ['values missing', '{"seq": 1}'],
    ['values an array', '{"values": [1]}'],
    ['a negative seq', '{"seq": -1, "values": {"a": 1}}'],
    ['a fractional seq', '{"seq": 1.5, "values": {"a": 1}}'],
  ])('rejects %s as bad_shape', (_n, text) => {
    expect(parseTelemetry(raw(text), ARRIVAL)).toMatchObject({ ok: false, reason: 'bad_shape' });
  });

  it('rejects empty values', () => {
    expect(parseTelemetry(json({ values: {} }), ARRIVAL)).toMatchObject({ ok: false, reason: 'empty_values' });
  });

  it('rejects the whole batch when one element is bad, naming the element', () => {
    const r = parseTelemetry(json([{ values: { a: 1 } }, { values: { a: 'x' } }, { values: { a: 3 } }]), ARRIVAL);
    expect(r).toMatchObject({ ok: false, reason: 'bad_value' });
    expect(!r.ok && r.detail).toContain('[1]');
  });

  it('accepts 64 KiB and rejects 64 KiB + 1 byte as too_large', () => {
    const head = '{"values": {"a": 1}, "pad": "';
    const tail = '"}';
    const exact = raw(head + 'x'.repeat(MAX_PAYLOAD_BYTES - head.length - tail.length) + tail);
    expect(exact.length).toBe(65536);
    expect(parseTelemetry(exact, ARRIVAL).ok).toBe(true);
    const over = raw(head + 'x'.repeat(MAX_PAYLOAD_BYTES - head.length - tail.length + 1) + tail);
    expect(parseTelemetry(over, ARRIVAL)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('ignores unknown keys (the contract grows by adding)', () => {
    const r = parseTelemetry(json({ values: { a: 1 }, firmware: '2.1' }), ARRIVAL);
    expect(r.ok && r.value[0]).toEqual({ ts: ARRIVAL, values: { a: 1 } });
  });
});

describe('parseEvent', () => {
  it('accepts the event of devices/CONTRACT.md', () => {
    const r = parseEvent(json({ ts: 1764150000000, code: 'LEAK_DETECTED', message: 'basement B2' }), 1764150000000);
    expect(r).toEqual({ ok: true, value: { ts: 1764150000000, code: 'LEAK_DETECTED', message: 'basement B2' } });
  });

  it('uses the arrival time without ts and allows no message', () => {
    expect(parseEvent(json({ code: 'PUMP_TRIP' }), ARRIVAL)).toEqual({
      ok: true,
      value: { ts: ARRIVAL, code: 'PUMP_TRIP' },
    });
  });

  it.each([
    ['a lower-case code', { code: 'leak' }],
    ['a code with a space', { code: 'LEAK DETECTED' }],
    ['no code', { message: 'x' }],
    ['a message that is not a string', { code: 'A', message: 5 }],
    ['a message of 501 characters', { code: 'A', message: 'x'.repeat(501) }],
    ['an array', [{ code: 'A' }]],
  ])('rejects %s as bad_event', (_n, body) => {
    expect(parseEvent(json(body), ARRIVAL)).toMatchObject({ ok: false, reason: 'bad_event' });
  });

  it('counts message length in characters: 500 CJK characters are fine', () => {
    expect(parseEvent(json({ code: 'A', message: '漏'.repeat(500) }), ARRIVAL).ok).toBe(true);
    expect(parseEvent(json({ code: 'A', message: '😀'.repeat(500) }), ARRIVAL).ok).toBe(true);
    expect(parseEvent(json({ code: 'A', message: '😀'.repeat(501) }), ARRIVAL).ok).toBe(false);
  });

  it('rejects bad JSON and future ts', () => {
    expect(parseEvent(raw('{code:'), ARRIVAL)).toMatchObject({ ok: false, reason: 'bad_json' });
    const future = json({ ts: ARRIVAL + FUTURE_TOLERANCE_MS + 1, code: 'A' });
    expect(parseEvent(future, ARRIVAL)).toMatchObject({ ok: false, reason: 'future_ts' });
  });
});

describe('parseStatus', () => {
  it.each([
    ['online', 'online'],
    ['offline', 'offline'],
    [' online\n', 'online'],
  ])('accepts %j', (text, status) => {
    expect(parseStatus(raw(text))).toEqual({ ok: true, value: status });
  });

  it.each(['ONLINE', '"online"', '{"status":"online"}', '', 'on line', 'x'.repeat(100)])('rejects %j', (text) => {
    expect(parseStatus(raw(text))).toMatchObject({ ok: false, reason: 'bad_status' });
  });
});

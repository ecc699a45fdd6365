/**
 * Validation of the payloads of devices/CONTRACT.md "Telemetry payload" and the `event` / `status`
 * kinds of devices/CONTRACT.md "Topics". A message that breaks the contract is rejected with a
 * reason (counted per device and reason by ingest) and never throws: a malformed message
 * must not stop ingest.
 *
 * Unknown extra keys are ignored: the contract changes only by adding (devices/CONTRACT.md intro), so
 * a newer device must still be understood by this version.
 */
import { isValidMetricName } from './metrics';
import type { DeviceEvent, DeviceStatus, Parsed, Reading, RejectionReason } from './types';

/** devices/CONTRACT.md: "JSON, UTF-8, at most 64 KiB". */
export const MAX_PAYLOAD_BYTES = 65536;

/** devices/CONTRACT.md: "Readings more than 5 minutes in the future are rejected". */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * The earliest accepted `ts` (2000-01-01T00:00:00Z). Not in devices/CONTRACT.md, which asks for epoch
 * milliseconds: a device that sends epoch *seconds* (~1.7e9) would otherwise store its
 * points silently in January 1970, where nobody looks and retention deletes them.
 */
export const MIN_TS_MS = 946_684_800_000;

/** The longest event message, in characters (code points). */
export const MAX_EVENT_MESSAGE_CHARS = 500;

/** Device fault codes, like our own fault codes: `LEAK_DETECTED`. */
const EVENT_CODE_RE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** A status payload longer than this cannot be `online`/`offline` plus some whitespace. */
const MAX_STATUS_BYTES = 64;

// `fatal`: invalid UTF-8 is a contract breach (bad_json), not something to patch with U+FFFD.
// Reusable: decode() without {stream: true} keeps no state between calls.
const utf8 = new TextDecoder('utf-8', { fatal: true });

type Failure = { ok: false; reason: RejectionReason; detail?: string };

function fail(reason: RejectionReason, detail?: string): Failure {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Size check, strict UTF-8 decoding and JSON.parse; never throws. */
function decodeJson(payload: Buffer): { ok: true; value: unknown } | Failure {
  if (payload.length > MAX_PAYLOAD_BYTES) return fail('too_large', `${payload.length} bytes`);
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return fail('bad_json', 'not UTF-8');
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return fail('bad_json');
  }
}

/**
 * The point's time: the device's `ts` (epoch ms) or, when absent, the arrival time
 * (devices/CONTRACT.md "ts ... Optional"). Returns a reason when `ts` is present but unusable.
 * Fractional milliseconds are rounded: the time is the point's identity (a redelivered
 * message overwrites the same point), so it must be a deterministic integer.
 */
function pointTime(raw: unknown, arrivalMs: number): number | RejectionReason {
  if (raw === undefined) return arrivalMs;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < MIN_TS_MS) return 'bad_ts';
  const ts = Math.round(raw);
  if (ts - arrivalMs > FUTURE_TOLERANCE_MS) return 'future_ts';
  return ts;
}

function parseReading(el: unknown, arrivalMs: number, at: string): { ok: true; value: Reading } | Failure {
  if (!isObject(el)) return fail('bad_shape', `${at}: not an object`);
  const ts = pointTime(el.ts, arrivalMs);
  if (typeof ts !== 'number') return fail(ts, `${at}.ts`);

  const rawSeq = el.seq;
  if (rawSeq !== undefined && !(Number.isSafeInteger(rawSeq) && (rawSeq as number) >= 0)) {
    return fail('bad_shape', `${at}.seq: not a non-negative integer`);
  }

  const rawValues = el.values;
  if (!isObject(rawValues)) return fail('bad_shape', `${at}.values: not an object`);
  const values: Record<string, number> = {};
  let count = 0;
  for (const name in rawValues) {
    // Names become InfluxDB field keys and rule inputs: rejected, never escaped.
    if (!isValidMetricName(name)) return fail('bad_value', `${at}.values: invalid metric name`);
    const v = rawValues[name];
    if (typeof v === 'number') {
      // JSON.parse turns 1e400 into Infinity; NaN/Infinity literals are already bad_json.
      if (!Number.isFinite(v)) return fail('bad_value', `${at}.values.${name}: not finite`);
      values[name] = v;
    } else if (typeof v === 'boolean') {
      values[name] = v ? 1 : 0; // devices/CONTRACT.md: "booleans as 0/1"
    } else {
      return fail('bad_value', `${at}.values.${name}: not a number or boolean`);
    }
    count++;
  }
  if (count === 0) return fail('empty_values', `${at}.values`);

  const reading: Reading = rawSeq === undefined ? { ts, values } : { ts, seq: rawSeq as number, values };
  return { ok: true, value: reading };
}

/**
 * Telemetry: one reading object, or a non-empty array of them from a buffered device.
 * One bad element rejects the whole message: a device must not get half-stored batches
 * silently; the rejection is counted and visible, a partial store would not be.
 */
export function parseTelemetry(payload: Buffer, arrivalMs: number): Parsed<Reading[]> {
  const json = decodeJson(payload);
  if (!json.ok) return json;
  const root = json.value;
  if (Array.isArray(root)) {
    if (root.length === 0) return fail('bad_shape', 'empty array');
    const readings: Reading[] = new Array<Reading>(root.length);
    for (let i = 0; i < root.length; i++) {
      const r = parseReading(root[i], arrivalMs, `[${i}]`);
      if (!r.ok) return r;
      readings[i] = r.value;
    }
    return { ok: true, value: readings };
  }
  const r = parseReading(root, arrivalMs, '$');
  return r.ok ? { ok: true, value: [r.value] } : r;
}

/** `event`: `{"ts": 1764150000000, "code": "LEAK_DETECTED", "message": "basement B2", "active": true}`. */
export function parseEvent(payload: Buffer, arrivalMs: number): Parsed<DeviceEvent> {
  const json = decodeJson(payload);
  if (!json.ok) return json;
  const el = json.value;
  if (!isObject(el)) return fail('bad_event', 'not an object');
  // Same `ts` rules and reasons as telemetry: one field, one meaning.
  const ts = pointTime(el.ts, arrivalMs);
  if (typeof ts !== 'number') return fail(ts, 'ts');
  const code = el.code;
  if (typeof code !== 'string' || !EVENT_CODE_RE.test(code)) return fail('bad_event', 'code');
  const active = el.active;
  if (active !== undefined && typeof active !== 'boolean') return fail('bad_event', 'active: not a boolean');
  const event: DeviceEvent = active === undefined ? { ts, code } : { ts, code, active };
  const message = el.message;
  if (message === undefined) return { ok: true, value: event };
  if (typeof message !== 'string') return fail('bad_event', 'message: not a string');
  // Code points, not UTF-16 units: an emoji is one character (and never more than .length).
  if (message.length > MAX_EVENT_MESSAGE_CHARS && codePoints(message) > MAX_EVENT_MESSAGE_CHARS) {
    return fail('bad_event', 'message: too long');
  }
  event.message = message;
  return { ok: true, value: event };
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // a low surrogate belongs to the previous code point
  }
  return n;
}

/** `status`: exactly `online` or `offline` (devices/CONTRACT.md), surrounding whitespace tolerated. */
export function parseStatus(payload: Buffer): Parsed<DeviceStatus> {
  if (payload.length > MAX_STATUS_BYTES) return fail('bad_status', 'too long');
  const s = payload.toString('utf8').trim();
  if (s === 'online' || s === 'offline') return { ok: true, value: s };
  return fail('bad_status');
}

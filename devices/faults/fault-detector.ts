/**
 * The fault detector: readings, statuses and device events in, FaultEvents (raise / clear)
 * out. Pure: no I/O, no timers, no clock; the caller passes every time (devices/CONTRACT.md
 * "Default fault rules").
 *
 * State is kept per device id + fault code:
 *   idle --violating--> pending --violating for onDelay--> raised --clear level for offDelay--> idle
 * (rule-state-machine.ts), plus event rules and DEVICE_OFFLINE from `status` and silence
 * (here). Every event names its device; the AlertService combines the devices of one
 * equipment into one episode per equipment + fault code (raised while any device raises it).
 *
 * Durations are measured on reading time (`ts`), so a buffered batch that arrives late
 * raises exactly what the live readings would have raised — but never ahead of the arrival
 * time: a reading stamped in the future counts as arriving now, so one device with a fast
 * clock cannot push its "latest time" ahead and make every later, correct reading look out
 * of order. Silence (no telemetry) and the offline on-delay are about arrival, so they use
 * arrival times.
 *
 * Runs for every message (the ingest rate of BENCHMARKS.md): rules are compiled per system in setRules; the
 * per-reading path allocates nothing but the events it returns (and one array per message).
 */
import type { DeviceEvent, DeviceStatus, KnownDevice, Reading } from '../contract/types';
import { compileRules, type CompiledRuleSet } from './compiled-rules';
import { DEFAULT_DEVICE_OFFLINE } from './default-rules';
import { OFFLINE_BY_STATUS, ONLINE_BY_STATUS, ONLINE_BY_TELEMETRY, silenceMessage } from './fault-messages';
import { DEVICE_OFFLINE, type DeviceOfflineSpec, type FaultEvent, type FaultRuleSpec } from './fault-types';
import { RAISED, raisedState, stepRule, type RuleState } from './rule-state-machine';

interface DeviceState {
  /** the newest (arrival-bounded) reading time processed; older readings do not change state */
  lastTs: number;
  /** arrival (wall clock) that starts the current silence window; NaN: never seen nor watched */
  silenceSinceMs: number;
  offline: boolean;
  /** arrival of an `offline` status still within its on-delay; NaN when none is pending */
  offlineSinceMs: number;
  /** by fault code; created on the first violation and then kept */
  faults: Map<string, RuleState>;
}

const byTs = (a: Reading, b: Reading): number => a.ts - b.ts;

function isSortedByTs(readings: readonly Reading[]): boolean {
  for (let i = 1; i < readings.length; i++) if (readings[i].ts < readings[i - 1].ts) return false;
  return true;
}

/** A reading stamped more than this ahead of its arrival is counted as clock-skewed. */
const SKEW_TOLERANCE_MS = 1000;

/** What the detector set aside, for /metrics: nothing it ignores goes uncounted. */
export interface DetectorCounts {
  /** readings older than the device's latest processed time: stored, not evaluated */
  outOfOrderReadings: number;
  /** readings stamped over 1 s ahead of their arrival: evaluated at their arrival time */
  futureReadings: number;
}

export class FaultDetector {
  private rules: CompiledRuleSet;
  private readonly devices = new Map<string, DeviceState>();
  readonly counts: DetectorCounts = { outOfOrderReadings: 0, futureReadings: 0 };

  /** Throws a RangeError when an enabled rule is invalid (see validateFaultRules). */
  constructor(
    rules: FaultRuleSpec[],
    private readonly offline: DeviceOfflineSpec = DEFAULT_DEVICE_OFFLINE,
  ) {
    this.rules = compileRules(rules);
  }

  /**
   * Replaces the rules (they are edited at run time). State of a code that is still
   * enabled is kept, so editing a threshold does not re-raise an active fault; state of a
   * code that disappeared or was disabled is dropped without a clear event: whoever
   * disables a rule resolves its open alerts. Throws, changing nothing, on invalid rules.
   */
  setRules(rules: FaultRuleSpec[]): void {
    const compiled = compileRules(rules);
    this.rules = compiled;
    for (const ds of this.devices.values()) {
      for (const code of ds.faults.keys()) if (!compiled.codes.has(code)) ds.faults.delete(code);
    }
  }

  /**
   * Evaluates one message's readings. Any telemetry also proves the device is online: it
   * clears DEVICE_OFFLINE and restarts the silence window at `arrivalMs` (wall clock).
   */
  onReadings(device: KnownDevice, readings: Reading[], arrivalMs: number): FaultEvent[] {
    const events: FaultEvent[] = [];
    const ds = this.stateOf(device.device);
    ds.silenceSinceMs = arrivalMs;
    ds.offlineSinceMs = Number.NaN;
    if (ds.offline) {
      ds.offline = false;
      events.push(this.offlineEvent('clear', device, arrivalMs, ONLINE_BY_TELEMETRY));
    }
    const rules = this.rules.bySystem[device.system] ?? [];
    // A buffered batch may come in any order; sorted, it behaves like live data. The
    // caller's array is not reordered (the store uses it too).
    const sorted = isSortedByTs(readings) ? readings : [...readings].sort(byTs);
    for (let i = 0; i < sorted.length; i++) {
      const reading = sorted[i];
      let t = reading.ts;
      if (t > arrivalMs) {
        if (t - arrivalMs > SKEW_TOLERANCE_MS) this.counts.futureReadings += 1;
        t = arrivalMs;
      }
      // Out of order (older than what was processed): stored elsewhere, but feeding it to
      // the state machine would run time backwards. `!(>=)` also skips a NaN ts.
      if (!(t >= ds.lastTs)) {
        this.counts.outOfOrderReadings += 1;
        continue;
      }
      ds.lastTs = t;
      for (let j = 0; j < rules.length; j++) stepRule(device, ds.faults, rules[j], reading, t, events);
    }
    return events;
  }

  /**
   * devices/CONTRACT.md `event`: a fault the device detects itself. Its code must be the fault
   * code of an enabled `event` rule of the device's system; otherwise nothing is raised and
   * `null` tells the caller to count the message as rejected. `active` (default true) raises,
   * `false` clears; a repeat of the state the fault is already in changes nothing, so a device
   * repeating its event cannot flood the alert path.
   */
  onEvent(device: KnownDevice, event: DeviceEvent, arrivalMs: number): FaultEvent[] | null {
    const rule = this.rules.eventsBySystem[device.system]?.get(event.code);
    if (rule === undefined) return null;
    const ds = this.stateOf(device.device);
    const st = ds.faults.get(rule.faultCode);
    const raised = st !== undefined && st.phase === RAISED;
    const active = event.active !== false;
    if (active === raised) return [];
    if (active) ds.faults.set(rule.faultCode, raisedState());
    else ds.faults.delete(rule.faultCode);
    const message = event.message ? `${event.code}: ${event.message}` : event.code;
    const at = Math.min(event.ts, arrivalMs);
    const { faultCode, severity } = rule;
    const { equipmentId, device: deviceId } = device;
    return [
      {
        type: active ? 'raise' : 'clear',
        faultCode,
        severity,
        equipmentId,
        deviceId,
        at,
        message: active ? message : `cleared: ${message}`,
      },
    ];
  }

  /**
   * devices/CONTRACT.md: `status` is retained `online` / `offline`, `offline` being the Last
   * Will. `offline` raises only once it has lasted `statusOnDelayMs` (checkSilence raises it);
   * `online` or telemetry within that time cancels it without any event.
   */
  onStatus(device: KnownDevice, status: DeviceStatus, atMs: number): FaultEvent[] {
    const ds = this.stateOf(device.device);
    if (status === 'offline') {
      if (ds.offline || !Number.isNaN(ds.offlineSinceMs)) return [];
      if (this.offline.statusOnDelayMs > 0) {
        ds.offlineSinceMs = atMs;
        return [];
      }
      ds.offline = true;
      return [this.offlineEvent('raise', device, atMs, OFFLINE_BY_STATUS)];
    }
    ds.offlineSinceMs = Number.NaN;
    // A device that just came back gets a fresh silence window: otherwise the next
    // checkSilence, before its first telemetry, would raise again and open a new episode.
    if (!(ds.silenceSinceMs >= atMs)) ds.silenceSinceMs = atMs;
    if (!ds.offline) return [];
    ds.offline = false;
    return [this.offlineEvent('clear', device, atMs, ONLINE_BY_STATUS)];
  }

  /**
   * devices/CONTRACT.md: DEVICE_OFFLINE after no telemetry for 3 × the device's interval, or
   * after an `offline` status that lasted its on-delay. Only devices seen before or watched
   * are checked; call it from a timer with the wall clock.
   */
  checkSilence(nowMs: number, devices: Iterable<KnownDevice>): FaultEvent[] {
    const events: FaultEvent[] = [];
    for (const device of devices) {
      const ds = this.devices.get(device.device);
      if (ds === undefined || ds.offline) continue;
      if (nowMs - ds.offlineSinceMs >= this.offline.statusOnDelayMs) {
        // the episode starts when the device went offline, not when the on-delay ran out
        ds.offline = true;
        events.push(this.offlineEvent('raise', device, ds.offlineSinceMs, OFFLINE_BY_STATUS));
        ds.offlineSinceMs = Number.NaN;
        continue;
      }
      if (!(device.intervalS > 0)) continue;
      const silentMs = nowMs - ds.silenceSinceMs; // NaN when never seen: comparison false
      if (silentMs > this.offline.silenceIntervals * device.intervalS * 1000) {
        ds.offline = true;
        events.push(this.offlineEvent('raise', device, nowMs, silenceMessage(silentMs, device.intervalS)));
      }
    }
    return events;
  }

  /** Starts the silence window of a provisioned device, so one that never speaks is detected too. */
  watch(device: KnownDevice, sinceMs: number): void {
    const ds = this.stateOf(device.device);
    if (Number.isNaN(ds.silenceSinceMs)) ds.silenceSinceMs = sinceMs;
  }

  forget(deviceId: string): void {
    this.devices.delete(deviceId);
  }

  activeFaults(): Array<{ deviceId: string; faultCode: string }> {
    const out: Array<{ deviceId: string; faultCode: string }> = [];
    for (const [deviceId, ds] of this.devices) {
      if (ds.offline) out.push({ deviceId, faultCode: DEVICE_OFFLINE });
      for (const [faultCode, st] of ds.faults) if (st.phase === RAISED) out.push({ deviceId, faultCode });
    }
    return out;
  }

  /**
   * After a restart: faults already active in the database start raised, so they are not
   * raised twice and clear normally. Codes of no enabled rule (other than DEVICE_OFFLINE)
   * are ignored, as setRules would drop them.
   */
  restore(active: Array<{ deviceId: string; faultCode: string }>): void {
    for (const { deviceId, faultCode } of active) {
      if (faultCode === DEVICE_OFFLINE) {
        this.stateOf(deviceId).offline = true;
      } else if (this.rules.codes.has(faultCode)) {
        this.stateOf(deviceId).faults.set(faultCode, raisedState());
      }
    }
  }

  private stateOf(deviceId: string): DeviceState {
    let ds = this.devices.get(deviceId);
    if (ds === undefined) {
      ds = {
        lastTs: -Infinity,
        silenceSinceMs: Number.NaN,
        offline: false,
        offlineSinceMs: Number.NaN,
        faults: new Map(),
      };
      this.devices.set(deviceId, ds);
    }
    return ds;
  }

  private offlineEvent(type: FaultEvent['type'], device: KnownDevice, at: number, message: string): FaultEvent {
    const { faultCode, severity } = this.offline;
    return { type, faultCode, severity, equipmentId: device.equipmentId, deviceId: device.device, at, message };
  }
}

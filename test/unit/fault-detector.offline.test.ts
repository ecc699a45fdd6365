// Real: devices/faults/fault-detector.ts (pure, no clock): DEVICE_OFFLINE, restore, setRules.
// Faked: nothing; wall-clock and reading times are passed in.
import type { KnownDevice, Reading } from '../../devices/contract/types';
import { DEFAULT_DEVICE_OFFLINE, DEFAULT_FAULT_RULES } from '../../devices/faults/default-rules';
import { FaultDetector } from '../../devices/faults/fault-detector';
import type { FaultRuleSpec } from '../../devices/faults/fault-types';

const T0 = Date.UTC(2026, 0, 10, 2, 0, 0);
const s = (sec: number) => T0 + sec * 1000;
const dev: KnownDevice = {
  site: 'SH01',
  building: 'B1',
  system: 'water',
  device: 'w-1',
  equipmentId: 'eq-1',
  equipmentCode: 'EQ-1',
  intervalS: 60,
  ratedCurrentA: null,
};
const r = (sec: number, values: Record<string, number>): Reading => ({ ts: s(sec), values });
/** an `offline` status raises at once (the on-delay has its own tests below) */
const NO_DELAY = { ...DEFAULT_DEVICE_OFFLINE, statusOnDelayMs: 0 };

describe('FaultDetector: DEVICE_OFFLINE by status', () => {
  it('raises on offline once and clears on online', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES, NO_DELAY);
    expect(d.onStatus(dev, 'online', s(0))).toEqual([]); // nothing to clear
    const [raise] = d.onStatus(dev, 'offline', s(10));
    expect(raise).toEqual({
      type: 'raise',
      faultCode: 'DEVICE_OFFLINE',
      severity: 'minor',
      equipmentId: 'eq-1',
      deviceId: 'w-1',
      at: s(10),
      message: 'device reported offline (status)',
    });
    expect(d.onStatus(dev, 'offline', s(20))).toEqual([]);
    expect(d.activeFaults()).toEqual([{ deviceId: 'w-1', faultCode: 'DEVICE_OFFLINE' }]);
    expect(d.onStatus(dev, 'online', s(30))).toMatchObject([{ type: 'clear', faultCode: 'DEVICE_OFFLINE', at: s(30) }]);
    expect(d.activeFaults()).toEqual([]);
  });

  it('clears on any telemetry (arrival time), before the rule events of that message', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES, NO_DELAY);
    d.onStatus(dev, 'offline', s(0));
    const events = d.onReadings(dev, [r(5, { leak: 1 })], s(7));
    expect(events.map((e) => [e.type, e.faultCode, e.at])).toEqual([
      ['clear', 'DEVICE_OFFLINE', s(7)],
      ['raise', 'WATER_LEAK', s(5)],
    ]);
  });
});

describe('FaultDetector: DEVICE_OFFLINE by silence', () => {
  it('raises after 3 × intervalS without telemetry, once, and clears on telemetry', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES, NO_DELAY);
    d.onReadings(dev, [r(0, { flow_m3h: 1 })], s(0));
    expect(d.checkSilence(s(180), [dev])).toEqual([]); // exactly 3 intervals: not yet
    const [raise] = d.checkSilence(s(181), [dev]);
    expect(raise).toMatchObject({
      type: 'raise',
      faultCode: 'DEVICE_OFFLINE',
      at: s(181),
      message: 'no telemetry for 181 s (expected every 60 s)',
    });
    expect(d.checkSilence(s(400), [dev])).toEqual([]);
    expect(d.onReadings(dev, [r(500, { flow_m3h: 1 })], s(500))).toMatchObject([
      { type: 'clear', faultCode: 'DEVICE_OFFLINE' },
    ]);
  });

  it('measures silence on arrival, not reading time (a late batch proves the device is alive)', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES, NO_DELAY);
    d.onReadings(dev, [r(-3600, { flow_m3h: 1 })], s(0));
    expect(d.checkSilence(s(100), [dev])).toEqual([]);
  });

  it('detects a watched device that never speaks, and ignores unknown ones', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES, NO_DELAY);
    const silent = { ...dev, device: 'w-2', equipmentId: 'eq-2' };
    const unknown = { ...dev, device: 'w-3', equipmentId: 'eq-3' };
    d.watch(silent, s(0));
    expect(d.checkSilence(s(1000), [silent, unknown]).map((e) => e.deviceId)).toEqual(['w-2']);
  });

  it('gives a device that reports online a fresh window (no immediate re-raise)', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES, NO_DELAY);
    d.watch(dev, s(0));
    expect(d.checkSilence(s(200), [dev])).toHaveLength(1);
    expect(d.onStatus(dev, 'online', s(3600))).toHaveLength(1); // clear
    expect(d.checkSilence(s(3610), [dev])).toEqual([]);
    expect(d.checkSilence(s(3781), [dev])).toHaveLength(1);
  });

  it('forgets a device', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES, NO_DELAY);
    d.watch(dev, s(0));
    d.forget(dev.device);
    expect(d.checkSilence(s(1000), [dev])).toEqual([]);
  });
});

describe('FaultDetector: restore', () => {
  it('starts restored faults raised: no second raise, and they clear normally', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES, NO_DELAY);
    d.restore([
      { deviceId: 'w-1', faultCode: 'WATER_PRESSURE_LOW' },
      { deviceId: 'w-1', faultCode: 'DEVICE_OFFLINE' },
      { deviceId: 'w-1', faultCode: 'NO_SUCH_RULE' },
    ]);
    expect(d.activeFaults()).toEqual([
      { deviceId: 'w-1', faultCode: 'DEVICE_OFFLINE' },
      { deviceId: 'w-1', faultCode: 'WATER_PRESSURE_LOW' },
    ]);
    expect(d.onStatus(dev, 'offline', s(0))).toEqual([]);
    const events = [0, 60, 120].flatMap((t) => d.onReadings(dev, [r(t, { pressure_kpa: 80 })], s(t)));
    expect(events.map((e) => `${e.type} ${e.faultCode}`)).toEqual(['clear DEVICE_OFFLINE']);
    expect(d.onReadings(dev, [r(130, { pressure_kpa: 115 })], s(130))).toMatchObject([
      { type: 'clear', faultCode: 'WATER_PRESSURE_LOW', at: s(130) },
    ]);
  });
});

describe('FaultDetector: setRules', () => {
  it('keeps the state of a rule whose threshold changed (no re-raise)', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES, NO_DELAY);
    d.onReadings(dev, [r(0, { pressure_kpa: 90 }), r(60, { pressure_kpa: 90 })], s(60));
    d.setRules(
      DEFAULT_FAULT_RULES.map((x) => (x.faultCode === 'WATER_PRESSURE_LOW' ? { ...x, low: 95, clearLow: 100 } : x)),
    );
    expect(d.onReadings(dev, [r(70, { pressure_kpa: 90 })], s(70))).toEqual([]);
    expect(d.onReadings(dev, [r(80, { pressure_kpa: 100 })], s(80))).toMatchObject([
      { type: 'clear', message: 'cleared: pressure_kpa 100 >= 100' },
    ]);
  });

  it('drops the state of a disabled rule and stops evaluating it', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES, NO_DELAY);
    d.onReadings(dev, [r(0, { leak: 1 })], s(0));
    expect(d.activeFaults()).toEqual([{ deviceId: 'w-1', faultCode: 'WATER_LEAK' }]);
    d.setRules(DEFAULT_FAULT_RULES.map((x) => (x.faultCode === 'WATER_LEAK' ? { ...x, enabled: false } : x)));
    expect(d.activeFaults()).toEqual([]);
    expect(d.onReadings(dev, [r(10, { leak: 1 }), r(20, { leak: 0 })], s(20))).toEqual([]);
  });

  it('evaluates a new rule, and a rule with system null for every system', () => {
    const d = new FaultDetector([]);
    const anyFlow: FaultRuleSpec = {
      ...DEFAULT_FAULT_RULES[0],
      faultCode: 'NO_FLOW',
      system: null,
      metrics: ['flow_m3h'],
      low: 0.1,
      clearLow: null,
      onDelayS: 0,
    };
    d.setRules([anyFlow]);
    expect(d.onReadings(dev, [r(0, { flow_m3h: 0 })], s(0))).toMatchObject([
      { faultCode: 'NO_FLOW', message: 'flow_m3h 0 < 0.1' },
    ]);
    expect(d.onReadings({ ...dev, system: 'heating', device: 'h-1' }, [r(0, { flow_m3h: 0 })], s(0))).toHaveLength(1);
  });

  it('refuses invalid rules and keeps the previous ones', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES, NO_DELAY);
    const broken = DEFAULT_FAULT_RULES.map((x) => (x.faultCode === 'WATER_LEAK' ? { ...x, high: null } : x));
    expect(() => d.setRules(broken)).toThrow(/WATER_LEAK: condition 'above' needs high/);
    expect(d.onReadings(dev, [r(0, { leak: 1 })], s(0))).toHaveLength(1);
  });
});

describe('FaultDetector: the on-delay of an offline status (a reconnect is not an outage)', () => {
  const brief = (events: Array<{ type: string; faultCode: string; at: number }>) =>
    events.map((e) => `${e.type} ${e.faultCode} @${(e.at - T0) / 1000}`);

  it('a Last Will followed by online within the on-delay raises nothing, even after it elapsed', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES); // default: 30 s
    expect(DEFAULT_DEVICE_OFFLINE.statusOnDelayMs).toBe(30_000);
    expect(d.onStatus(dev, 'offline', s(0))).toEqual([]); // the old session's Last Will
    expect(d.onStatus(dev, 'online', s(0.009))).toEqual([]); // the new session, 9 ms later
    expect(d.checkSilence(s(31), [dev])).toEqual([]);
    expect(d.checkSilence(s(120), [dev])).toEqual([]);
    expect(d.activeFaults()).toEqual([]);
  });

  it('telemetry within the on-delay also cancels it', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    d.onStatus(dev, 'offline', s(0));
    expect(d.onReadings(dev, [r(5, { pressure_kpa: 300 })], s(5))).toEqual([]);
    expect(d.checkSilence(s(40), [dev])).toEqual([]);
  });

  it('an offline that lasts the on-delay raises once, stamped when the device went offline', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    d.onStatus(dev, 'offline', s(10));
    expect(d.checkSilence(s(39), [dev])).toEqual([]);
    expect(brief(d.checkSilence(s(40), [dev]))).toEqual(['raise DEVICE_OFFLINE @10']);
    expect(d.checkSilence(s(41), [dev])).toEqual([]);
    expect(d.onStatus(dev, 'offline', s(50))).toEqual([]);
    expect(brief(d.onStatus(dev, 'online', s(60)))).toEqual(['clear DEVICE_OFFLINE @60']);
  });
});

// Real: devices/faults/fault-detector.ts (pure, no clock) with the default threshold and event
// rules. Faked: nothing; arrival and reading times are passed in.
import type { KnownDevice, Reading } from '../../devices/contract/types';
import { DEFAULT_EVENT_RULES, DEFAULT_FAULT_RULES } from '../../devices/faults/default-rules';
import { FaultDetector } from '../../devices/faults/fault-detector';
import type { FaultEvent } from '../../devices/faults/fault-types';

const T0 = Date.UTC(2026, 10, 28, 8, 0, 0);
const s = (sec: number) => T0 + sec * 1000;
const water: KnownDevice = {
  site: 'S1',
  building: 'B1',
  system: 'water',
  device: 'w-1',
  equipmentId: 'eq-1',
  equipmentCode: 'EQ-1',
  intervalS: 10,
  ratedCurrentA: null,
};
const r = (sec: number, values: Record<string, number>): Reading => ({ ts: s(sec), values });
const brief = (events: FaultEvent[] | null) =>
  (events ?? []).map((e) => `${e.type} ${e.faultCode} @${(e.at - T0) / 1000}`);
const rules = [...DEFAULT_FAULT_RULES, ...DEFAULT_EVENT_RULES];

describe('FaultDetector: a reading stamped in the future', () => {
  it('does not blind the rules: the next real leak raises at once, and the skew is counted', () => {
    const d = new FaultDetector(rules);
    // one reading stamped 4 minutes ahead (within the contract's 5-minute tolerance)
    expect(d.onReadings(water, [r(240, { leak: 0 })], s(0))).toEqual([]);
    expect(d.counts.futureReadings).toBe(1);
    // the device's next, correctly stamped reading: a leak, 1 s later
    expect(brief(d.onReadings(water, [r(1, { leak: 1 })], s(1)))).toEqual(['raise WATER_LEAK @1']);
    expect(d.counts.outOfOrderReadings).toBe(0);
  });

  it('is evaluated at its arrival: on-delays cannot be skipped by a fast clock', () => {
    const d = new FaultDetector(rules);
    // WATER_PRESSURE_LOW needs 60 s below 100 kPa; readings stamped 70 s ahead arrive 1 s apart
    expect(d.onReadings(water, [r(70, { pressure_kpa: 90 })], s(0))).toEqual([]);
    expect(d.onReadings(water, [r(71, { pressure_kpa: 90 })], s(1))).toEqual([]);
    expect(brief(d.onReadings(water, [r(130, { pressure_kpa: 90 })], s(60)))).toEqual(['raise WATER_PRESSURE_LOW @60']);
  });

  it('still ignores a genuinely late reading (older than the latest), and counts it', () => {
    const d = new FaultDetector(rules);
    d.onReadings(water, [r(10, { leak: 0 })], s(10));
    expect(d.onReadings(water, [r(5, { leak: 1 })], s(11))).toEqual([]);
    expect(d.counts.outOfOrderReadings).toBe(1);
  });
});

describe('FaultDetector: device events (event rules)', () => {
  it('raises an event rule once, ignores repeats, clears on active: false', () => {
    const d = new FaultDetector(rules);
    expect(brief(d.onEvent(water, { ts: s(1), code: 'LEAK_DETECTED' }, s(1)))).toEqual(['raise LEAK_DETECTED @1']);
    for (let i = 2; i < 200; i++) expect(d.onEvent(water, { ts: s(i), code: 'LEAK_DETECTED' }, s(i))).toEqual([]);
    expect(d.activeFaults()).toEqual([{ deviceId: 'w-1', faultCode: 'LEAK_DETECTED' }]);
    const [clear] = d.onEvent(water, { ts: s(300), code: 'LEAK_DETECTED', active: false }, s(300))!;
    expect(clear).toMatchObject({ type: 'clear', severity: 'critical', message: 'cleared: LEAK_DETECTED' });
    expect(d.onEvent(water, { ts: s(301), code: 'LEAK_DETECTED', active: false }, s(301))).toEqual([]);
  });

  it('answers null (rejected) for a code that is no event rule of the device system', () => {
    const d = new FaultDetector(rules);
    expect(d.onEvent(water, { ts: s(1), code: 'NOT_A_RULE' }, s(1))).toBeNull();
    expect(d.onEvent(water, { ts: s(1), code: 'WATER_LEAK' }, s(1))).toBeNull(); // a threshold rule
    expect(d.onEvent(water, { ts: s(1), code: 'BOILER_FAULT' }, s(1))).toBeNull(); // heating only
    expect(brief(d.onEvent(water, { ts: s(1), code: 'PUMP_FAULT' }, s(1)))).toEqual(['raise PUMP_FAULT @1']);
  });

  it('bounds the event time by its arrival, and a disabled event rule stops raising', () => {
    const d = new FaultDetector(rules);
    expect(brief(d.onEvent(water, { ts: s(200), code: 'LEAK_DETECTED' }, s(2)))).toEqual(['raise LEAK_DETECTED @2']);
    d.setRules(rules.map((rule) => (rule.faultCode === 'PUMP_FAULT' ? { ...rule, enabled: false } : rule)));
    expect(d.onEvent(water, { ts: s(3), code: 'PUMP_FAULT' }, s(3))).toBeNull();
  });

  it('restores an active event episode raised: the device clear then clears it', () => {
    const d = new FaultDetector(rules);
    d.restore([{ deviceId: 'w-1', faultCode: 'LEAK_DETECTED' }]);
    expect(d.onEvent(water, { ts: s(1), code: 'LEAK_DETECTED' }, s(1))).toEqual([]);
    expect(brief(d.onEvent(water, { ts: s(2), code: 'LEAK_DETECTED', active: false }, s(2)))).toEqual([
      'clear LEAK_DETECTED @2',
    ]);
  });
});

// Real: devices/faults/fault-detector.ts with the seeded DEFAULT_FAULT_RULES (pure, no clock).
// Faked: nothing; times are passed in. Threshold rules here; offline/restore/setRules in
// fault-detector.offline.test.ts.
import type { KnownDevice, Reading, SystemName } from '../../devices/contract/types';
import { DEFAULT_FAULT_RULES } from '../../devices/faults/default-rules';
import { FaultDetector } from '../../devices/faults/fault-detector';
import type { FaultEvent } from '../../devices/faults/fault-types';

const T0 = Date.UTC(2026, 0, 10, 2, 0, 0); // 10 Jan 2026 10:00 in Shanghai: in the heating season
const s = (sec: number) => T0 + sec * 1000;

function device(system: SystemName, patch: Partial<KnownDevice> = {}): KnownDevice {
  return {
    site: 'SH01',
    building: 'B1',
    system,
    device: `${system}-1`,
    equipmentId: `eq-${system}-1`,
    equipmentCode: 'EQ-1',
    intervalS: 10,
    ratedCurrentA: null,
    ...patch,
  };
}

const r = (sec: number, values: Record<string, number>): Reading => ({ ts: s(sec), values });

/** Feeds readings one message at a time (live), arrival = reading time; returns all events. */
function live(d: FaultDetector, dev: KnownDevice, readings: Reading[]): FaultEvent[] {
  return readings.flatMap((x) => d.onReadings(dev, [x], x.ts));
}

const brief = (e: FaultEvent) => `${e.type} ${e.faultCode} @${(e.at - T0) / 1000}`;

describe('FaultDetector: on-delay', () => {
  const water = device('water');

  it('raises WATER_PRESSURE_LOW once the violation has lasted 60 s of reading time', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const before = live(
      d,
      water,
      [0, 10, 20, 30, 40, 50].map((t) => r(t, { pressure_kpa: 92 })),
    );
    expect(before).toEqual([]);
    const [raise, ...rest] = d.onReadings(water, [r(60, { pressure_kpa: 92 })], s(60));
    expect(rest).toEqual([]);
    expect(raise).toEqual({
      type: 'raise',
      faultCode: 'WATER_PRESSURE_LOW',
      severity: 'major',
      equipmentId: 'eq-water-1',
      deviceId: 'water-1',
      at: s(60),
      metric: 'pressure_kpa',
      value: 92,
      message: 'pressure_kpa 92 < 100 for 60 s',
    });
    // Raised once: further violating readings say nothing.
    expect(live(d, water, [r(70, { pressure_kpa: 80 }), r(80, { pressure_kpa: 70 })])).toEqual([]);
  });

  it('measures on reading time, not arrival: two readings 60 s apart arriving together raise', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const events = d.onReadings(water, [r(0, { pressure_kpa: 90 }), r(60, { pressure_kpa: 90 })], s(61));
    expect(events.map(brief)).toEqual(['raise WATER_PRESSURE_LOW @60']);
  });

  it('resets pending on a good reading before the on-delay elapsed', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const events = live(d, water, [
      r(0, { pressure_kpa: 92 }),
      r(50, { pressure_kpa: 92 }),
      r(55, { pressure_kpa: 101 }), // reset
      r(60, { pressure_kpa: 92 }), // pending again from 60
      r(110, { pressure_kpa: 92 }),
      r(120, { pressure_kpa: 92 }),
    ]);
    expect(events.map(brief)).toEqual(['raise WATER_PRESSURE_LOW @120']);
  });

  it('leaves the state unchanged when the rule metrics are missing from a reading', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const events = live(d, water, [r(0, { pressure_kpa: 92 }), r(30, { flow_m3h: 3 }), r(60, { pressure_kpa: 92 })]);
    expect(events.map(brief)).toEqual(['raise WATER_PRESSURE_LOW @60']);
  });

  it('raises WATER_LEAK at once (onDelayS 0) without "for 0 s"', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const [e] = d.onReadings(water, [r(0, { leak: 1 })], s(0));
    expect(e).toMatchObject({
      type: 'raise',
      faultCode: 'WATER_LEAK',
      severity: 'critical',
      at: s(0),
      message: 'leak 1 > 0.5',
    });
  });
});

describe('FaultDetector: deadband and off-delay', () => {
  const water = device('water');

  it('does not chatter around the threshold: clears only at the clear level', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    live(d, water, [r(0, { pressure_kpa: 95 }), r(60, { pressure_kpa: 95 })]);
    const noise = [101, 99, 105, 100, 109.9, 98, 109].map((v, i) => r(70 + i * 10, { pressure_kpa: v }));
    expect(live(d, water, noise)).toEqual([]);
    const [clear] = live(d, water, [r(150, { pressure_kpa: 110 })]);
    expect(clear).toMatchObject({
      type: 'clear',
      at: s(150),
      metric: 'pressure_kpa',
      value: 110,
      message: 'cleared: pressure_kpa 110 >= 110',
    });
  });

  it('never raises on values hovering around the threshold shorter than the on-delay', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const hover = Array.from({ length: 60 }, (_, i) => r(i * 10, { pressure_kpa: i % 2 === 0 ? 99 : 101 }));
    expect(live(d, water, hover)).toEqual([]);
  });

  it('clears WATER_LEAK only after 60 s dry; a wet reading restarts the off-delay', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const events = live(d, water, [
      r(0, { leak: 1 }),
      r(10, { leak: 0 }),
      r(30, { leak: 1 }), // restarts the pending clear, no second raise
      r(40, { leak: 0 }),
      r(90, { leak: 0 }), // 50 s dry
      r(100, { leak: 0 }), // 60 s dry
      r(110, { leak: 0 }),
    ]);
    expect(events.map(brief)).toEqual(['raise WATER_LEAK @0', 'clear WATER_LEAK @100']);
    expect(events[1].message).toBe('cleared: leak 0 <= 0.5 for 60 s');
  });
});

describe('FaultDetector: ordering', () => {
  const water = device('water');
  // violate 0..70 (raise at 60), recover at 80 (clear), violate again 200..260 (raise at 260)
  const series = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 200, 230, 260, 270].map((t) =>
    r(t, { pressure_kpa: t < 80 || t >= 200 ? 90 : 120, leak: t === 230 ? 1 : 0 }),
  );

  it('gives a buffered, shuffled batch the same events as live data', () => {
    const liveEvents = live(new FaultDetector(DEFAULT_FAULT_RULES), water, series);
    expect(liveEvents.map(brief)).toEqual([
      'raise WATER_PRESSURE_LOW @60',
      'clear WATER_PRESSURE_LOW @80',
      'raise WATER_LEAK @230',
      'raise WATER_PRESSURE_LOW @260',
    ]);
    const shuffled = [...series].reverse();
    [shuffled[2], shuffled[9]] = [shuffled[9], shuffled[2]];
    const batch = new FaultDetector(DEFAULT_FAULT_RULES).onReadings(water, shuffled, s(300));
    expect(batch).toEqual(liveEvents);
    expect(shuffled[0].ts).toBe(s(270)); // the caller's array is not reordered
  });

  it('ignores a late reading older than the last one processed', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    live(d, water, [r(100, { pressure_kpa: 120 })]);
    // Late (ts 40): were it used, pending would start at 40 and the reading at 110 would raise.
    expect(d.onReadings(water, [r(40, { pressure_kpa: 50 })], s(105))).toEqual([]);
    expect(live(d, water, [r(110, { pressure_kpa: 50 })])).toEqual([]);
    expect(live(d, water, [r(170, { pressure_kpa: 50 })]).map(brief)).toEqual(['raise WATER_PRESSURE_LOW @170']);
  });

  it('keeps state per device', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const other = device('water', { device: 'water-2', equipmentId: 'eq-2' });
    live(d, water, [r(0, { pressure_kpa: 90 })]);
    expect(live(d, other, [r(60, { pressure_kpa: 90 })])).toEqual([]);
    expect(live(d, water, [r(60, { pressure_kpa: 90 })])).toHaveLength(1);
  });
});

describe('FaultDetector: multi-metric, rated current, season', () => {
  it('raises POWER_PHASE_LOSS when any phase is lost and clears when every phase is back', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const el = device('electric');
    const v = (l1: number, l2: number, l3: number) => ({ voltage_l1_v: l1, voltage_l2_v: l2, voltage_l3_v: l3 });
    const events = live(d, el, [
      r(0, v(221, 0, 219)),
      r(5, v(221, 0, 219)),
      r(6, v(221, 115, 219)), // between 110 and 120: still lost
      r(10, v(221, 125, 219)), // clear pending (off-delay 5 s)
      r(15, v(221, 124, 219)),
    ]);
    expect(events.map(brief)).toEqual(['raise POWER_PHASE_LOSS @5', 'clear POWER_PHASE_LOSS @15']);
    expect(events[0]).toMatchObject({
      metric: 'voltage_l2_v',
      value: 0,
      severity: 'critical',
      message: 'voltage_l2_v 0 < 110 for 5 s',
    });
  });

  it('raises VOLTAGE_OUT_OF_RANGE on either side of the band', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const el = device('electric');
    const events = live(d, el, [r(0, { voltage_l1_v: 240 }), r(60, { voltage_l1_v: 236.5 })]);
    expect(events).toMatchObject([
      { faultCode: 'VOLTAGE_OUT_OF_RANGE', message: 'voltage_l1_v 236.5 outside 198-235 for 60 s' },
    ]);
    // 234 is inside the band but above the 233 clear level: stays raised.
    expect(live(d, el, [r(70, { voltage_l1_v: 234 })])).toEqual([]);
    expect(live(d, el, [r(80, { voltage_l1_v: 220 })]).map(brief)).toEqual(['clear VOLTAGE_OUT_OF_RANGE @80']);
  });

  it('raises OVERCURRENT against the rated current and clears at 95 %', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const pump = device('electric', { ratedCurrentA: 100 });
    const events = live(d, pump, [
      r(0, { current_l1_a: 80, current_l3_a: 120 }),
      r(60, { current_l1_a: 80, current_l3_a: 120 }),
      r(70, { current_l1_a: 80, current_l3_a: 97 }), // below rated, above 95: still raised
      r(80, { current_l1_a: 80, current_l3_a: 95 }),
    ]);
    expect(events.map(brief)).toEqual(['raise OVERCURRENT @60', 'clear OVERCURRENT @80']);
    expect(events[0].message).toBe('current_l3_a 120 > 100 (rated) for 60 s');
  });

  it('skips OVERCURRENT when the equipment has no rated current', () => {
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const unrated = device('electric', { ratedCurrentA: null });
    expect(live(d, unrated, [r(0, { current_l1_a: 1000 }), r(600, { current_l1_a: 1000 })])).toEqual([]);
  });

  it('raises HEATING_SUPPLY_TEMP_LOW only in the heating season (dates in Asia/Shanghai)', () => {
    const heat = device('heating');
    const inWinter = new FaultDetector(DEFAULT_FAULT_RULES);
    expect(live(inWinter, heat, [r(0, { supply_temp_c: 45 }), r(600, { supply_temp_c: 45 })]).map(brief)).toEqual([
      'raise HEATING_SUPPLY_TEMP_LOW @600',
    ]);
    // 2026-03-15T16:00Z is still 15 March in UTC but 16 March in Shanghai: out of season.
    const spring = Date.UTC(2026, 2, 15, 16, 0);
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const rs = [0, 600, 1200].map((t) => ({ ts: spring + t * 1000, values: { supply_temp_c: 30 } }));
    expect(rs.flatMap((x) => d.onReadings(heat, [x], x.ts))).toEqual([]);
  });

  it('clears a raised seasonal fault when the season ends', () => {
    const heat = device('heating');
    const d = new FaultDetector(DEFAULT_FAULT_RULES);
    const end = Date.UTC(2026, 2, 15, 16, 0); // 16 Mar 00:00 Shanghai
    const at = (ms: number): Reading => ({ ts: ms, values: { supply_temp_c: 40 } });
    const events = [at(end - 700_000), at(end - 60_000), at(end + 1000)].flatMap((x) => d.onReadings(heat, [x], x.ts));
    expect(events.map((e) => e.type)).toEqual(['raise', 'clear']);
    expect(events[1].message).toBe('cleared: outside the season 11-15 to 03-15');
  });
});

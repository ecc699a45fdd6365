/**
 * The simulator's pure parts: reading models, fault scenarios and the device step, checked
 * against value ranges and against the REAL FaultDetector with the default rules (a normal day
 * raises nothing; every scenario raises its fault once and clears it). Faked: the clock and the
 * random source (a seeded PRNG). No I/O.
 */
import type { KnownDevice, SystemName } from '../../devices/contract/types';
import { DEFAULT_FAULT_RULES } from '../../devices/faults/default-rules';
import { FaultDetector } from '../../devices/faults/fault-detector';
import type { FaultEvent } from '../../devices/faults/fault-types';
import { newDeviceSim, startScenario, stepDevice } from '../../devices/simulator/device-step';
import {
  FAULT_SCENARIOS,
  type FaultScenario,
  pickScenario,
  scenarioDurationS,
  scenariosFor,
} from '../../devices/simulator/fault-scenarios';
import {
  inHeatingSeason,
  initialModelState,
  nextValues,
  type Values,
  waterDemand,
} from '../../devices/simulator/reading-models';

/** mulberry32: a small seeded PRNG, so failures reproduce. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WINTER = Date.UTC(2026, 0, 10, 16, 0, 0); // 2026-01-11 00:00 in Shanghai
const SUMMER = Date.UTC(2026, 6, 10, 16, 0, 0);
const MINUTE = 60_000;

/** A day of readings, one per `stepS`. */
function day(
  system: SystemName,
  startMs: number,
  ratedCurrentA: number | null,
  stepS = 60,
  seed = 1,
): Array<{ ts: number; values: Values }> {
  const random = seeded(seed);
  let state = initialModelState(random);
  const out: Array<{ ts: number; values: Values }> = [];
  for (let ts = startMs; ts < startMs + 24 * 60 * MINUTE; ts += stepS * 1000) {
    const next = nextValues(state, { system, atMs: ts, ratedCurrentA }, random);
    state = next.state;
    out.push({ ts, values: next.values });
  }
  return out;
}

const column = (rows: Array<{ values: Values }>, metric: string) => rows.map((r) => r.values[metric]);
const minOf = (xs: number[]) => Math.min(...xs);
const maxOf = (xs: number[]) => Math.max(...xs);

describe('reading models', () => {
  test('water: 250–320 kPa, sagging at the morning peak; tank level well above 20 %; no leak', () => {
    const rows = day('water', WINTER, null);
    expect(minOf(column(rows, 'pressure_kpa'))).toBeGreaterThanOrEqual(250);
    expect(maxOf(column(rows, 'pressure_kpa'))).toBeLessThanOrEqual(320);
    expect(minOf(column(rows, 'level_pct'))).toBeGreaterThanOrEqual(30);
    expect(maxOf(column(rows, 'level_pct'))).toBeLessThanOrEqual(100);
    expect(minOf(column(rows, 'flow_m3h'))).toBeGreaterThanOrEqual(0);
    expect(new Set(column(rows, 'leak'))).toEqual(new Set([0]));
    expect(new Set(column(rows, 'pump_running'))).toEqual(new Set([0, 1]));
    const at = (hour: number) => rows[hour * 60].values.pressure_kpa;
    expect(at(3)).toBeGreaterThan(at(7) + 20);
    expect(waterDemand(7.5)).toBeGreaterThan(waterDemand(3) * 5);
  });

  test('electric: 220 V ±3 % on three phases, currents below the rating, pf, 50 Hz, energy only grows', () => {
    const rows = day('electric', WINTER, 63);
    for (const phase of [1, 2, 3]) {
      expect(minOf(column(rows, `voltage_l${phase}_v`))).toBeGreaterThanOrEqual(213.4);
      expect(maxOf(column(rows, `voltage_l${phase}_v`))).toBeLessThanOrEqual(226.6);
      expect(minOf(column(rows, `current_l${phase}_a`))).toBeGreaterThan(0);
      expect(maxOf(column(rows, `current_l${phase}_a`))).toBeLessThan(63);
    }
    expect(minOf(column(rows, 'pf'))).toBeGreaterThanOrEqual(0.85);
    expect(maxOf(column(rows, 'pf'))).toBeLessThanOrEqual(0.99);
    expect(minOf(column(rows, 'freq_hz'))).toBeGreaterThanOrEqual(49.95);
    expect(maxOf(column(rows, 'freq_hz'))).toBeLessThanOrEqual(50.05);
    const energy = column(rows, 'energy_import_kwh');
    expect(energy.every((e, i) => i === 0 || e >= energy[i - 1])).toBe(true);
    // ~3 × 220 V × ~30 A × 0.92 ≈ 18 kW average: ~430 kWh a day
    expect(energy[energy.length - 1] - energy[0]).toBeGreaterThan(200);
    expect(energy[energy.length - 1] - energy[0]).toBeLessThan(900);
    // without a rating, 100 A is assumed
    expect(maxOf(column(day('electric', WINTER, null), 'current_l1_a'))).toBeLessThan(100);
  });

  test('heating: 65–75 °C supply in season with return ~15 °C lower at ~300 kPa; burner off in summer', () => {
    const winter = day('heating', WINTER, null);
    expect(minOf(column(winter, 'supply_temp_c'))).toBeGreaterThanOrEqual(65);
    expect(maxOf(column(winter, 'supply_temp_c'))).toBeLessThanOrEqual(75);
    const deltas = winter.map((r) => r.values.supply_temp_c - r.values.return_temp_c);
    expect(minOf(deltas)).toBeGreaterThan(12);
    expect(maxOf(deltas)).toBeLessThan(18);
    expect(minOf(column(winter, 'pressure_kpa'))).toBeGreaterThanOrEqual(290);
    expect(maxOf(column(winter, 'pressure_kpa'))).toBeLessThanOrEqual(310);
    expect(new Set(column(winter, 'burner_on'))).toEqual(new Set([1]));

    const summer = day('heating', SUMMER, null);
    expect(new Set(column(summer, 'burner_on'))).toEqual(new Set([0]));
    expect(maxOf(column(summer, 'supply_temp_c'))).toBeLessThan(35);
  });

  test('the heating season is 11-15 … 03-15 on Shanghai dates', () => {
    expect(inHeatingSeason(Date.UTC(2025, 10, 14, 15, 59))).toBe(false); // 11-14 23:59 local
    expect(inHeatingSeason(Date.UTC(2025, 10, 14, 16, 0))).toBe(true); // 11-15 00:00 local
    expect(inHeatingSeason(Date.UTC(2026, 2, 15, 15, 59))).toBe(true);
    expect(inHeatingSeason(Date.UTC(2026, 2, 15, 16, 0))).toBe(false);
  });

  test.each([
    ['water', WINTER],
    ['electric', WINTER],
    ['heating', WINTER],
    ['heating', SUMMER],
  ] as const)('a normal day of %s raises no default fault rule', (system, start) => {
    const device = knownDevice(system, 63, 10);
    const detector = new FaultDetector(DEFAULT_FAULT_RULES);
    const events: FaultEvent[] = [];
    for (const r of day(system, start, 63, 10, 7)) events.push(...detector.onReadings(device, [r], r.ts));
    expect(events).toEqual([]);
  });
});

describe('fault scenarios', () => {
  test('each one names a default rule and its on-delay, and outlasts it by an interval', () => {
    for (const s of FAULT_SCENARIOS) {
      if (s.faultCode === 'DEVICE_OFFLINE') continue;
      const rule = DEFAULT_FAULT_RULES.find((r) => r.faultCode === s.faultCode);
      expect(rule).toBeDefined();
      expect(s.onDelayS).toBe(rule?.onDelayS);
      expect(s.system).toBe(rule?.system);
      for (const intervalS of [5, 10, 60])
        expect(scenarioDurationS(s, intervalS)).toBeGreaterThanOrEqual(s.onDelayS + intervalS);
    }
    expect(scenarioDurationS(byCode('WATER_PRESSURE_LOW'), 10)).toBe(90);
    expect(scenarioDurationS(byCode('POWER_PHASE_LOSS'), 10)).toBe(20);
    expect(scenarioDurationS(byCode('DEVICE_OFFLINE'), 10)).toBe(45);
  });

  test('pickScenario offers OVERCURRENT only to rated equipment, and only scenarios of the system', () => {
    expect(scenariosFor('electric', null).map((s) => s.faultCode)).not.toContain('OVERCURRENT');
    expect(scenariosFor('electric', 63).map((s) => s.faultCode)).toContain('OVERCURRENT');
    const random = seeded(3);
    for (let i = 0; i < 50; i++) {
      const s = pickScenario('heating', null, random);
      expect(s?.system === 'heating' || s?.system === null).toBe(true);
    }
  });

  const cases = FAULT_SCENARIOS.flatMap((s) => [10, 30].map((intervalS) => [s.faultCode, intervalS] as const));
  test.each(cases)('%s (every %i s) raises its fault once after the on-delay, then clears', (faultCode, intervalS) => {
    const scenario = byCode(faultCode);
    // the scenario may start just before, at or just after a reading
    for (const offsetS of [0, 1, Math.floor(intervalS / 2), intervalS - 1]) {
      const events = playScenario(scenario, intervalS, offsetS);
      expect(events.map((e) => `${e.type} ${e.faultCode}`)).toEqual([`raise ${faultCode}`, `clear ${faultCode}`]);
      const [raise, clear] = events;
      expect(raise.at - START).toBeGreaterThanOrEqual(scenario.onDelayS * 1000);
      expect(clear.at).toBeGreaterThan(raise.at);
    }
  });

  test('a silent scenario publishes nothing while it runs; the model keeps time', () => {
    const random = seeded(5);
    let sim = startScenario(
      newDeviceSim({ system: 'water', intervalS: 10, ratedCurrentA: null }, random),
      byCode('DEVICE_OFFLINE'),
      START,
    );
    const step = stepDevice(sim, START + 10_000, random);
    expect(step.values).toBeNull();
    sim = step.sim;
    const after = stepDevice(sim, START + 60_000, random);
    expect(after.ended?.faultCode).toBe('DEVICE_OFFLINE');
    expect(after.values?.pressure_kpa).toBeGreaterThanOrEqual(250);
  });
});

const START = WINTER + 10 * 60 * MINUTE;

function byCode(code: string): FaultScenario {
  const s = FAULT_SCENARIOS.find((x) => x.faultCode === code);
  if (!s) throw new Error(code);
  return s;
}

function knownDevice(system: SystemName, ratedCurrentA: number | null, intervalS: number): KnownDevice {
  return {
    site: 'S1',
    building: 'B1',
    system,
    device: `sim-${system}`,
    equipmentId: `eq-${system}`,
    equipmentCode: 'EQ',
    intervalS,
    ratedCurrentA,
  };
}

/** 5 min normal, the scenario, 10 min normal: every reading and a 5 s silence check through the detector. */
function playScenario(scenario: FaultScenario, intervalS: number, offsetS: number): FaultEvent[] {
  const random = seeded(11);
  const device = knownDevice(scenario.system ?? 'water', 63, intervalS);
  const detector = new FaultDetector(DEFAULT_FAULT_RULES);
  let sim = newDeviceSim({ system: device.system, intervalS, ratedCurrentA: 63 }, random);
  const events: FaultEvent[] = [];
  let nextReading = START - 5 * MINUTE + offsetS * 1000;
  let started = false;
  for (
    let now = START - 5 * MINUTE;
    now < START + 10 * MINUTE + scenarioDurationS(scenario, intervalS) * 1000;
    now += 1000
  ) {
    if (!started && now >= START) {
      sim = startScenario(sim, scenario, now);
      started = true;
    }
    if (now >= nextReading) {
      const step = stepDevice(sim, now, random);
      sim = step.sim;
      if (step.values) events.push(...detector.onReadings(device, [{ ts: now, values: step.values }], now));
      nextReading += intervalS * 1000;
    }
    if (now % 5000 === 0) events.push(...detector.checkSilence(now, [device]));
  }
  return events;
}

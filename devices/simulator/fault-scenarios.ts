import type { SystemName } from '../contract/types';
import { noise, type Random, round, type Values } from './reading-models';

/**
 * Faults the demo building plays now and then, one per default rule of devices/CONTRACT.md "Default fault
 * rules". Each lasts long enough to pass its rule's on-delay with readings on both sides of it,
 * then the values recover and the rule clears. Pure: values in, values out.
 */
export interface FaultScenario {
  /** the fault code the desk should see raised, then cleared */
  faultCode: string;
  system: SystemName | null;
  /** nominal duration */
  durationS: number;
  /** the default rule's on-delay (devices/CONTRACT.md) */
  onDelayS: number;
  /** on-delay counted in the device's telemetry intervals (DEVICE_OFFLINE: 3 × the interval) */
  onDelayIntervals?: number;
  /** OVERCURRENT needs the equipment's rating */
  needsRatedCurrent?: boolean;
  /** the device stops publishing telemetry meanwhile */
  silent?: boolean;
  /** a device `event` published when the fault starts (devices/CONTRACT.md "Topics": kind `event`) */
  deviceEvent?: { code: string; message: string };
  apply?(values: Values, ctx: { ratedCurrentA: number | null; random: Random }): Values;
}

export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  {
    faultCode: 'WATER_PRESSURE_LOW', // < 100 kPa for 60 s: the duty pump trips
    system: 'water',
    durationS: 90,
    onDelayS: 60,
    apply: (v, { random }) => ({
      ...v,
      pressure_kpa: round(80 + noise(random, 3), 1),
      flow_m3h: round(1 + noise(random, 0.3), 2),
      pump_running: 0,
    }),
  },
  {
    faultCode: 'WATER_PRESSURE_HIGH', // > 350 kPa for 30 s: the pressure-reducing valve sticks
    system: 'water',
    durationS: 60,
    onDelayS: 30,
    apply: (v, { random }) => ({ ...v, pressure_kpa: round(380 + noise(random, 5), 1) }),
  },
  {
    faultCode: 'WATER_LEAK', // leak = 1, at once
    system: 'water',
    durationS: 30,
    onDelayS: 0,
    deviceEvent: { code: 'LEAK_DETECTED', message: 'simulated: water on the pump-room floor' },
    apply: (v) => ({ ...v, leak: 1, flow_m3h: round((v.flow_m3h ?? 0) + 3, 2) }),
  },
  {
    faultCode: 'TANK_LEVEL_LOW', // < 20 % for 120 s: the transfer pump failed to start
    system: 'water',
    durationS: 180,
    onDelayS: 120,
    apply: (v, { random }) => ({ ...v, level_pct: round(15 + noise(random, 1), 1), pump_running: 0 }),
  },
  {
    faultCode: 'POWER_PHASE_LOSS', // any phase < 110 V for 5 s: L2 fuse blown, replaced quickly
    system: 'electric',
    durationS: 10,
    onDelayS: 5,
    apply: (v) => ({ ...v, voltage_l2_v: 0, current_l2_a: 0 }),
  },
  {
    faultCode: 'VOLTAGE_OUT_OF_RANGE', // outside 198–235 V for 60 s: transformer tap too high
    system: 'electric',
    durationS: 90,
    onDelayS: 60,
    apply: (v, { random }) => ({
      ...v,
      voltage_l1_v: round(242 + noise(random, 1.5), 1),
      voltage_l2_v: round(242 + noise(random, 1.5), 1),
      voltage_l3_v: round(242 + noise(random, 1.5), 1),
    }),
  },
  {
    faultCode: 'OVERCURRENT', // any phase above the rating for 60 s
    system: 'electric',
    durationS: 90,
    onDelayS: 60,
    needsRatedCurrent: true,
    apply: (v, { ratedCurrentA, random }) => {
      const amps = () => round((ratedCurrentA ?? 0) * (1.2 + noise(random, 0.03)), 2);
      return { ...v, current_l1_a: amps(), current_l2_a: amps(), current_l3_a: amps() };
    },
  },
  {
    faultCode: 'HEATING_SUPPLY_TEMP_HIGH', // > 85 °C for 60 s: the burner control runs away
    system: 'heating',
    durationS: 90,
    onDelayS: 60,
    apply: (v, { random }) => ({
      ...v,
      supply_temp_c: round(90 + noise(random, 0.8), 1),
      return_temp_c: round(72 + noise(random, 1), 1),
      burner_on: 1,
    }),
  },
  {
    faultCode: 'HEATING_PRESSURE_LOW', // < 100 kPa for 60 s: the loop loses water
    system: 'heating',
    durationS: 90,
    onDelayS: 60,
    apply: (v, { random }) => ({ ...v, pressure_kpa: round(80 + noise(random, 3), 1) }),
  },
  {
    faultCode: 'DEVICE_OFFLINE', // no telemetry for 3 × the interval: the sensor's power supply fails
    system: null,
    durationS: 0,
    onDelayS: 0,
    onDelayIntervals: 3,
    silent: true,
  },
];

/** The platform runs the detector's silence check about this often (ingest tick). */
const SILENCE_CHECK_S = 5;

/**
 * How long a scenario runs on a device: its nominal duration, or longer so the on-delay is surely
 * passed. The detector measures the on-delay between violating readings, and the first one comes
 * up to one interval after the start, so the window must hold one interval plus enough intervals
 * to span the on-delay (at least two readings). Not much longer, though: a lost phase (0 V) that
 * lasted 60 s would rightly raise VOLTAGE_OUT_OF_RANGE too, and the desk should see one fault.
 * Silence must outlast 3 × the interval after the last reading, plus one silence check.
 */
export function scenarioDurationS(scenario: FaultScenario, intervalS: number): number {
  if (scenario.silent) {
    return Math.max(scenario.durationS, ((scenario.onDelayIntervals ?? 3) + 1) * intervalS + SILENCE_CHECK_S);
  }
  const intervalsToSpan = Math.max(1, Math.ceil(scenario.onDelayS / intervalS));
  return Math.max(scenario.durationS, (1 + intervalsToSpan) * intervalS);
}

/** The scenarios a device can play. */
export function scenariosFor(system: SystemName, ratedCurrentA: number | null): FaultScenario[] {
  return FAULT_SCENARIOS.filter(
    (s) =>
      (s.system === null || s.system === system) &&
      (!s.needsRatedCurrent || (ratedCurrentA !== null && ratedCurrentA > 0)),
  );
}

export function pickScenario(system: SystemName, ratedCurrentA: number | null, random: Random): FaultScenario | null {
  const candidates = scenariosFor(system, ratedCurrentA);
  if (candidates.length === 0) return null;
  return candidates[Math.min(candidates.length - 1, Math.floor(random() * candidates.length))];
}

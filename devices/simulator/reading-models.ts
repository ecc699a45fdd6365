import type { SystemName } from '../contract/types';

/**
 * Plausible readings of the demo building, per system (devices/CONTRACT.md "Metric names"), with noise and a
 * daily shape in China Standard Time. Pure: state in, state out, randomness injected.
 *
 * Normal values stay clear of every default fault rule (devices/CONTRACT.md "Default fault rules"), so the
 * desk only lights up when a fault scenario runs: water 250–320 kPa (rule: 100–350), electric
 * 220 V ±3 % (rule: 198–235) and currents below the rating, heating supply 65–75 °C in the heating
 * season (rules: 50–85).
 */

export type Random = () => number;
export type Values = Record<string, number>;

export interface ModelState {
  /** the time of the previous reading (integrals: tank level, energy) */
  lastMs: number | null;
  tankLevelPct: number;
  pumpRunning: boolean;
  energyKwh: number;
}

export interface ModelInput {
  system: SystemName;
  atMs: number;
  /** the equipment's rating; 100 A is assumed without one */
  ratedCurrentA: number | null;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const NOMINAL_V = 220;
const DEFAULT_RATED_A = 100;

export function initialModelState(random: Random): ModelState {
  return {
    lastMs: null,
    tankLevelPct: 60 + random() * 30,
    pumpRunning: false,
    energyKwh: Math.round(10_000 + random() * 90_000),
  };
}

/** One reading's values and the next state. */
export function nextValues(
  state: ModelState,
  input: ModelInput,
  random: Random,
): { values: Values; state: ModelState } {
  const hoursSinceLast = state.lastMs === null ? 0 : Math.max(0, input.atMs - state.lastMs) / 3_600_000;
  const hour = shanghaiHour(input.atMs);
  switch (input.system) {
    case 'water':
      return water(state, hour, hoursSinceLast, input.atMs, random);
    case 'electric':
      return electric(state, hour, hoursSinceLast, input, random);
    case 'heating':
      return { values: heating(hour, inHeatingSeason(input.atMs), random), state: { ...state, lastMs: input.atMs } };
  }
}

/** Residential water demand, 0.1 (night) … 1 (morning and evening peaks). */
export function waterDemand(hour: number): number {
  const peak = (centre: number, width: number) => Math.exp(-(((hour - centre) / width) ** 2));
  return Math.min(1, 0.1 + 0.9 * Math.max(peak(7.5, 1.2), 0.85 * peak(20, 1.8), 0.35 * peak(12.5, 1.5)));
}

/** Building electric load, 0.2 (night) … 1 (evening). */
export function electricLoad(hour: number): number {
  const peak = (centre: number, width: number) => Math.exp(-(((hour - centre) / width) ** 2));
  return Math.min(1, 0.2 + 0.8 * Math.max(0.6 * peak(9, 2), 0.5 * peak(14, 2.5), peak(20, 2.2)));
}

/** The statutory heating season of northern China, 11-15 … 03-15 on local dates (as the seeded rule). */
export function inHeatingSeason(atMs: number): boolean {
  const d = new Date(atMs + SHANGHAI_OFFSET_MS);
  const md = (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
  return md >= 1115 || md <= 315;
}

export function shanghaiHour(atMs: number): number {
  const d = new Date(atMs + SHANGHAI_OFFSET_MS);
  return d.getUTCHours() + d.getUTCMinutes() / 60;
}

function water(state: ModelState, hour: number, dtH: number, atMs: number, random: Random) {
  const demand = waterDemand(hour);
  const flow = Math.max(0, 2 + 10 * demand + noise(random, 0.5));
  // Roof tank: the transfer pump starts below 50 % and stops above 90 % (hysteresis), filling
  // 40 %/h; consumption drains up to 30 %/h at the peaks. It never nears TANK_LEVEL_LOW's 20 %.
  const pumpRunning = state.tankLevelPct < 50 ? true : state.tankLevelPct > 90 ? false : state.pumpRunning;
  const level = clamp(state.tankLevelPct + dtH * ((pumpRunning ? 40 : 0) - 30 * demand), 30, 98);
  // Mains pressure sags when the building draws most.
  const pressure = clamp(312 - 50 * demand + noise(random, 4), 250, 320);
  const values = {
    pressure_kpa: round(pressure, 1),
    flow_m3h: round(flow, 2),
    level_pct: round(level, 1),
    leak: 0,
    pump_running: pumpRunning ? 1 : 0,
  };
  return { values, state: { ...state, lastMs: atMs, tankLevelPct: level, pumpRunning } };
}

function electric(state: ModelState, hour: number, dtH: number, input: ModelInput, random: Random) {
  const rated = input.ratedCurrentA !== null && input.ratedCurrentA > 0 ? input.ratedCurrentA : DEFAULT_RATED_A;
  // 25 % … 75 % of the rating with noise: below it, so OVERCURRENT stays quiet.
  const load = clamp(0.25 + 0.5 * electricLoad(hour) + noise(random, 0.03), 0.1, 0.8);
  const volts = [0, 1, 2].map(() => NOMINAL_V * (1 + clamp(noise(random, 0.03), -0.03, 0.03)));
  const amps = [0, 1, 2].map(() => rated * load * (1 + noise(random, 0.04)));
  const pf = clamp(0.92 + noise(random, 0.02), 0.85, 0.99);
  const powerKw = ((volts[0] * amps[0] + volts[1] * amps[1] + volts[2] * amps[2]) * pf) / 1000;
  const energy = state.energyKwh + powerKw * dtH;
  const values = {
    voltage_l1_v: round(volts[0], 1),
    voltage_l2_v: round(volts[1], 1),
    voltage_l3_v: round(volts[2], 1),
    current_l1_a: round(amps[0], 2),
    current_l2_a: round(amps[1], 2),
    current_l3_a: round(amps[2], 2),
    active_power_kw: round(powerKw, 2),
    energy_import_kwh: round(energy, 3),
    pf: round(pf, 3),
    freq_hz: round(50 + noise(random, 0.02), 3),
  };
  return { values, state: { ...state, lastMs: input.atMs, energyKwh: energy } };
}

function heating(hour: number, season: boolean, random: Random): Values {
  if (!season) {
    // Out of season the burner is off; the loop stays filled and pressurised.
    const supply = 28 + noise(random, 1);
    return {
      supply_temp_c: round(supply, 1),
      return_temp_c: round(supply - 2 + noise(random, 0.5), 1),
      pressure_kpa: round(300 + noise(random, 6), 1),
      flow_m3h: round(Math.max(0, 0.5 + noise(random, 0.2)), 2),
      burner_on: 0,
    };
  }
  // Weather compensation: colder nights get a hotter supply (75/50 °C design, run at 65–75 °C).
  const night = Math.cos(((hour - 4) / 24) * 2 * Math.PI); // 1 at 04:00, -1 at 16:00
  const supply = clamp(70 + 3.5 * night + noise(random, 0.8), 65, 75);
  return {
    supply_temp_c: round(supply, 1),
    return_temp_c: round(supply - 15 + noise(random, 1.2), 1),
    pressure_kpa: round(300 + noise(random, 6), 1),
    flow_m3h: round(Math.max(0, 18 + 4 * night + noise(random, 1)), 2),
    burner_on: 1,
  };
}

/** Triangular noise in (-amplitude, amplitude), most often near 0. */
export function noise(random: Random, amplitude: number): number {
  return (random() + random() - 1) * amplitude;
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

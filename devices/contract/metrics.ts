/**
 * The metric names of devices/CONTRACT.md "Metric names", as data. Ingest accepts and stores metrics
 * not listed here too (the name carries its unit, e.g. `_kpa`, `_c`); this list documents
 * the contract, feeds the simulator and lets fault rules be checked against it.
 */
import type { SystemName } from './types';

/** devices/CONTRACT.md "Telemetry payload": names are lower-case with the unit as suffix. */
const METRIC_NAME_RE = /^[a-z][a-z0-9_]{0,63}$/;

export function isValidMetricName(name: string): boolean {
  return typeof name === 'string' && METRIC_NAME_RE.test(name);
}

export const METRICS_BY_SYSTEM: Record<SystemName, readonly string[]> = {
  // level_pct is the roof/basement tank level; leak and pump_running are 0/1
  water: ['pressure_kpa', 'flow_m3h', 'level_pct', 'leak', 'pump_running'],
  electric: [
    'voltage_l1_v',
    'voltage_l2_v',
    'voltage_l3_v',
    'current_l1_a',
    'current_l2_a',
    'current_l3_a',
    'active_power_kw',
    'energy_import_kwh',
    'pf',
    'freq_hz',
  ],
  heating: ['supply_temp_c', 'return_temp_c', 'pressure_kpa', 'flow_m3h', 'burner_on'],
};

/** Metrics the contract defines as 0/1 (booleans in the payload are stored as 0/1). */
export const BOOLEAN_METRICS: readonly string[] = ['leak', 'pump_running', 'burner_on'];

export function isKnownMetric(system: SystemName, name: string): boolean {
  const known = METRICS_BY_SYSTEM[system];
  return known !== undefined && known.includes(name);
}

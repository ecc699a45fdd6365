/**
 * The seeded fault rules: devices/CONTRACT.md "Default fault rules", one entry per row, and
 * the device event codes of its "Topics" section, as data (seeded into PostgreSQL, where
 * operators edit them). DEVICE_OFFLINE is not a rule; the detector handles it from
 * `status` and silence, see DEFAULT_DEVICE_OFFLINE.
 *
 * Off-delays: 0 unless stated. The table's clear levels are the hysteresis; an off-delay is
 * added only where a signal has no deadband to give (binary WATER_LEAK) or is known to
 * bounce (a recloser restoring a phase for a moment).
 */
import { DEVICE_OFFLINE, type DeviceOfflineSpec, type FaultRuleSpec } from './fault-types';

const VOLTAGES = ['voltage_l1_v', 'voltage_l2_v', 'voltage_l3_v'];
const CURRENTS = ['current_l1_a', 'current_l2_a', 'current_l3_a'];

type RuleFields = Pick<FaultRuleSpec, 'faultCode' | 'system' | 'metrics' | 'condition' | 'onDelayS' | 'severity'> &
  Partial<FaultRuleSpec>;

/** Fills the fields most rules leave at their neutral value. */
function rule(r: RuleFields): FaultRuleSpec {
  return {
    kind: 'threshold',
    low: null,
    high: null,
    clearLow: null,
    clearHigh: null,
    highFromRatedCurrent: false,
    offDelayS: 0,
    seasonStart: null,
    seasonEnd: null,
    enabled: true,
    ...r,
  };
}

export const DEFAULT_FAULT_RULES: FaultRuleSpec[] = [
  // GB 50096-2011 §7.1.2: at least 0.1 MPa (100 kPa) at household points of use.
  rule({
    faultCode: 'WATER_PRESSURE_LOW',
    system: 'water',
    metrics: ['pressure_kpa'],
    condition: 'below',
    low: 100,
    clearLow: 110,
    onDelayS: 60,
    severity: 'major',
  }),
  // GB 50015-2019 §3.4.5: at most 0.35 MPa (350 kPa) at residential inlets.
  rule({
    faultCode: 'WATER_PRESSURE_HIGH',
    system: 'water',
    metrics: ['pressure_kpa'],
    condition: 'above',
    high: 350,
    clearHigh: 330,
    onDelayS: 30,
    severity: 'major',
  }),
  // `leak` is 0/1: raise at once on 1. No deadband is possible on a binary signal, so a
  // probe must read dry for 60 s before clearing (a dripping leak wets it on and off).
  rule({
    faultCode: 'WATER_LEAK',
    system: 'water',
    metrics: ['leak'],
    condition: 'above',
    high: 0.5,
    onDelayS: 0,
    offDelayS: 60,
    severity: 'critical',
  }),
  // Table: < 20 % for 120 s, clears >= 25 % (no standard cited; the tank's reserve).
  rule({
    faultCode: 'TANK_LEVEL_LOW',
    system: 'water',
    metrics: ['level_pct'],
    condition: 'below',
    low: 20,
    clearLow: 25,
    onDelayS: 120,
    severity: 'major',
  }),
  // Half of the 220 V nominal phase voltage: below it the phase is lost, not merely low.
  // The table gives no clear level: clear at >= 120 V (10 V above) so a collapsing phase
  // hovering around 110 V does not chatter; and 5 s off-delay like the on-delay, because a
  // recloser restores a faulty line for a moment before it trips again.
  rule({
    faultCode: 'POWER_PHASE_LOSS',
    system: 'electric',
    metrics: VOLTAGES,
    condition: 'below',
    low: 110,
    clearLow: 120,
    onDelayS: 5,
    offDelayS: 5,
    severity: 'critical',
  }),
  // GB/T 12325-2008 §4.3: single-phase 220 V supply within +7 % / -10 %, i.e. 198-235 V.
  // The table gives no clear levels: clear within 200-233 V, 2 V (~1 % of nominal) inside
  // the band, above the regulation ripple of a loaded transformer tap and meter error.
  rule({
    faultCode: 'VOLTAGE_OUT_OF_RANGE',
    system: 'electric',
    metrics: VOLTAGES,
    condition: 'outside',
    low: 198,
    high: 235,
    clearLow: 200,
    clearHigh: 233,
    onDelayS: 60,
    severity: 'minor',
  }),
  // The equipment's rating (KnownDevice.ratedCurrentA; skipped when unknown). Clears at
  // 95 % of rated: a motor running at its rating sits right on the threshold.
  rule({
    faultCode: 'OVERCURRENT',
    system: 'electric',
    metrics: CURRENTS,
    condition: 'above',
    highFromRatedCurrent: true,
    clearRatio: 0.95,
    onDelayS: 60,
    severity: 'major',
  }),
  // GB 50736-2012 §5.3.1: radiator supply water at most 85 °C.
  rule({
    faultCode: 'HEATING_SUPPLY_TEMP_HIGH',
    system: 'heating',
    metrics: ['supply_temp_c'],
    condition: 'above',
    high: 85,
    clearHigh: 80,
    onDelayS: 60,
    severity: 'major',
  }),
  // 75/50 °C radiator design: supply below the design return temperature means the
  // building is not being heated. Only in northern China's statutory heating season
  // (15 Nov - 15 Mar). The table gives no clear level: 55 °C, the same 5 K deadband as
  // HEATING_SUPPLY_TEMP_HIGH.
  rule({
    faultCode: 'HEATING_SUPPLY_TEMP_LOW',
    system: 'heating',
    metrics: ['supply_temp_c'],
    condition: 'below',
    low: 50,
    clearLow: 55,
    onDelayS: 600,
    severity: 'minor',
    seasonStart: '11-15',
    seasonEnd: '03-15',
  }),
  // Table: < 100 kPa for 60 s (no standard cited: a closed loop losing water). No clear
  // level given: 110 kPa, the same 10 kPa deadband as WATER_PRESSURE_LOW.
  rule({
    faultCode: 'HEATING_PRESSURE_LOW',
    system: 'heating',
    metrics: ['pressure_kpa'],
    condition: 'below',
    low: 100,
    clearLow: 110,
    onDelayS: 60,
    severity: 'major',
  }),
];

/** An event rule: the device reports the fault itself, so there is nothing to measure. */
function eventRule(
  faultCode: string,
  system: FaultRuleSpec['system'],
  severity: FaultRuleSpec['severity'],
): FaultRuleSpec {
  return {
    ...rule({ faultCode, system, metrics: [], condition: null, onDelayS: 0, severity }),
    kind: 'event',
  };
}

/**
 * devices/CONTRACT.md "Topics", `event`: the codes a device may report. A leak probe's own
 * alarm is as urgent as the `leak` reading; a tripped breaker cuts supply like a lost phase;
 * a pump may drive water or a heating loop, so PUMP_FAULT applies to every system.
 */
export const DEFAULT_EVENT_RULES: FaultRuleSpec[] = [
  eventRule('LEAK_DETECTED', 'water', 'critical'),
  eventRule('PUMP_FAULT', null, 'major'),
  eventRule('BREAKER_TRIP', 'electric', 'critical'),
  eventRule('BOILER_FAULT', 'heating', 'major'),
];

/**
 * devices/CONTRACT.md: DEVICE_OFFLINE on `status` = offline, or no telemetry for 3 × the
 * device's interval. An `offline` status must last 30 s: a reconnecting device's old session
 * publishes its Last Will a few ms before the new one says `online`.
 */
export const DEFAULT_DEVICE_OFFLINE: DeviceOfflineSpec = {
  faultCode: DEVICE_OFFLINE,
  severity: 'minor',
  silenceIntervals: 3,
  statusOnDelayMs: 30_000,
};

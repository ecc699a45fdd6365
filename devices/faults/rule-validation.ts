/**
 * Checks of FaultRuleSpec data, for the detector (which refuses a rule set with problems)
 * and for whoever edits rules (to reject bad input before it is stored).
 */
import { isValidMetricName } from '../contract/metrics';
import { SYSTEMS } from '../contract/types';
import { DEVICE_OFFLINE, type FaultRuleSpec } from './fault-types';
import { parseMonthDay } from './season';

/** Our fault codes look like device event codes (devices/CONTRACT.md `event`: `LEAK_DETECTED`). */
const FAULT_CODE_RE = /^[A-Z][A-Z0-9_]{0,63}$/;
const SEVERITIES = ['critical', 'major', 'minor', 'warning'];
const CONDITIONS = ['above', 'below', 'outside'];
const KINDS = ['threshold', 'event'];

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNullOrNum = (x: unknown): boolean => x === null || isNum(x);

/** The problems of one rule, as English sentences; empty when the rule is usable. */
export function validateFaultRule(r: FaultRuleSpec): string[] {
  const p: string[] = [];
  if (!FAULT_CODE_RE.test(r.faultCode)) p.push('faultCode must match [A-Z][A-Z0-9_]{0,63}');
  if (r.faultCode === DEVICE_OFFLINE) p.push('DEVICE_OFFLINE is built in, not a rule');
  if (r.system !== null && !(SYSTEMS as readonly string[]).includes(r.system)) p.push('unknown system');
  if (!SEVERITIES.includes(r.severity)) p.push('unknown severity');
  if (r.kind !== undefined && !KINDS.includes(r.kind)) p.push('unknown kind');
  if (r.kind === 'event') return [...p, ...eventRuleProblems(r)];
  if (!Array.isArray(r.metrics) || r.metrics.length === 0) p.push('metrics must not be empty');
  else if (!r.metrics.every(isValidMetricName)) p.push('metric names must match [a-z][a-z0-9_]{0,63}');
  else if (new Set(r.metrics).size !== r.metrics.length) p.push('metrics must not repeat');
  if (r.condition === null || !CONDITIONS.includes(r.condition)) p.push('unknown condition');
  if (!(isNum(r.onDelayS) && r.onDelayS >= 0)) p.push('onDelayS must be >= 0');
  if (!(isNum(r.offDelayS) && r.offDelayS >= 0)) p.push('offDelayS must be >= 0');
  const thresholds = [r.low, r.high, r.clearLow, r.clearHigh];
  if (!thresholds.every(isNullOrNum)) p.push('thresholds must be finite numbers or null');
  if ((r.seasonStart === null) !== (r.seasonEnd === null)) p.push('season needs both start and end');
  else if (r.seasonStart !== null && r.seasonEnd !== null) {
    if (parseMonthDay(r.seasonStart) === null || parseMonthDay(r.seasonEnd) === null)
      p.push("season dates are 'MM-DD'");
  }
  p.push(...thresholdProblems(r));
  return p;
}

/**
 * An event rule is raised and cleared by the device's own messages: readings, thresholds,
 * delays and seasons would be ignored, so setting them is a mistake worth refusing.
 */
function eventRuleProblems(r: FaultRuleSpec): string[] {
  const p: string[] = [];
  if (!Array.isArray(r.metrics) || r.metrics.length > 0) p.push('an event rule has no metrics');
  if (r.condition !== null) p.push('an event rule has no condition');
  if (
    ![r.low, r.high, r.clearLow, r.clearHigh, r.clearRatio ?? null].every((x) => x === null) ||
    r.highFromRatedCurrent
  )
    p.push('an event rule has no thresholds');
  if (r.seasonStart !== null || r.seasonEnd !== null) p.push('an event rule has no season');
  if (r.onDelayS !== 0 || r.offDelayS !== 0) p.push('an event rule has no delays');
  return p;
}

/**
 * The clear level must lie on the good side of the raise level (or equal it): otherwise a
 * reading could satisfy both and the fault would raise and clear on the same value.
 */
function thresholdProblems(r: FaultRuleSpec): string[] {
  const p: string[] = [];
  const { low, high, clearLow, clearHigh } = r;
  if (r.highFromRatedCurrent) {
    if (r.condition !== 'above') p.push("highFromRatedCurrent needs condition 'above'");
    const ratio = r.clearRatio;
    if (ratio != null && !(isNum(ratio) && ratio > 0 && ratio <= 1)) p.push('clearRatio must be in (0, 1]');
    return p;
  }
  // `!= null`: a nullable database column may hand over null at run time despite the type.
  if (r.clearRatio != null) p.push('clearRatio applies only with highFromRatedCurrent');
  if (r.condition === 'below' || r.condition === 'outside') {
    if (low === null) p.push(`condition '${r.condition}' needs low`);
    else if (clearLow !== null && clearLow < low) p.push('clearLow must be >= low');
  }
  if (r.condition === 'above' || r.condition === 'outside') {
    if (high === null) p.push(`condition '${r.condition}' needs high`);
    else if (clearHigh !== null && clearHigh > high) p.push('clearHigh must be <= high');
  }
  if (r.condition === 'outside' && low !== null && high !== null) {
    if (!(low < high)) p.push('low must be < high');
    else if ((clearLow ?? low) > (clearHigh ?? high)) p.push('clearLow must be <= clearHigh');
  }
  return p;
}

/**
 * The problems of a rule set, each prefixed with its fault code. The detector keeps state
 * per device + fault code, so two enabled rules with one code must not reach one system.
 * (The detector passes only its enabled rules: a half-edited disabled rule must not stop it.)
 */
export function validateFaultRules(rules: readonly FaultRuleSpec[]): string[] {
  const p: string[] = [];
  const seen = new Map<string, Array<FaultRuleSpec['system']>>();
  for (const r of rules) {
    for (const problem of validateFaultRule(r)) p.push(`${r.faultCode}: ${problem}`);
    if (!r.enabled) continue;
    const systems = seen.get(r.faultCode) ?? [];
    if (systems.some((s) => s === null || r.system === null || s === r.system)) {
      p.push(`${r.faultCode}: more than one enabled rule for the same system`);
    }
    systems.push(r.system);
    seen.set(r.faultCode, systems);
  }
  return p;
}

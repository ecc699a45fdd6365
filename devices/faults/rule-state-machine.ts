/**
 * One threshold rule's state machine for one device (devices/CONTRACT.md "Default fault rules": a
 * condition held for an on-delay raises; the clear level held for an off-delay clears):
 *
 *   idle --violating--> pending --violating, ts - pendingSince >= onDelay--> raised
 *   raised --clear level, ts - clearSince >= offDelay--> idle
 *
 * Times are reading times (`ts`). Called for every reading × rule of the system, so it
 * allocates nothing unless a rule starts violating for the first time or an event results.
 */
import type { KnownDevice, Reading } from '../contract/types';
import { ABOVE, BELOW, type CompiledRule } from './compiled-rules';
import { clearMessage, outOfSeasonMessage, raiseMessage } from './fault-messages';
import type { FaultEvent } from './fault-types';

export const IDLE = 0;
export const PENDING = 1;
export const RAISED = 2;

export interface RuleState {
  phase: typeof IDLE | typeof PENDING | typeof RAISED;
  /** reading time of the first violating reading of the pending episode */
  pendingSince: number;
  /** reading time since which the clear condition holds; NaN when it does not */
  clearSince: number;
}

/** A fault already active (restored after a restart): clears normally, never raises again. */
export function raisedState(): RuleState {
  return { phase: RAISED, pendingSince: Number.NaN, clearSince: Number.NaN };
}

/**
 * Feeds one reading to one rule; `faults` is the device's state by fault code. `t` is the
 * reading's time as the detector counts it (its `ts`, bounded by its arrival). Pushes at
 * most one event onto `events`.
 */
export function stepRule(
  device: KnownDevice,
  faults: Map<string, RuleState>,
  rule: CompiledRule,
  reading: Reading,
  t: number,
  events: FaultEvent[],
): void {
  let high = rule.high;
  let clearHigh = rule.clearHigh;
  if (rule.fromRatedCurrent) {
    const rated = device.ratedCurrentA;
    if (rated === null || !(rated > 0)) return; // no rating, no OVERCURRENT
    high = rated;
    clearHigh = rated * rule.clearRatio;
  }
  const { low, clearLow, metrics, condition } = rule;
  const values = reading.values;
  // "any" semantics: one violating metric raises; clearing needs every present metric clear.
  let present = -1;
  let violating = -1;
  let allClear = true;
  for (let k = 0; k < metrics.length; k++) {
    const v = values[metrics[k]];
    if (typeof v !== 'number') continue; // also guards inherited names like "constructor"
    if (present < 0) present = k;
    const bad = condition === BELOW ? v < low : condition === ABOVE ? v > high : v < low || v > high;
    const ok =
      condition === BELOW ? v >= clearLow : condition === ABOVE ? v <= clearHigh : v >= clearLow && v <= clearHigh;
    if (bad && violating < 0) violating = k;
    if (!ok) allClear = false;
  }
  if (present < 0) return; // none of the rule's metrics in this reading: state unchanged

  let st = faults.get(rule.faultCode);
  const inSeason = rule.season === null || rule.season.contains(t);
  if (!inSeason) {
    // Out of season the condition does not apply: a pending episode ends, a raised fault
    // clears (after its off-delay) instead of staying open until next season.
    if (st === undefined || st.phase === IDLE) return;
    violating = -1;
    allClear = true;
  }
  if (st === undefined) {
    if (violating < 0) return; // the common case: all well, no state allocated
    st = { phase: IDLE, pendingSince: Number.NaN, clearSince: Number.NaN };
    faults.set(rule.faultCode, st);
  }

  if (st.phase === IDLE) {
    if (violating < 0) return;
    st.phase = PENDING;
    st.pendingSince = t;
  }
  if (st.phase === PENDING) {
    if (violating < 0) {
      st.phase = IDLE; // a good reading before the on-delay elapsed resets it
    } else if (t - st.pendingSince >= rule.onDelayMs) {
      st.phase = RAISED;
      st.clearSince = Number.NaN;
      const metric = metrics[violating];
      const value = values[metric];
      const message = raiseMessage(rule, metric, value, low, high, t - st.pendingSince);
      events.push(ruleEvent('raise', rule, device, t, metric, value, message));
    }
    return;
  }
  // RAISED. Deadband: only the clear level counts; a reading between the raise and the
  // clear levels keeps the fault and restarts a pending clear.
  if (!allClear) {
    st.clearSince = Number.NaN;
    return;
  }
  if (Number.isNaN(st.clearSince)) st.clearSince = t;
  if (t - st.clearSince < rule.offDelayMs) return;
  const metric = metrics[present];
  const value = values[metric];
  const message = inSeason
    ? clearMessage(rule, metric, value, clearLow, clearHigh, t - st.clearSince)
    : outOfSeasonMessage(rule);
  st.phase = IDLE;
  st.clearSince = Number.NaN;
  events.push(ruleEvent('clear', rule, device, t, metric, value, message));
}

function ruleEvent(
  type: FaultEvent['type'],
  rule: CompiledRule,
  device: KnownDevice,
  at: number,
  metric: string,
  value: number,
  message: string,
): FaultEvent {
  const { faultCode, severity } = rule;
  const { equipmentId, device: deviceId } = device;
  return { type, faultCode, severity, equipmentId, deviceId, at, metric, value, message };
}

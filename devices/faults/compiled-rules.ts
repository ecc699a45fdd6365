/**
 * FaultRuleSpec data turned into what the detector's hot path wants: numbers instead of
 * nulls and strings, delays in milliseconds, and one rule list per system, built once per
 * setRules instead of once per message.
 */
import { SYSTEMS, type SystemName } from '../contract/types';
import type { FaultRuleSpec, FaultSeverity } from './fault-types';
import { validateFaultRules } from './rule-validation';
import { Season } from './season';

export const BELOW = 0;
export const ABOVE = 1;
export const OUTSIDE = 2;
export type Condition = typeof BELOW | typeof ABOVE | typeof OUTSIDE;

const CONDITION: Record<NonNullable<FaultRuleSpec['condition']>, Condition> = {
  below: BELOW,
  above: ABOVE,
  outside: OUTSIDE,
};

export interface CompiledRule {
  readonly faultCode: string;
  readonly severity: FaultSeverity;
  readonly metrics: readonly string[];
  readonly condition: Condition;
  /** raise levels; NaN where the condition does not use them (comparisons with NaN are false) */
  readonly low: number;
  readonly high: number;
  /** clear levels, defaulting to the raise levels (no deadband) */
  readonly clearLow: number;
  readonly clearHigh: number;
  /** high = device.ratedCurrentA, clearHigh = rated × clearRatio */
  readonly fromRatedCurrent: boolean;
  readonly clearRatio: number;
  readonly onDelayMs: number;
  readonly offDelayMs: number;
  readonly season: Season | null;
}

/** An enabled `event` rule: the device's own fault code and the severity it is raised with. */
export interface EventRule {
  readonly faultCode: string;
  readonly severity: FaultSeverity;
}

export interface CompiledRuleSet {
  readonly bySystem: Readonly<Record<SystemName, readonly CompiledRule[]>>;
  /** event rules by system, then by fault code: a code no rule of the device's system names is refused */
  readonly eventsBySystem: Readonly<Record<SystemName, ReadonlyMap<string, EventRule>>>;
  /** fault codes of the enabled rules; state for any other code is dropped */
  readonly codes: ReadonlySet<string>;
}

function compile(r: FaultRuleSpec): CompiledRule {
  const low = r.low ?? Number.NaN;
  const high = r.high ?? Number.NaN;
  return {
    faultCode: r.faultCode,
    severity: r.severity,
    metrics: [...r.metrics],
    condition: CONDITION[r.condition!],
    low,
    high,
    clearLow: r.clearLow ?? low,
    clearHigh: r.clearHigh ?? high,
    fromRatedCurrent: r.highFromRatedCurrent,
    clearRatio: r.clearRatio ?? 1,
    onDelayMs: r.onDelayS * 1000,
    offDelayMs: r.offDelayS * 1000,
    season: r.seasonStart !== null && r.seasonEnd !== null ? Season.parse(r.seasonStart, r.seasonEnd) : null,
  };
}

/**
 * Compiles the enabled rules. Throws a RangeError listing every problem when any enabled
 * rule is unusable: a monitoring system that silently skips a rule is worse than one that
 * refuses the edit (setRules keeps the previous rules when this throws).
 */
export function compileRules(rules: readonly FaultRuleSpec[]): CompiledRuleSet {
  const enabled = rules.filter((r) => r.enabled);
  const problems = validateFaultRules(enabled);
  if (problems.length > 0) throw new RangeError(`invalid fault rules: ${problems.join('; ')}`);
  const bySystem = { water: [], electric: [], heating: [] } as Record<SystemName, CompiledRule[]>;
  const eventsBySystem = { water: new Map(), electric: new Map(), heating: new Map() } as Record<
    SystemName,
    Map<string, EventRule>
  >;
  for (const r of enabled) {
    const systems = SYSTEMS.filter((s) => r.system === null || r.system === s);
    if (r.kind === 'event') {
      const event: EventRule = { faultCode: r.faultCode, severity: r.severity };
      for (const s of systems) eventsBySystem[s].set(r.faultCode, event);
    } else {
      const c = compile(r);
      for (const s of systems) bySystem[s].push(c);
    }
  }
  return { bySystem, eventsBySystem, codes: new Set(enabled.map((r) => r.faultCode)) };
}

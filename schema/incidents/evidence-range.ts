/** A threshold rule as the evidence rule reads it (schema/monitoring/fault-rules/fault-rule.entity.ts). */
export interface RangeRule {
  condition: 'above' | 'below' | 'outside' | null;
  low: number | null;
  high: number | null;
  clearLow: number | null;
  clearHigh: number | null;
}

/**
 * A reading is back in range when no threshold rule on its metric would still hold its fault:
 * at or past the rule's clear level (the detector's deadband), else its raise level.
 */
export function inRange(value: number, rules: readonly RangeRule[]): boolean {
  return rules.every((rule) => {
    const low = rule.clearLow ?? rule.low;
    const high = rule.clearHigh ?? rule.high;
    const belowOk = low === null || value >= low;
    const aboveOk = high === null || value <= high;
    if (rule.condition === 'below') return belowOk;
    if (rule.condition === 'above') return aboveOk;
    if (rule.condition === 'outside') return belowOk && aboveOk;
    return true;
  });
}

export interface EvidenceVerdict {
  ok: boolean;
  /** minutes still to wait (ceil), when not ok and readings exist */
  leftMinutes: number | null;
  reason: 'NO_READINGS' | 'NOT_STABLE' | null;
}

/**
 * Whether readings (oldest first) show the metric back in range for `stableMinutes` up to `at`:
 * at least one reading in the window and none out of range in it. When one is, how long is left
 * counts from the last reading out of range.
 */
export function evidenceVerdict(
  points: ReadonlyArray<{ ts: Date; value: number }>,
  rules: readonly RangeRule[],
  stableMinutes: number,
  at: Date,
): EvidenceVerdict {
  const windowStart = at.getTime() - stableMinutes * 60_000;
  const inWindow = points.filter((p) => p.ts.getTime() >= windowStart && p.ts.getTime() <= at.getTime());
  if (inWindow.length === 0) return { ok: false, leftMinutes: null, reason: 'NO_READINGS' };
  const bad = inWindow.filter((p) => !inRange(p.value, rules));
  if (bad.length === 0) return { ok: true, leftMinutes: null, reason: null };
  const lastBad = bad[bad.length - 1].ts.getTime();
  const leftMs = lastBad + stableMinutes * 60_000 - at.getTime();
  return { ok: false, leftMinutes: Math.max(1, Math.ceil(leftMs / 60_000)), reason: 'NOT_STABLE' };
}

/**
 * The English messages of FaultEvents, shown on the monitoring desk and copied into the
 * work order. Built only on a transition, never per reading.
 */
import { ABOVE, BELOW, type CompiledRule } from './compiled-rules';

/** At most 3 decimals: 0.1 + 0.2 reads as 0.3, not 0.30000000000000004. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

function forSeconds(delayMs: number, elapsedMs: number): string {
  return delayMs > 0 ? ` for ${Math.round(elapsedMs / 1000)} s` : '';
}

/** e.g. "pressure_kpa 92 < 100 for 60 s", "current_l2_a 130 > 100 (rated) for 60 s". */
export function raiseMessage(
  rule: CompiledRule,
  metric: string,
  value: number,
  low: number,
  high: number,
  elapsedMs: number,
): string {
  const v = `${metric} ${formatNumber(value)}`;
  let what: string;
  if (rule.condition === BELOW) what = `${v} < ${formatNumber(low)}`;
  else if (rule.condition === ABOVE) what = `${v} > ${formatNumber(high)}${rule.fromRatedCurrent ? ' (rated)' : ''}`;
  else what = `${v} outside ${formatNumber(low)}-${formatNumber(high)}`;
  return what + forSeconds(rule.onDelayMs, elapsedMs);
}

/** e.g. "cleared: pressure_kpa 112 >= 110", "cleared: leak 0 <= 0.5 for 60 s". */
export function clearMessage(
  rule: CompiledRule,
  metric: string,
  value: number,
  clearLow: number,
  clearHigh: number,
  elapsedMs: number,
): string {
  const v = `${metric} ${formatNumber(value)}`;
  let what: string;
  if (rule.condition === BELOW) what = `${v} >= ${formatNumber(clearLow)}`;
  else if (rule.condition === ABOVE) what = `${v} <= ${formatNumber(clearHigh)}`;
  else what = `${v} within ${formatNumber(clearLow)}-${formatNumber(clearHigh)}`;
  return `cleared: ${what}${forSeconds(rule.offDelayMs, elapsedMs)}`;
}

export function outOfSeasonMessage(rule: CompiledRule): string {
  return `cleared: outside the season ${rule.season?.toString() ?? ''}`;
}

export const OFFLINE_BY_STATUS = 'device reported offline (status)';
export const ONLINE_BY_STATUS = 'cleared: device reported online (status)';
export const ONLINE_BY_TELEMETRY = 'cleared: telemetry received';

export function silenceMessage(silentMs: number, intervalS: number): string {
  return `no telemetry for ${Math.round(silentMs / 1000)} s (expected every ${formatNumber(intervalS)} s)`;
}

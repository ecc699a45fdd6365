import type { SystemName } from '../contract/types';

export type FaultRuleKind = 'threshold' | 'event';

/** Severity of a fault, highest first (contract enum Severity, lower-cased here). */
export type FaultSeverity = 'critical' | 'major' | 'minor' | 'warning';

/**
 * A fault rule as data (stored in PostgreSQL, editable). Two kinds (devices/CONTRACT.md
 * "Default fault rules" and "Topics"):
 * - `threshold`: a condition on readings with an on-delay and a clear deadband;
 * - `event`: a fault the device detects itself and reports as an `event` message with this
 *   fault code; raised by `"active": true` (the default), cleared by `"active": false`. Its
 *   `metrics` are empty and its `condition` and thresholds null.
 * Threshold conditions:
 * - `above`:   raise when any metric > high,  clear when every metric <= clearHigh (default high)
 * - `below`:   raise when any metric < low,   clear when every metric >= clearLow (default low)
 * - `outside`: raise when any metric < low or > high, clear when every metric is within [clearLow, clearHigh]
 * `high` may come from the equipment's rated current (`highFromRatedCurrent`).
 */
export interface FaultRuleSpec {
  faultCode: string;
  /** absent in rules stored before event rules existed: `threshold` */
  kind?: FaultRuleKind;
  /** null: applies to every system */
  system: SystemName | null;
  metrics: string[];
  /** null for `event` rules */
  condition: 'above' | 'below' | 'outside' | null;
  low: number | null;
  high: number | null;
  clearLow: number | null;
  clearHigh: number | null;
  highFromRatedCurrent: boolean;
  /**
   * With `highFromRatedCurrent`: clear when every metric <= rated × clearRatio (default 1,
   * i.e. no deadband), e.g. 0.95 for OVERCURRENT. Optional so rules stored without it stay valid.
   */
  clearRatio?: number;
  /** seconds the condition must hold, measured on reading time, before raising */
  onDelayS: number;
  /** seconds the clear condition must hold before clearing */
  offDelayS: number;
  severity: FaultSeverity;
  /** optional season as 'MM-DD' (inclusive, may wrap the new year), e.g. the heating season 11-15 … 03-15 */
  seasonStart: string | null;
  seasonEnd: string | null;
  enabled: boolean;
}

/** The output of the detector: a fault raised or cleared on a device's equipment. */
export interface FaultEvent {
  type: 'raise' | 'clear';
  faultCode: string;
  severity: FaultSeverity;
  equipmentId: string;
  deviceId: string;
  /** epoch ms: the reading time that completed the transition */
  at: number;
  /** the value that triggered (for rules), absent for status/no-data */
  value?: number;
  metric?: string;
  message: string;
}

/** The fault code the detector uses for offline devices (devices/CONTRACT.md). */
export const DEVICE_OFFLINE = 'DEVICE_OFFLINE';

/** The DEVICE_OFFLINE settings (devices/CONTRACT.md: `status` = offline, or no telemetry for 3 × the interval). */
export interface DeviceOfflineSpec {
  faultCode: typeof DEVICE_OFFLINE;
  severity: FaultSeverity;
  /** raise after this many expected telemetry intervals (KnownDevice.intervalS) without telemetry */
  silenceIntervals: number;
  /**
   * An `offline` status raises only if the device stays offline this long (wall clock, checked by
   * checkSilence). A device that reconnects makes the broker publish its old session's Last Will
   * and then its new `online` a few ms later: without this on-delay every reconnect would open
   * an episode and a work order that nobody needs.
   */
  statusOnDelayMs: number;
}

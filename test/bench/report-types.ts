/** What a scenario hands to the report (report.ts): table rows and the detail behind them. */
import type { SetupName } from './options';

export interface Row {
  setup: SetupName;
  scenario: string;
  /** the figure(s), formatted */
  figure: string;
  target: string;
  /** null: nothing to pass or fail (report only, or skipped) */
  pass: boolean | null;
  /** the ceiling measured in the same run, formatted; '' when the target itself is the yardstick */
  ceiling: string;
  /** figure / ceiling (or figure / target for latencies), formatted */
  ratio: string;
  /** the platform process's CPU during the measurement, % of one core */
  cpu: string;
}

export interface Detail {
  setup: SetupName;
  scenario: string;
  lines: string[];
  /** shown verbatim after the lines, e.g. the SQL of one request */
  code?: { language: string; lines: string[] };
}

/** numbers kept in BENCHMARKS.md for the next run to compare against ("no regression between runs") */
export type Kept = Record<string, number>;

export interface Results {
  rows: Row[];
  details: Detail[];
  kept: Kept;
}

export const fmt = {
  int: (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a'),
  ms: (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms` : 'n/a'),
  s: (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'n/a'),
  pct: (ratio: number) => (Number.isFinite(ratio) ? `${Math.round(ratio * 100)} %` : 'n/a'),
  cpu: (percent: number) => (Number.isFinite(percent) ? `${Math.round(percent)} %` : 'n/a'),
};

import { type Log, LogThrottle } from '../log';
import type { DropReason, TelemetryStats, TelemetryStoreMetrics } from './telemetry-store-options';

/** Log a run of refusals at most this often (a device with a wrong clock would log every batch). */
const REFUSAL_LOG_EVERY_MS = 60_000;

type CountStats = Pick<
  TelemetryStats,
  'writtenPoints' | 'failedWrites' | 'refusedPoints' | 'overflowPoints' | 'abandonedPoints' | 'corruptPoints'
>;

/** What became of the TelemetryStore's points (and failed requests), for stats() and /metrics. */
export class TelemetryCounts {
  private readonly log: Log;
  private readonly metrics: TelemetryStoreMetrics | undefined;
  private readonly counts = { written: 0, failedWrites: 0, refused: 0, overflow: 0, abandoned: 0, corrupt: 0 };
  private readonly refusalLog = new LogThrottle(REFUSAL_LOG_EVERY_MS);

  constructor(log: Log, metrics: TelemetryStoreMetrics | undefined) {
    this.log = log;
    this.metrics = metrics;
  }

  written(points: number): void {
    if (points <= 0) return;
    this.counts.written += points;
    this.metrics?.written(points);
  }

  writeFailed(): void {
    this.counts.failedWrites += 1;
    this.metrics?.writeFailed();
  }

  dropped(reason: DropReason, points: number): void {
    if (points <= 0) return;
    this.counts[reason] += points;
    this.metrics?.dropped(reason, points);
  }

  /** Refused for good by InfluxDB: dropped, and logged (throttled). */
  refused(reason: string, points: number): void {
    this.dropped('refused', points);
    if (this.refusalLog.due() === null) return;
    this.log.warn('InfluxDB refused points for good; dropped', {
      points,
      reason,
      refusedTotal: this.counts.refused,
    });
  }

  stats(): CountStats {
    return {
      writtenPoints: this.counts.written,
      failedWrites: this.counts.failedWrites,
      refusedPoints: this.counts.refused,
      overflowPoints: this.counts.overflow,
      abandonedPoints: this.counts.abandoned,
      corruptPoints: this.counts.corrupt,
    };
  }
}

import type { Log } from '../ingest/log';

/** Options, stats and metric hooks of the TelemetryStore (telemetry-store.ts). */

export interface TelemetryStoreOptions {
  /** points per `/write` request (measured: 5000-point batches, STACK.md "Ceilings") */
  batchMaxPoints: number;
  /** a partial batch goes out at most this long after its first point arrived */
  flushIntervalMs: number;
  /** points held in memory while InfluxDB is slow or down; beyond it the oldest are dropped */
  spoolMaxPoints: number;
  /** first pause before retrying a failed write; doubles per failure up to retryMaxMs */
  retryBaseMs: number;
  retryMaxMs: number;
  /** concurrent `/write` requests while InfluxDB is healthy (one probe at a time while it is not) */
  maxInFlightWrites: number;
  measurement: string;
  /** InfluxDB retention policy; the database's default when absent */
  retentionPolicy?: string;
  log: Log;
}

export type DropReason = 'refused' | 'overflow' | 'abandoned';

/** Hooks for /metrics, kept structural so the store does not depend on prom-client. */
export interface TelemetryStoreMetrics {
  written(points: number): void;
  writeFailed(): void;
  dropped(reason: DropReason, points: number): void;
}

export interface TelemetryStats {
  /** waiting for a batch or a free write slot while InfluxDB is healthy */
  queuedPoints: number;
  /** waiting because InfluxDB failed (down, 5xx): retried with backoff, in order */
  spooledPoints: number;
  inFlightPoints: number;
  writtenPoints: number;
  /** `/write` requests that failed, for any reason */
  failedWrites: number;
  /** refused for good by the server (400: beyond retention, type conflict), not retried */
  refusedPoints: number;
  /** dropped, oldest first, because the spool was full */
  overflowPoints: number;
  /** still unwritten at stop(), or written after it */
  abandonedPoints: number;
}

export const TELEMETRY_STORE_DEFAULTS: Omit<TelemetryStoreOptions, 'log'> = {
  batchMaxPoints: 5000,
  flushIntervalMs: 200,
  spoolMaxPoints: 1_000_000,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
  maxInFlightWrites: 2,
  measurement: 'telemetry',
};

import type { Log } from '../log';
import type { DiskBacklogOptions } from './disk-backlog';

/** Options, stats and metric hooks of the TelemetryStore (telemetry-store.ts), and the size of its disk backlog. */

export interface TelemetryStoreOptions {
  /** points per `/write` request (measured: 5000-point batches, STACK.md "Ceilings") */
  batchMaxPoints: number;
  /** a partial batch goes out at most this long after its first point arrived */
  flushIntervalMs: number;
  /**
   * points held in memory while InfluxDB is slow or down; beyond it the oldest go to `diskSpool`
   * (down to half the bound, in segments), or are dropped when there is no disk spool
   */
  spoolMaxPoints: number;
  /** the disk part of the spool (disk-backlog.ts); memory only when absent */
  diskSpool?: DiskSpoolOptions;
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

export interface DiskSpoolOptions {
  /** a directory of its own (the platform: DATA_DIR/telemetry-spool), locked by one process */
  dir: string;
  /** bound of the segment files together; past it the oldest segments are dropped as `overflow` */
  maxBytes: number;
  /** ends the error when another live process holds `dir` */
  inUseHint?: string;
}

/** The disk backlog of a store: segments of 1 to 10 batches, at most half the memory bound each. */
export function diskBacklogOptions(options: TelemetryStoreOptions, diskSpool: DiskSpoolOptions): DiskBacklogOptions {
  const { batchMaxPoints, spoolMaxPoints } = options;
  return {
    dir: diskSpool.dir,
    maxBytes: diskSpool.maxBytes,
    batchMaxPoints,
    segmentMaxPoints: Math.max(batchMaxPoints, Math.min(10 * batchMaxPoints, Math.floor(spoolMaxPoints / 2))),
    inUseHint: diskSpool.inUseHint ?? 'give each process its own spool directory',
  };
}

/**
 * refused: by InfluxDB for good (400); overflow: past the spool's bound (memory without a disk
 * spool, else disk); abandoned: unwritten at stop with nowhere to keep them; corrupt: the bad tail
 * of a segment file (a crash while it was written).
 */
export type DropReason = 'refused' | 'overflow' | 'abandoned' | 'corrupt';

/** Hooks for /metrics, kept structural so the store does not depend on prom-client. */
export interface TelemetryStoreMetrics {
  written(points: number): void;
  writeFailed(): void;
  dropped(reason: DropReason, points: number): void;
}

export interface TelemetryStats {
  /** waiting for a batch or a free write slot while InfluxDB is healthy */
  queuedPoints: number;
  /** in memory, waiting because InfluxDB failed (down, 5xx): retried with backoff, in order */
  spooledPoints: number;
  /** in disk spool segments not yet replayed (including those being written) */
  diskSpoolPoints: number;
  diskSpoolBytes: number;
  /** moved from memory to the disk spool, ever */
  spilledPoints: number;
  inFlightPoints: number;
  writtenPoints: number;
  /** `/write` requests that failed, for any reason */
  failedWrites: number;
  /** refused for good by the server (400: beyond retention, type conflict), not retried */
  refusedPoints: number;
  /** dropped, oldest first, because the spool was full */
  overflowPoints: number;
  /** still unwritten at stop() with no disk spool (or a failing disk), or written after it */
  abandonedPoints: number;
  /** lost in the bad tail of a disk spool segment */
  corruptPoints: number;
}

export const TELEMETRY_STORE_DEFAULTS: Omit<TelemetryStoreOptions, 'log'> = {
  batchMaxPoints: 5000,
  flushIntervalMs: 200,
  spoolMaxPoints: 100_000,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
  maxInFlightWrites: 2,
  measurement: 'telemetry',
};

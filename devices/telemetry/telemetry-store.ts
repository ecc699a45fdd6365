import type { InfluxDB } from 'influx';
import type { KnownDevice, Reading } from '../contract/types';
import { SILENT_LOG, errorMessage } from '../log';
import { DiskBacklog } from './disk-backlog';
import { FlushWaiters } from './flush-waiters';
import { writeLines } from './influx-write';
import { LineBuilder } from './line-protocol';
import { type Batch, PointSpool } from './point-spool';
import { PumpTimers } from './pump-timers';
import { TelemetryCounts } from './telemetry-counts';
import {
  TELEMETRY_STORE_DEFAULTS,
  diskBacklogOptions,
  type TelemetryStats,
  type TelemetryStoreMetrics,
  type TelemetryStoreOptions,
} from './telemetry-store-options';
import { WriteBackoff } from './write-backoff';
import { classifyWriteError } from './write-errors';

export type {
  DiskSpoolOptions,
  DropReason,
  TelemetryStats,
  TelemetryStoreMetrics,
  TelemetryStoreOptions,
} from './telemetry-store-options';

const RETRY_MIN_DELAY_MS = 10;

/**
 * Batched, bounded, never-throwing writes of readings to InfluxDB 1.x.
 *
 * Each batch is sent as ready line protocol through `influx.writePoints` (influx-write.ts).
 *
 * With `diskSpool` the spool has two parts: up to `spoolMaxPoints` in memory, and the oldest beyond
 * that in segment files (disk-backlog.ts), which are sent first. stop() makes one write attempt and
 * keeps what is left on disk; the next start replays it before new points.
 */
export class TelemetryStore {
  private readonly influx: InfluxDB;
  private readonly options: TelemetryStoreOptions;
  private readonly counts: TelemetryCounts;
  private readonly backoff: WriteBackoff;
  private readonly waiters = new FlushWaiters(() => this.lowestUnsettledPos());
  private readonly lines: LineBuilder;
  private readonly spool: PointSpool;
  private readonly backlog: DiskBacklog | null = null;
  private inFlight = 0;
  private inFlightPoints = 0;
  private flushDue = false;
  private readonly timers = new PumpTimers(
    () => {
      this.flushDue = true;
      this.pump();
    },
    () => this.pump(),
  );
  private stopped = false;

  constructor(influx: InfluxDB, options: Partial<TelemetryStoreOptions> = {}, metrics?: TelemetryStoreMetrics) {
    this.influx = influx;
    this.options = { ...TELEMETRY_STORE_DEFAULTS, log: SILENT_LOG, ...options };
    this.counts = new TelemetryCounts(this.options.log, metrics);
    this.backoff = new WriteBackoff(this.options);
    this.lines = new LineBuilder(this.options.measurement);
    const { diskSpool, spoolMaxPoints } = this.options;
    this.spool = new PointSpool(diskSpool ? Infinity : spoolMaxPoints);
    if (diskSpool) {
      this.backlog = new DiskBacklog(
        diskBacklogOptions(this.options, diskSpool),
        {
          dropped: (reason, points) => this.counts.dropped(reason, points),
          changed: () => {
            this.waiters.resolve(false);
            this.pump();
          },
          log: this.options.log,
        },
        0,
      );
      this.spool.reserve(this.backlog.foundPoints);
      this.pump(); // replay what an earlier run left
    }
  }

  /** Enqueues one point per reading. Synchronous; never throws (ingest must keep going). */
  write(device: KnownDevice, readings: Reading[]): void {
    try {
      if (this.stopped) {
        this.counts.dropped('abandoned', readings.length);
        return;
      }
      for (const reading of readings) {
        const line = this.lines.line(device, reading);
        if (line === null) continue;
        const dropped = this.spool.push(line);
        if (dropped > 0) this.counts.dropped('overflow', dropped);
      }
      this.spillIfOver();
      this.pump();
    } catch (error) {
      this.options.log.error('telemetry store: write failed', { error: errorMessage(error), device: device?.device });
    }
  }

  /**
   * Sends everything enqueued so far, now (no interval, no backoff pause), and resolves when it is
   * written or refused, or as soon as a write fails (then it stays spooled and is retried later).
   * Never rejects.
   */
  flush(): Promise<void> {
    const untilPos = this.spool.endPos;
    if (this.lowestUnsettledPos() >= untilPos) return Promise.resolve();
    const done = this.waiters.untilSettled(untilPos);
    this.pump();
    return done;
  }

  /**
   * Flushes what is left (one attempt), waits for writes in flight, then stops; later writes are
   * dropped. With a disk spool what was not written is kept there for the next start; and when older
   * points already wait on disk there is no attempt: memory joins them, so the replay stays in order.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.timers.clear();
    if (!this.backlog || this.backlog.isEmpty) await this.flush();
    if (this.inFlight > 0) await this.waiters.untilIdle();
    this.timers.clear();
    if (this.backlog) {
      this.backlog.spill(this.spool.takeOldest(Infinity));
      await this.backlog.close();
      const disk = this.backlog.stats();
      if (disk.points > 0) {
        this.options.log.info('telemetry store stopped; unwritten points kept on disk for the next start', {
          points: disk.points,
          bytes: disk.bytes,
          dir: this.options.diskSpool?.dir,
        });
      }
      return;
    }
    const left = this.spool.clear();
    if (left > 0) {
      this.counts.dropped('abandoned', left);
      this.options.log.warn('telemetry store stopped with unwritten points', { points: left });
    }
  }

  stats(): TelemetryStats {
    const buffered = this.spool.bufferedPoints;
    const disk = this.backlog?.stats();
    const degraded = this.backoff.degraded;
    return {
      queuedPoints: degraded ? 0 : buffered,
      spooledPoints: degraded ? buffered : 0,
      diskSpoolPoints: disk?.points ?? 0,
      diskSpoolBytes: disk?.bytes ?? 0,
      spilledPoints: disk?.spilledPoints ?? 0,
      inFlightPoints: this.inFlightPoints,
      ...this.counts.stats(),
    };
  }

  /** Starts every write that may go now, then arms the interval and retry timers. */
  private pump(): void {
    const flushing = this.waiters.flushing;
    if (this.stopped && !flushing) return;
    const limit = this.backoff.degraded ? 1 : Math.max(1, this.options.maxInFlightWrites);
    while (this.inFlight < limit) {
      if (this.backoff.degraded && !flushing && !this.backoff.retryDue()) break;
      const batch = this.backlog && !this.backlog.isEmpty ? this.backlog.take() : this.nextMemoryBatch(flushing);
      if (!batch) break;
      void this.send(batch);
    }
    if (this.spool.unbatchedPoints === 0) this.flushDue = false;
    this.armTimers();
  }

  /** Disk segments go first (take() is null while one is read or written; changed() pumps again). */
  private nextMemoryBatch(flushing: boolean): Batch | null {
    const full = this.spool.unbatchedPoints >= this.options.batchMaxPoints;
    // While degraded, a partial batch is due as soon as the backoff allows (the given-back batch
    // may have been dropped by overflow, and the interval timer does not run then).
    const due = (this.flushDue || flushing || this.backoff.degraded) && this.spool.unbatchedPoints > 0;
    if (!this.spool.hasReturned && !full && !due) return null;
    return this.spool.take(this.options.batchMaxPoints);
  }

  /** Past the memory bound, the oldest half goes to disk in one go (few, large segment files). */
  private spillIfOver(): void {
    const { spoolMaxPoints } = this.options;
    if (!this.backlog || this.spool.bufferedPoints <= spoolMaxPoints) return;
    this.backlog.spill(this.spool.takeOldest(this.spool.bufferedPoints - Math.floor(spoolMaxPoints / 2)));
  }

  private lowestUnsettledPos(): number {
    return Math.min(this.spool.lowestUnsettledPos(), this.backlog?.lowestUnsettledPos() ?? Infinity);
  }

  private async send(batch: Batch): Promise<void> {
    const owner = this.backlog?.owns(batch) ? this.backlog : this.spool;
    const points = batch.lines.length;
    this.inFlight += 1;
    this.inFlightPoints += points;
    try {
      await writeLines(this.influx, batch.lines, this.options.retentionPolicy);
      owner.settle(batch);
      this.counts.written(points);
      this.backoff.succeeded(this.spool.bufferedPoints);
    } catch (error) {
      this.counts.writeFailed();
      const failure = classifyWriteError(error, points);
      if (failure.retry) {
        owner.giveBack(batch);
        this.backoff.failed(failure.reason, this.spool.bufferedPoints);
        // flush() promised one attempt, not to wait out an outage.
        this.waiters.resolve(true);
      } else {
        owner.settle(batch);
        this.counts.written(points - failure.refusedPoints);
        this.counts.refused(failure.reason, failure.refusedPoints);
      }
    } finally {
      this.inFlight -= 1;
      this.inFlightPoints -= points;
      this.waiters.resolve(false);
      if (this.inFlight === 0) this.waiters.idle();
      this.pump();
    }
  }

  private armTimers(): void {
    if (this.stopped) return;
    if (!this.backoff.degraded && !this.flushDue && this.spool.unbatchedPoints > 0) {
      this.timers.armFlush(this.options.flushIntervalMs);
    }
    const waiting = this.spool.bufferedPoints > 0 || (this.backlog !== null && !this.backlog.isEmpty);
    if (this.backoff.degraded && this.inFlight === 0 && waiting) {
      // at least a tick: while a disk segment is written or read, nothing may go yet (changed() pumps after)
      this.timers.armRetry(() => Math.max(RETRY_MIN_DELAY_MS, this.backoff.msUntilRetry()));
    }
  }
}

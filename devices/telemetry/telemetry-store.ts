import type { InfluxDB } from 'influx';
import type { KnownDevice, Reading } from '../contract/types';
import { LogThrottle, SILENT_LOG, errorMessage } from '../log';
import { DiskBacklog } from './disk-backlog';
import { LineBuilder } from './line-protocol';
import { type Batch, PointSpool } from './point-spool';
import {
  TELEMETRY_STORE_DEFAULTS,
  type DropReason,
  type TelemetryStats,
  type TelemetryStoreMetrics,
  type TelemetryStoreOptions,
} from './telemetry-store-options';
import { classifyWriteError } from './write-errors';

export type {
  DiskSpoolOptions,
  DropReason,
  TelemetryStats,
  TelemetryStoreMetrics,
  TelemetryStoreOptions,
} from './telemetry-store-options';

/** Log a run of refusals at most this often (a device with a wrong clock would log every batch). */
const REFUSAL_LOG_EVERY_MS = 60_000;
const RETRY_MIN_DELAY_MS = 10;

/**
 * Batched, bounded, never-throwing writes of readings to InfluxDB 1.x.
 *
 * Each batch is sent as ready line protocol through `influx.writePoints` (see `post`). Measured in
 * one run against influxd 1.6.7 on the 2-core dev machine, 5000-point batches of heating readings,
 * line building included: 115k / 180k points/s with 1 / 2 writes in flight, against 89k / 148k
 * when `writePoints` gets one IPoint object per reading, which also costs ~31 ms of Node CPU per
 * batch against ~19 ms (it escapes every tag of every point; we escape a device's tags once).
 *
 * With `diskSpool` the spool has two parts: up to `spoolMaxPoints` in memory, and the oldest beyond
 * that in segment files (disk-backlog.ts), which are sent first. stop() makes one write attempt and
 * keeps what is left on disk; the next start replays it before new points.
 */
export class TelemetryStore {
  private readonly influx: InfluxDB;
  private readonly options: TelemetryStoreOptions;
  private readonly metrics: TelemetryStoreMetrics | undefined;
  private readonly lines: LineBuilder;
  private readonly spool: PointSpool;
  private readonly backlog: DiskBacklog | null = null;
  private readonly counts = { written: 0, failedWrites: 0, refused: 0, overflow: 0, abandoned: 0, corrupt: 0 };
  private inFlight = 0;
  private inFlightPoints = 0;
  /** set by a failed write, cleared by the next successful one */
  private degraded = false;
  private failuresInRow = 0;
  private retryAtMs = 0;
  private flushDue = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private flushWaiters: Array<{ untilPos: number; resolve: () => void }> = [];
  private idleWaiters: Array<() => void> = [];
  private stopped = false;
  private readonly refusalLog = new LogThrottle(REFUSAL_LOG_EVERY_MS);

  constructor(influx: InfluxDB, options: Partial<TelemetryStoreOptions> = {}, metrics?: TelemetryStoreMetrics) {
    this.influx = influx;
    this.options = { ...TELEMETRY_STORE_DEFAULTS, log: SILENT_LOG, ...options };
    this.metrics = metrics;
    this.lines = new LineBuilder(this.options.measurement);
    const { diskSpool, spoolMaxPoints, batchMaxPoints } = this.options;
    this.spool = new PointSpool(diskSpool ? Infinity : spoolMaxPoints);
    if (diskSpool) {
      this.backlog = new DiskBacklog(
        {
          dir: diskSpool.dir,
          maxBytes: diskSpool.maxBytes,
          batchMaxPoints,
          segmentMaxPoints: Math.max(batchMaxPoints, Math.min(10 * batchMaxPoints, Math.floor(spoolMaxPoints / 2))),
          inUseHint: diskSpool.inUseHint ?? 'give each process its own spool directory',
        },
        {
          dropped: (reason, points) => this.drop(reason, points),
          changed: () => {
            this.resolveFlushWaiters(false);
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
        this.drop('abandoned', readings.length);
        return;
      }
      for (const reading of readings) {
        const line = this.lines.line(device, reading);
        if (line === null) continue;
        const dropped = this.spool.push(line);
        if (dropped > 0) this.drop('overflow', dropped);
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
    const done = new Promise<void>((resolve) => this.flushWaiters.push({ untilPos, resolve }));
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
    this.clearTimers();
    if (!this.backlog || this.backlog.isEmpty) await this.flush();
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.clearTimers();
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
      this.drop('abandoned', left);
      this.options.log.warn('telemetry store stopped with unwritten points', { points: left });
    }
  }

  stats(): TelemetryStats {
    const buffered = this.spool.bufferedPoints;
    const disk = this.backlog?.stats();
    return {
      queuedPoints: this.degraded ? 0 : buffered,
      spooledPoints: this.degraded ? buffered : 0,
      diskSpoolPoints: disk?.points ?? 0,
      diskSpoolBytes: disk?.bytes ?? 0,
      spilledPoints: disk?.spilledPoints ?? 0,
      inFlightPoints: this.inFlightPoints,
      writtenPoints: this.counts.written,
      failedWrites: this.counts.failedWrites,
      refusedPoints: this.counts.refused,
      overflowPoints: this.counts.overflow,
      abandonedPoints: this.counts.abandoned,
      corruptPoints: this.counts.corrupt,
    };
  }

  /** Starts every write that may go now, then arms the interval and retry timers. */
  private pump(): void {
    const flushing = this.flushWaiters.length > 0;
    if (this.stopped && !flushing) return;
    const limit = this.degraded ? 1 : Math.max(1, this.options.maxInFlightWrites);
    while (this.inFlight < limit) {
      if (this.degraded && !flushing && Date.now() < this.retryAtMs) break;
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
    const due = (this.flushDue || flushing || this.degraded) && this.spool.unbatchedPoints > 0;
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
      await this.post(batch.lines);
      owner.settle(batch);
      this.recordWritten(points);
      if (this.degraded) {
        this.options.log.info('InfluxDB writes recovered', { spooledPoints: this.spool.bufferedPoints });
        this.degraded = false;
        this.failuresInRow = 0;
      }
    } catch (error) {
      this.counts.failedWrites += 1;
      this.metrics?.writeFailed();
      const failure = classifyWriteError(error, points);
      if (failure.retry) {
        owner.giveBack(batch);
        this.backOff(failure.reason);
        // flush() promised one attempt, not to wait out an outage.
        this.resolveFlushWaiters(true);
      } else {
        owner.settle(batch);
        this.recordWritten(points - failure.refusedPoints);
        this.drop('refused', failure.refusedPoints);
        this.logRefusal(failure.reason, failure.refusedPoints);
      }
    } finally {
      this.inFlight -= 1;
      this.inFlightPoints -= points;
      this.resolveFlushWaiters(false);
      if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      this.pump();
    }
  }

  /**
   * One request, body = the batch's lines. `writePoints` puts a point's `measurement` into the body
   * verbatim (influx 5.12.0 lib/src/index.js `writePoints`), and a point without tags, fields or
   * timestamp adds nothing else, so the ready lines go to `/write` with the client's database, auth,
   * pool and timeout. The lines were escaped when they were built (line-protocol.ts); the
   * integration test reads the points back, so a library that began escaping it would fail there.
   */
  private post(lines: string[]): Promise<void> {
    return this.influx.writePoints([{ measurement: lines.join('\n') }], {
      precision: 'ms',
      retentionPolicy: this.options.retentionPolicy,
    });
  }

  private backOff(reason: string): void {
    this.failuresInRow += 1;
    const exp = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.min(20, this.failuresInRow - 1));
    // jitter, so several ingest workers do not retry in lockstep against a recovering server
    this.retryAtMs = Date.now() + exp * (0.75 + Math.random() * 0.25);
    if (!this.degraded) {
      this.options.log.warn('InfluxDB write failed; spooling and retrying', {
        reason,
        spooledPoints: this.spool.bufferedPoints,
      });
    }
    this.degraded = true;
  }

  private armTimers(): void {
    if (this.stopped) return;
    if (!this.degraded && !this.flushDue && !this.flushTimer && this.spool.unbatchedPoints > 0) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.flushDue = true;
        this.pump();
      }, this.options.flushIntervalMs);
      this.flushTimer.unref();
    }
    const waiting = this.spool.bufferedPoints > 0 || (this.backlog !== null && !this.backlog.isEmpty);
    if (this.degraded && !this.retryTimer && this.inFlight === 0 && waiting) {
      this.retryTimer = setTimeout(
        () => {
          this.retryTimer = null;
          this.pump();
        },
        // at least a tick: while a disk segment is written or read, nothing may go yet (changed() pumps after)
        Math.max(RETRY_MIN_DELAY_MS, this.retryAtMs - Date.now()),
      );
      this.retryTimer.unref();
    }
  }

  private clearTimers(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.flushTimer = null;
    this.retryTimer = null;
  }

  private resolveFlushWaiters(all: boolean): void {
    if (this.flushWaiters.length === 0) return;
    const low = this.lowestUnsettledPos();
    const waiting = this.flushWaiters;
    this.flushWaiters = [];
    for (const w of waiting) {
      if (all || w.untilPos <= low) w.resolve();
      else this.flushWaiters.push(w);
    }
  }

  private recordWritten(points: number): void {
    if (points <= 0) return;
    this.counts.written += points;
    this.metrics?.written(points);
  }

  private drop(reason: DropReason, points: number): void {
    if (points <= 0) return;
    this.counts[reason] += points;
    this.metrics?.dropped(reason, points);
  }

  private logRefusal(reason: string, points: number): void {
    if (this.refusalLog.due() === null) return;
    this.options.log.warn('InfluxDB refused points for good; dropped', {
      points,
      reason,
      refusedTotal: this.counts.refused,
    });
  }
}

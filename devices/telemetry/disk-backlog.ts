import { type Log, LogThrottle, errorMessage } from '../log';
import type { Batch } from './point-spool';
import { type Segment, SegmentQueue } from './segment-queue';
import { SpoolFiles } from './spool-files';
import { encodeSegment } from './spool-segment';
import { SpoolReplay } from './spool-replay';

export interface DiskBacklogOptions {
  dir: string;
  /** bound of the segment files together; past it the oldest segments are dropped (counted, logged) */
  maxBytes: number;
  /** points per record, one record per `/write` batch on replay */
  batchMaxPoints: number;
  /** points per segment file */
  segmentMaxPoints: number;
  /** ends the error when another live process holds the directory */
  inUseHint: string;
}

export interface DiskBacklogHooks {
  dropped(reason: 'overflow' | 'corrupt' | 'abandoned', points: number): void;
  /** a segment became ready to send, or finished: the store pumps and settles its flush waiters */
  changed(): void;
  log: Log;
}

/** Log a run of disk drops or corrupt segments at most this often. */
const DROP_LOG_EVERY_MS = 60_000;

/**
 * The older part of the telemetry spool, on disk (TelemetryStore spills its oldest points here
 * when its memory bound is passed). Segments are replayed strictly in order and before anything
 * in memory; a segment file is deleted only once every one of its batches is written or refused.
 * Segments found at start (an earlier run's stop or crash) are the head of the queue.
 *
 * This file is the spill side (new segments, the byte bound) and the facade the store uses; reading
 * segments back and handing out their batches is spool-replay.ts.
 */
export class DiskBacklog {
  private readonly options: DiskBacklogOptions;
  private readonly hooks: DiskBacklogHooks;
  private readonly queue: SegmentQueue;
  private readonly replay: SpoolReplay;
  private nextSeq = 1;
  private spilled = 0;
  private readonly dropLog = new LogThrottle(DROP_LOG_EVERY_MS);

  /** Opens the directory (lock) and queues the segments found there, from position `firstPos`. */
  constructor(options: DiskBacklogOptions, hooks: DiskBacklogHooks, firstPos: number) {
    this.options = options;
    this.hooks = hooks;
    const { files, found } = SpoolFiles.open(options.dir, options.inUseHint);
    this.queue = new SegmentQueue(files, hooks.log);
    this.replay = new SpoolReplay(this.queue, hooks);
    let pos = firstPos;
    for (const f of found) {
      this.queue.push({ ...f, startPos: pos, state: 'stored', pending: [], inFlight: new Set() });
      pos += f.points;
      this.nextSeq = f.seq + 1;
    }
    if (found.length > 0) {
      hooks.log.info('telemetry spool: replaying segments left by an earlier run', {
        dir: options.dir,
        segments: found.length,
        points: pos - firstPos,
        bytes: this.queue.bytes,
      });
    }
  }

  /** points found at open, for the store's positions */
  get foundPoints(): number {
    return this.queue.points;
  }

  get isEmpty(): boolean {
    return this.queue.isEmpty;
  }

  stats(): { points: number; bytes: number; spilledPoints: number } {
    return {
      points: this.queue.points,
      bytes: this.queue.bytes,
      spilledPoints: this.spilled,
    };
  }

  /** Moves batches (the oldest of the memory spool) to new segment files, after every segment queued. */
  spill(batches: Batch[]): void {
    const { batchMaxPoints, segmentMaxPoints } = this.options;
    let group: Batch[] = [];
    let groupPoints = 0;
    for (const batch of batches) {
      for (let i = 0; i < batch.lines.length; i += batchMaxPoints) {
        const lines = batch.lines.slice(i, i + batchMaxPoints);
        if (groupPoints + lines.length > segmentMaxPoints && group.length > 0) {
          this.addSegment(group, groupPoints);
          group = [];
          groupPoints = 0;
        }
        group.push({ startPos: batch.startPos + i, lines });
        groupPoints += lines.length;
      }
    }
    if (group.length > 0) this.addSegment(group, groupPoints);
  }

  /** The next batch of the head segment, or null while it is being written or read (changed() follows). */
  take(): Batch | null {
    return this.replay.take();
  }

  owns(batch: Batch): boolean {
    return this.replay.owns(batch);
  }

  /** Written or refused; the segment file goes once all its batches are. */
  settle(batch: Batch): void {
    this.replay.settle(batch);
  }

  /** The write failed and will be retried: first in line again. */
  giveBack(batch: Batch): void {
    this.replay.giveBack(batch);
  }

  /** Every position before this is settled, as far as the backlog knows (Infinity when empty). */
  lowestUnsettledPos(): number {
    return this.replay.lowestUnsettledPos();
  }

  /** Waits for every write, read and delete under way, then releases the directory. */
  async close(): Promise<void> {
    await this.queue.idle();
    const memoryOnly = this.queue.all.filter((s) => s.file === null);
    const points = memoryOnly.reduce((n, s) => n + pointsOf(s.pending), 0);
    if (points > 0) {
      this.hooks.dropped('abandoned', points);
      this.hooks.log.error('telemetry spool: points that could not be written to disk are lost at stop', { points });
    }
    this.queue.files.release();
  }

  private addSegment(batches: Batch[], points: number): void {
    const buffer = encodeSegment(batches.map((b) => b.lines));
    while (this.queue.bytes + buffer.length > this.options.maxBytes) {
      const oldest = this.queue.all.find(
        (s) => s.file !== null && (s.state === 'stored' || (s.state === 'loaded' && s.inFlight.size === 0)),
      );
      if (!oldest) {
        this.dropForSpace(points);
        return;
      }
      this.queue.remove(oldest);
      this.dropForSpace(oldest.state === 'loaded' ? pointsOf(oldest.pending) : oldest.points);
    }
    const seq = this.nextSeq++;
    const file = this.queue.files.pathOf(seq);
    const segment: Segment = {
      seq,
      startPos: batches[0].startPos,
      points,
      bytes: buffer.length,
      file,
      state: 'writing',
      pending: batches,
      inFlight: new Set(),
    };
    this.queue.push(segment);
    this.spilled += points;
    this.queue.track(
      this.queue.files.write(file, buffer).then(
        () => {
          // the head keeps its lines (sent next); the others are read back when their turn comes
          if (this.queue.all[0] === segment) segment.state = 'loaded';
          else {
            segment.state = 'stored';
            segment.pending = [];
          }
          this.hooks.changed();
        },
        (error: unknown) => {
          this.hooks.log.error('telemetry spool: writing a segment failed; its points stay in memory', {
            file,
            points,
            error: errorMessage(error),
          });
          this.queue.fileLost(segment);
          segment.state = 'loaded';
          this.hooks.changed();
        },
      ),
    );
  }

  private dropForSpace(points: number): void {
    this.hooks.dropped('overflow', points);
    const droppedSinceLog = this.dropLog.due(points);
    if (droppedSinceLog === null) return;
    this.hooks.log.warn('telemetry spool on disk is full; dropped the oldest points', {
      points: droppedSinceLog,
      maxBytes: this.options.maxBytes,
      dir: this.options.dir,
    });
  }
}

function pointsOf(batches: Batch[]): number {
  return batches.reduce((n, b) => n + b.lines.length, 0);
}

import { type Log, LogThrottle, errorMessage } from '../log';
import type { Batch } from './point-spool';
import { SpoolFiles } from './spool-files';
import { decodeSegment, encodeSegment } from './spool-segment';

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

interface Segment {
  seq: number;
  startPos: number;
  points: number;
  bytes: number;
  /** null: the segment never reached the disk (its write failed); it lives in memory only */
  file: string | null;
  state: 'writing' | 'stored' | 'loading' | 'loaded';
  /** while writing, and once loaded: the batches still to send, in position order */
  pending: Batch[];
  inFlight: Set<Batch>;
}

/** Log a run of disk drops or corrupt segments at most this often. */
const DROP_LOG_EVERY_MS = 60_000;

/**
 * The older part of the telemetry spool, on disk (TelemetryStore spills its oldest points here
 * when its memory bound is passed). Segments are replayed strictly in order and before anything
 * in memory; a segment file is deleted only once every one of its batches is written or refused.
 * Segments found at start (an earlier run's stop or crash) are the head of the queue.
 */
export class DiskBacklog {
  private readonly files: SpoolFiles;
  private readonly options: DiskBacklogOptions;
  private readonly hooks: DiskBacklogHooks;
  private readonly segments: Segment[] = [];
  private readonly owner = new Map<Batch, Segment>();
  private readonly work = new Set<Promise<void>>();
  private nextSeq = 1;
  private diskBytes = 0;
  private spilled = 0;
  private readonly dropLog = new LogThrottle(DROP_LOG_EVERY_MS);

  /** Opens the directory (lock) and queues the segments found there, from position `firstPos`. */
  constructor(options: DiskBacklogOptions, hooks: DiskBacklogHooks, firstPos: number) {
    this.options = options;
    this.hooks = hooks;
    const { files, found } = SpoolFiles.open(options.dir, options.inUseHint);
    this.files = files;
    let pos = firstPos;
    for (const f of found) {
      this.segments.push({ ...f, startPos: pos, state: 'stored', pending: [], inFlight: new Set() });
      pos += f.points;
      this.diskBytes += f.bytes;
      this.nextSeq = f.seq + 1;
    }
    if (found.length > 0) {
      hooks.log.info('telemetry spool: replaying segments left by an earlier run', {
        dir: options.dir,
        segments: found.length,
        points: pos - firstPos,
        bytes: this.diskBytes,
      });
    }
  }

  /** points found at open, for the store's positions */
  get foundPoints(): number {
    return this.segments.reduce((n, s) => n + s.points, 0);
  }

  get isEmpty(): boolean {
    return this.segments.length === 0;
  }

  stats(): { points: number; bytes: number; spilledPoints: number } {
    return {
      points: this.segments.reduce((n, s) => n + s.points, 0),
      bytes: this.diskBytes,
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
    const head = this.segments[0];
    if (!head) return null;
    if (head.state === 'stored') this.load(head);
    // read the next segment while this one is sent, so replay does not pause between files
    const next = this.segments[1];
    if (head.state === 'loaded' && next?.state === 'stored') this.load(next);
    if (head.state !== 'loaded') return null;
    const batch = head.pending.shift();
    if (!batch) return null;
    head.inFlight.add(batch);
    this.owner.set(batch, head);
    return batch;
  }

  owns(batch: Batch): boolean {
    return this.owner.has(batch);
  }

  /** Written or refused; the segment file goes once all its batches are. */
  settle(batch: Batch): void {
    const segment = this.release(batch);
    if (segment) this.finishIfDone(segment);
  }

  /** The write failed and will be retried: first in line again. */
  giveBack(batch: Batch): void {
    const segment = this.release(batch);
    if (!segment) return;
    let i = 0;
    while (i < segment.pending.length && segment.pending[i].startPos < batch.startPos) i += 1;
    segment.pending.splice(i, 0, batch);
  }

  /** Every position before this is settled, as far as the backlog knows (Infinity when empty). */
  lowestUnsettledPos(): number {
    let low = Infinity;
    for (const s of this.segments) {
      if (s.state !== 'loaded') low = Math.min(low, s.startPos);
      else {
        for (const b of s.pending) low = Math.min(low, b.startPos);
        for (const b of s.inFlight) low = Math.min(low, b.startPos);
      }
    }
    return low;
  }

  /** Waits for every write, read and delete under way, then releases the directory. */
  async close(): Promise<void> {
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
    const memoryOnly = this.segments.filter((s) => s.file === null);
    const points = memoryOnly.reduce((n, s) => n + pointsOf(s.pending), 0);
    if (points > 0) {
      this.hooks.dropped('abandoned', points);
      this.hooks.log.error('telemetry spool: points that could not be written to disk are lost at stop', { points });
    }
    this.files.release();
  }

  private addSegment(batches: Batch[], points: number): void {
    const buffer = encodeSegment(batches.map((b) => b.lines));
    while (this.diskBytes + buffer.length > this.options.maxBytes) {
      const oldest = this.segments.find(
        (s) => s.file !== null && (s.state === 'stored' || (s.state === 'loaded' && s.inFlight.size === 0)),
      );
      if (!oldest) {
        this.dropForSpace(points);
        return;
      }
      this.segments.splice(this.segments.indexOf(oldest), 1);
      this.diskBytes -= oldest.bytes;
      this.track(this.files.remove(oldest.file!));
      this.dropForSpace(oldest.state === 'loaded' ? pointsOf(oldest.pending) : oldest.points);
    }
    const seq = this.nextSeq++;
    const file = this.files.pathOf(seq);
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
    this.segments.push(segment);
    this.diskBytes += buffer.length;
    this.spilled += points;
    this.track(
      this.files.write(file, buffer).then(
        () => {
          // the head keeps its lines (sent next); the others are read back when their turn comes
          if (this.segments[0] === segment) segment.state = 'loaded';
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
          segment.file = null;
          segment.state = 'loaded';
          this.diskBytes -= segment.bytes;
          this.hooks.changed();
        },
      ),
    );
  }

  private load(segment: Segment): void {
    segment.state = 'loading';
    this.track(
      this.files.read(segment.file!).then(
        (buffer) => {
          const decoded = decodeSegment(buffer);
          let pos = segment.startPos;
          segment.pending = decoded.records.map((lines) => {
            const batch = { startPos: pos, lines };
            pos += lines.length;
            return batch;
          });
          if (decoded.badTailBytes > 0 || decoded.lostPoints > 0) {
            this.hooks.dropped('corrupt', decoded.lostPoints);
            this.hooks.log.warn('telemetry spool: a segment has a bad tail (a crash while writing it?); skipped', {
              file: segment.file,
              intactPoints: pos - segment.startPos,
              lostPoints: decoded.lostPoints,
              badTailBytes: decoded.badTailBytes,
            });
          }
          segment.state = 'loaded';
          this.finishIfDone(segment);
          this.hooks.changed();
        },
        (error: unknown) => {
          this.hooks.dropped('corrupt', segment.points);
          this.hooks.log.error('telemetry spool: a segment could not be read; skipped', {
            file: segment.file,
            points: segment.points,
            error: errorMessage(error),
          });
          segment.pending = [];
          segment.state = 'loaded';
          this.finishIfDone(segment);
          this.hooks.changed();
        },
      ),
    );
  }

  private release(batch: Batch): Segment | undefined {
    const segment = this.owner.get(batch);
    if (!segment) return undefined;
    this.owner.delete(batch);
    segment.inFlight.delete(batch);
    return segment;
  }

  private finishIfDone(segment: Segment): void {
    if (segment.state !== 'loaded' || segment.pending.length > 0 || segment.inFlight.size > 0) return;
    const i = this.segments.indexOf(segment);
    if (i === -1) return;
    this.segments.splice(i, 1);
    if (segment.file) {
      this.diskBytes -= segment.bytes;
      this.track(this.files.remove(segment.file));
    }
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

  private track(promise: Promise<void>): void {
    const tracked = promise.catch((error: unknown) =>
      this.hooks.log.error('telemetry spool: file operation failed', { error: errorMessage(error) }),
    );
    this.work.add(tracked);
    void tracked.finally(() => this.work.delete(tracked));
  }
}

function pointsOf(batches: Batch[]): number {
  return batches.reduce((n, b) => n + b.lines.length, 0);
}

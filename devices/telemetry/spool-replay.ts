import { type Log, errorMessage } from '../log';
import type { Batch } from './point-spool';
import type { Segment, SegmentQueue } from './segment-queue';
import { decodeSegment } from './spool-segment';

export interface SpoolReplayHooks {
  dropped(reason: 'corrupt', points: number): void;
  /** a segment was read (or could not be): the store pumps and settles its flush waiters */
  changed(): void;
  log: Log;
}

/**
 * The replay side of the disk backlog: hands out the batches of the head segment, strictly in order,
 * reading each segment file back when its turn comes; a segment (and its file) goes once every one
 * of its batches is written or refused.
 */
export class SpoolReplay {
  private readonly queue: SegmentQueue;
  private readonly hooks: SpoolReplayHooks;
  private readonly owner = new Map<Batch, Segment>();

  constructor(queue: SegmentQueue, hooks: SpoolReplayHooks) {
    this.queue = queue;
    this.hooks = hooks;
  }

  /** The next batch of the head segment, or null while it is being written or read (changed() follows). */
  take(): Batch | null {
    const head = this.queue.all[0];
    if (!head) return null;
    if (head.state === 'stored') this.load(head);
    // read the next segment while this one is sent, so replay does not pause between files
    const next = this.queue.all[1];
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
    for (const s of this.queue.all) {
      if (s.state !== 'loaded') low = Math.min(low, s.startPos);
      else {
        for (const b of s.pending) low = Math.min(low, b.startPos);
        for (const b of s.inFlight) low = Math.min(low, b.startPos);
      }
    }
    return low;
  }

  private load(segment: Segment): void {
    segment.state = 'loading';
    this.queue.track(
      this.queue.files.read(segment.file!).then(
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
    this.queue.remove(segment);
  }
}

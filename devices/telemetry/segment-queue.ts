import { type Log, errorMessage } from '../log';
import type { Batch } from './point-spool';
import type { SpoolFiles } from './spool-files';

export interface Segment {
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

/**
 * The disk backlog's segments in replay order (oldest first), the bytes their files take, and the
 * file operations under way (writes, reads, deletes), which the backlog's close() waits for.
 * Shared by the spill side (disk-backlog.ts) and the replay side (spool-replay.ts).
 */
export class SegmentQueue {
  readonly files: SpoolFiles;
  private readonly log: Log;
  private readonly segments: Segment[] = [];
  private readonly work = new Set<Promise<void>>();
  private diskBytes = 0;

  constructor(files: SpoolFiles, log: Log) {
    this.files = files;
    this.log = log;
  }

  /** oldest first */
  get all(): readonly Segment[] {
    return this.segments;
  }

  get isEmpty(): boolean {
    return this.segments.length === 0;
  }

  get points(): number {
    return this.segments.reduce((n, s) => n + s.points, 0);
  }

  get bytes(): number {
    return this.diskBytes;
  }

  /** Queues a segment after every other; its file's bytes count from now. */
  push(segment: Segment): void {
    this.segments.push(segment);
    this.diskBytes += segment.bytes;
  }

  /** Its file could not be written: it stays queued, in memory only. */
  fileLost(segment: Segment): void {
    segment.file = null;
    this.diskBytes -= segment.bytes;
  }

  /** Takes the segment out of the queue and deletes its file (if it has one). */
  remove(segment: Segment): void {
    const i = this.segments.indexOf(segment);
    if (i === -1) return;
    this.segments.splice(i, 1);
    if (segment.file) {
      this.diskBytes -= segment.bytes;
      this.track(this.files.remove(segment.file));
    }
  }

  track(promise: Promise<void>): void {
    const tracked = promise.catch((error: unknown) =>
      this.log.error('telemetry spool: file operation failed', { error: errorMessage(error) }),
    );
    this.work.add(tracked);
    void tracked.finally(() => this.work.delete(tracked));
  }

  /** Resolves once no file operation is under way. */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
  }
}

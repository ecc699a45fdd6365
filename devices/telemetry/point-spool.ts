/**
 * The bounded, ordered memory of lines the TelemetryStore has not written yet.
 *
 * Lines wait in a FIFO until they are cut into a batch. A batch that InfluxDB could not take is
 * given back and goes out again before anything newer, so a spool drains in arrival order. Every
 * line has a position (its arrival number), which lets `flush()` wait for exactly the lines that
 * were there when it was called, even while new ones keep coming and two writes are in flight.
 *
 * At most `maxPoints` lines are held (in flight excluded): beyond that the OLDEST are dropped, as a
 * monitoring desk needs the current state more than the history of an outage. With a disk spool
 * the bound is Infinity here and the TelemetryStore moves the oldest lines to disk instead
 * (`takeOldest`, disk-backlog.ts).
 */
export interface Batch {
  /** the position of `lines[0]` */
  startPos: number;
  lines: string[];
}

/** Compact the FIFO array once this many lines at its head have been taken. */
const COMPACT_AFTER = 4096;

export class PointSpool {
  private readonly maxPoints: number;
  private lines: string[] = [];
  private head = 0;
  /** position of lines[head]; equals `enqueued` when the FIFO is empty */
  private headPos = 0;
  private enqueued = 0;
  /** batches given back after a failed write, oldest first */
  private readonly returned: Batch[] = [];
  private returnedPoints = 0;
  private readonly inFlight = new Set<Batch>();

  constructor(maxPoints: number) {
    this.maxPoints = Math.max(1, maxPoints);
  }

  /** Appends one line; returns how many old lines had to be dropped to stay within the bound. */
  push(line: string): number {
    this.lines.push(line);
    this.enqueued += 1;
    const over = this.bufferedPoints - this.maxPoints;
    return over > 0 ? this.dropOldest(over) : 0;
  }

  /** lines waiting, not in flight (given-back batches and the FIFO) */
  get bufferedPoints(): number {
    return this.returnedPoints + this.unbatchedPoints;
  }

  /** lines in the FIFO, not yet cut into a batch */
  get unbatchedPoints(): number {
    return this.lines.length - this.head;
  }

  get hasReturned(): boolean {
    return this.returned.length > 0;
  }

  /** position after the last line ever pushed */
  get endPos(): number {
    return this.enqueued;
  }

  /** The next batch to send: a given-back batch first, else up to `maxLines` from the FIFO. */
  take(maxLines: number): Batch | null {
    let batch = this.returned.shift();
    if (batch) {
      this.returnedPoints -= batch.lines.length;
    } else {
      const n = Math.min(maxLines, this.unbatchedPoints);
      if (n === 0) return null;
      batch = { startPos: this.headPos, lines: this.lines.slice(this.head, this.head + n) };
      this.advance(n);
    }
    this.inFlight.add(batch);
    return batch;
  }

  /** A write failed and may succeed later: the batch goes back, in position order. */
  giveBack(batch: Batch): void {
    this.inFlight.delete(batch);
    let i = this.returned.length;
    while (i > 0 && this.returned[i - 1].startPos > batch.startPos) i -= 1;
    this.returned.splice(i, 0, batch);
    this.returnedPoints += batch.lines.length;
  }

  /** The batch's fate is decided (written or refused). */
  settle(batch: Batch): void {
    this.inFlight.delete(batch);
  }

  /** Every line before this position is settled: written, refused or dropped. */
  lowestUnsettledPos(): number {
    let low = this.headPos;
    if (this.returned.length > 0) low = Math.min(low, this.returned[0].startPos);
    for (const b of this.inFlight) low = Math.min(low, b.startPos);
    return low;
  }

  /**
   * Removes up to `maxLines` of the oldest waiting lines (given-back batches first, then the FIFO)
   * and returns them as batches in position order, for the disk spool.
   */
  takeOldest(maxLines: number): Batch[] {
    const out: Batch[] = [];
    let left = maxLines;
    while (left > 0 && this.returned.length > 0) {
      const oldest = this.returned[0];
      if (oldest.lines.length <= left) {
        this.returned.shift();
        out.push(oldest);
        left -= oldest.lines.length;
        this.returnedPoints -= oldest.lines.length;
      } else {
        out.push({ startPos: oldest.startPos, lines: oldest.lines.splice(0, left) });
        oldest.startPos += left;
        this.returnedPoints -= left;
        left = 0;
      }
    }
    const n = Math.min(left, this.unbatchedPoints);
    if (n > 0) {
      out.push({ startPos: this.headPos, lines: this.lines.slice(this.head, this.head + n) });
      this.advance(n);
    }
    return out;
  }

  /** Positions for `n` lines that live elsewhere (segments found on disk at start); before any push. */
  reserve(n: number): void {
    if (this.enqueued !== this.headPos || this.unbatchedPoints > 0) throw new Error('reserve() before any push only');
    this.enqueued += n;
    this.headPos += n;
  }

  /** Drops everything that is not in flight; returns how many lines that was. */
  clear(): number {
    const n = this.bufferedPoints;
    this.returned.length = 0;
    this.returnedPoints = 0;
    this.advance(this.unbatchedPoints);
    return n;
  }

  private dropOldest(count: number): number {
    let left = count;
    while (left > 0 && this.returned.length > 0) {
      const oldest = this.returned[0];
      const k = Math.min(left, oldest.lines.length);
      oldest.lines.splice(0, k);
      oldest.startPos += k;
      this.returnedPoints -= k;
      left -= k;
      if (oldest.lines.length === 0) this.returned.shift();
    }
    const k = Math.min(left, this.unbatchedPoints);
    this.advance(k);
    return count - (left - k);
  }

  private advance(n: number): void {
    this.head += n;
    this.headPos += n;
    if (this.head === this.lines.length) {
      this.lines = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * The callers waiting on the TelemetryStore's writes: flush() until every position enqueued before
 * it is settled (written, refused or dropped), stop() until no write is in flight.
 */
export class FlushWaiters {
  private readonly lowestUnsettledPos: () => number;
  private flushes: Array<{ untilPos: number; resolve: () => void }> = [];
  private idleWaiters: Array<() => void> = [];

  /** `lowestUnsettledPos`: every position before it is settled (the store's memory and disk together) */
  constructor(lowestUnsettledPos: () => number) {
    this.lowestUnsettledPos = lowestUnsettledPos;
  }

  /** a flush() is waiting: the store sends now, without interval or backoff pause */
  get flushing(): boolean {
    return this.flushes.length > 0;
  }

  /** Resolves once every position before `untilPos` is settled, or on `resolve(true)`. */
  untilSettled(untilPos: number): Promise<void> {
    return new Promise<void>((resolve) => this.flushes.push({ untilPos, resolve }));
  }

  /** Resolves the flushes whose positions are all settled now; every flush when `all`. */
  resolve(all: boolean): void {
    if (this.flushes.length === 0) return;
    const low = this.lowestUnsettledPos();
    const waiting = this.flushes;
    this.flushes = [];
    for (const w of waiting) {
      if (all || w.untilPos <= low) w.resolve();
      else this.flushes.push(w);
    }
  }

  /** Resolves at the next `idle()`. */
  untilIdle(): Promise<void> {
    return new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** No write is in flight any more. */
  idle(): void {
    this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }
}

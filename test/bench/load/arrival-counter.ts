/**
 * Counts arrivals and tells when a target count was reached (µs, CLOCK_MONOTONIC): the end of
 * an ingest ceiling run, shared by the ceilings' consumers (mqtt-counter.ts, bare-broker-inprocess.ts).
 */
import { nowUs } from './ipc';

export class ArrivalCounter {
  private count = 0;
  /** when the latest arrival came: the moment the count was reached, when it is reached before anyone waits */
  private lastUs = 0;
  private target = Infinity;
  private reached: ((us: number) => void) | null = null;

  arrive(): void {
    this.count++;
    this.lastUs = nowUs();
    if (this.count >= this.target && this.reached) {
      this.reached(this.lastUs);
      this.reached = null;
    }
  }

  reset(): { count: number } {
    this.count = 0;
    this.target = Infinity;
    return { count: this.count };
  }

  /** resolves when `count` arrivals came since the last reset, with when (µs), or at the timeout with null */
  waitFor(args: { count: number; timeoutMs: number }): Promise<{ count: number; reachedUs: number | null }> {
    return new Promise((resolve) => {
      if (this.count >= args.count) return resolve({ count: this.count, reachedUs: this.lastUs });
      this.target = args.count;
      const timer = setTimeout(() => {
        this.reached = null;
        resolve({ count: this.count, reachedUs: null });
      }, args.timeoutMs);
      this.reached = (us) => {
        clearTimeout(timer);
        resolve({ count: this.count, reachedUs: us });
      };
    });
  }
}

interface CallerTurns {
  running: number;
  waiting: Array<() => void>;
}

/**
 * Turns to run GraphQL operations, shared by HTTP and WebSocket: at most `perCaller` at once per
 * caller and `total` at once for everyone; up to `queuedPerCaller` more of a caller's wait, the
 * rest are refused (TOO_MANY_REQUESTS). A free turn goes to the callers in rotation, so one
 * caller's queue never stands between another caller and the API.
 *
 * The total is what keeps the alert path quick when the API is busy: every operation running
 * takes the one event loop's time in slices, and the alert path's every step (MQTT in, each SQL
 * round trip, the desk's WebSocket out) waits behind the slices ready before it.
 */
export class CallerConcurrency {
  private readonly callers = new Map<string, CallerTurns>();
  /** callers with operations waiting, in the order they get the next free turn */
  private rotation: string[] = [];
  private runningTotal = 0;

  constructor(private readonly limits: { perCaller: number; total: number; queuedPerCaller: number }) {}

  /** Resolves with the release function once the caller may run; null when it is refused. */
  async acquire(key: string): Promise<(() => void) | null> {
    let turns = this.callers.get(key);
    if (!turns) {
      turns = { running: 0, waiting: [] };
      this.callers.set(key, turns);
    }
    if (turns.waiting.length === 0 && turns.running < this.limits.perCaller && this.runningTotal < this.limits.total) {
      turns.running++;
      this.runningTotal++;
    } else {
      if (turns.waiting.length >= this.limits.queuedPerCaller) {
        this.forget(key, turns);
        return null;
      }
      const queue = turns.waiting;
      if (queue.length === 0) this.rotation.push(key);
      await new Promise<void>((resolve) => queue.push(resolve));
    }
    const owner = turns;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      owner.running--;
      this.runningTotal--;
      this.forget(key, owner);
      this.dispatch();
    };
  }

  /** Operations running now, all callers together. */
  running(): number {
    return this.runningTotal;
  }

  /** Hands free turns to waiting callers, one at a time around the rotation. */
  private dispatch(): void {
    let idle = 0; // callers passed over in a row (at their own limit)
    while (this.runningTotal < this.limits.total && this.rotation.length > 0 && idle < this.rotation.length) {
      const key = this.rotation.shift()!;
      const turns = this.callers.get(key)!;
      if (turns.running < this.limits.perCaller) {
        idle = 0;
        turns.running++;
        this.runningTotal++;
        // the next operation starts after the I/O already waiting (the alert path's replies among it)
        setImmediate(turns.waiting.shift()!);
      } else {
        idle++;
      }
      if (turns.waiting.length > 0) this.rotation.push(key);
    }
  }

  private forget(key: string, turns: CallerTurns): void {
    if (turns.running === 0 && turns.waiting.length === 0) this.callers.delete(key);
  }
}

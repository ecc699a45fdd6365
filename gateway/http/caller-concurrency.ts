/**
 * At most `maxRunning` operations at once per caller; up to `maxQueued` more wait their turn,
 * in order; beyond that the caller is refused (TOO_MANY_REQUESTS). One caller can then hold at
 * most `maxRunning` of the API's database connections, however many requests it sends.
 */
export class CallerConcurrency {
  private readonly callers = new Map<string, { running: number; waiting: Array<() => void> }>();

  constructor(
    private readonly maxRunning: number,
    private readonly maxQueued: number,
  ) {}

  /** Resolves with the release function once the caller may run; null when it is refused. */
  async acquire(key: string): Promise<(() => void) | null> {
    let entry = this.callers.get(key);
    if (!entry) {
      entry = { running: 0, waiting: [] };
      this.callers.set(key, entry);
    }
    if (entry.running >= this.maxRunning) {
      if (entry.waiting.length >= this.maxQueued) return null;
      const slot = entry;
      await new Promise<void>((resolve) => slot.waiting.push(resolve));
    } else {
      entry.running++;
    }
    let released = false;
    const slot = entry;
    return () => {
      if (released) return;
      released = true;
      const next = slot.waiting.shift();
      // the slot passes straight to the next in line; the count stays
      if (next) next();
      else if (--slot.running === 0) this.callers.delete(key);
    };
  }

  /** Operations running now (all callers), for the metrics. */
  running(): number {
    let n = 0;
    for (const entry of this.callers.values()) n += entry.running;
    return n;
  }
}

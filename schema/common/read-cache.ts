/**
 * A short-lived cache of a read-only query's results, emptied by the events that change them.
 * The desk overview (active alerts with equipment, work order and plan) is asked for by every
 * open desk, often, and changes only through the AlertService, whose every change is
 * published through the outbox: the gateway empties this cache on each publish, so a cached
 * page is never older than the last event. `maxAgeMs` bounds what a change made elsewhere
 * (an SQL console, a future mutation that forgets to publish) can leave stale.
 *
 * Cached values are shared by concurrent requests and must be treated as read-only.
 */
export class ReadCache<T> {
  private entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries = 100,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.maxAgeMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    const entry = { at: this.now(), value };
    this.entries.set(key, entry);
    // a failed load is not cached
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  invalidate(): void {
    this.entries.clear();
  }
}

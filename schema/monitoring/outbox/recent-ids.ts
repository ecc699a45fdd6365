/**
 * The outbox ids this instance has already handed to its subscribers, for a while: delivery
 * is at-least-once (a sweep may re-broadcast what another instance already announced, a
 * reconnecting listener re-reads a window of rows), and this keeps a desk from seeing the
 * same event twice. Bounded in time and size; insertion order is expiry order.
 */
export class RecentIds {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxSize: number,
    private readonly clock: () => number = Date.now,
  ) {}

  has(id: string): boolean {
    this.expire();
    return this.expiries.has(id);
  }

  add(id: string): void {
    this.expiries.delete(id);
    this.expiries.set(id, this.clock() + this.ttlMs);
    this.expire();
  }

  get size(): number {
    return this.expiries.size;
  }

  private expire(): void {
    const now = this.clock();
    for (const [id, expiry] of this.expiries) {
      if (expiry > now && this.expiries.size <= this.maxSize) break;
      this.expiries.delete(id);
    }
  }
}

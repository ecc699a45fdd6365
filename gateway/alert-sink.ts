import type { FaultEvent } from '../devices/faults/fault-types';
import type { Log } from '../devices/ingest/log';
import { errorFields } from './logger';

/**
 * The bridge from the detector (devices/, synchronous, per message) to the AlertService
 * (schema/, one transaction per batch). Events are applied strictly in order, one batch at
 * a time — a raise is never overtaken by its own clear — and events arriving while a batch
 * is in flight are coalesced into the next one. A failed batch is retried, so a database
 * hiccup delays alerts instead of losing them.
 */
export class AlertSink {
  private pending: FaultEvent[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly apply: (events: FaultEvent[]) => Promise<void>,
    private readonly log: Log,
    private readonly retryDelayMs = 1000,
    private readonly maxPending = 100_000,
  ) {}

  push(events: FaultEvent[]): void {
    if (events.length === 0) return;
    this.pending.push(...events);
    if (this.pending.length > this.maxPending) {
      const dropped = this.pending.splice(0, this.pending.length - this.maxPending);
      this.log.error('alert queue full: oldest fault events dropped', { dropped: dropped.length });
    }
    if (!this.running) this.running = this.run().finally(() => (this.running = null));
  }

  size(): number {
    return this.pending.length;
  }

  /** Resolves once everything pushed so far has been applied (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, 500);
      if (await this.tryApply(batch)) continue;
      // One event may be the culprit (its equipment was deleted, say): apply one by one and
      // give up only on an event that keeps failing, so it cannot hold back every other alert.
      for (const event of batch) {
        let applied = false;
        for (let attempt = 1; attempt <= 3 && !applied; attempt++) {
          applied = await this.tryApply([event]);
          if (!applied) await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * attempt));
        }
        if (!applied) this.log.error('fault event dropped after 3 attempts', { event });
      }
    }
  }

  private async tryApply(events: FaultEvent[]): Promise<boolean> {
    try {
      await this.apply(events);
      return true;
    } catch (error) {
      this.log.error('applying fault events failed', { ...errorFields(error), events: events.length });
      return false;
    }
  }
}

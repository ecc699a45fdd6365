import { ConstraintViolationException, DriverException } from '@mikro-orm/core';
import { Counter, type Registry } from 'prom-client';
import type { FaultEvent } from '../devices/faults/fault-types';
import { type Log, errorFields } from '../devices/log';

export interface AlertSinkOptions {
  /** events per transaction */
  batchMax: number;
  /** first pause after a failed transaction; doubles per failure up to retryMaxMs */
  retryBaseMs: number;
  retryMaxMs: number;
  /**
   * Beyond this many queued events (PostgreSQL down for long under a fault storm), the events of
   * one device and fault code are coalesced to the newest: every fault keeps its final state.
   */
  coalesceAbove: number;
  /** an error no retry can fix (the event's equipment was deleted): that one event is discarded */
  isPermanent: (error: unknown) => boolean;
}

const DEFAULTS: AlertSinkOptions = {
  batchMax: 500,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
  coalesceAbove: 100_000,
  isPermanent: isPermanentDatabaseError,
};

/**
 * The bridge from the detector (devices/, synchronous, per message) to the AlertService
 * (schema/, one transaction per batch). Events are applied strictly in order, one batch at a
 * time — a raise is never overtaken by its own clear — and events arriving meanwhile are
 * coalesced into the next batch.
 *
 * Nothing is dropped because PostgreSQL is slow or down: a failed batch is retried event by
 * event with backoff, for as long as it takes. Only an event that fails for a reason no retry
 * can fix (isPermanent) is discarded, counted and logged, so it cannot hold back every other
 * alert. Under a long outage the queue is bounded by coalescing per device and fault, which
 * keeps the newest event of each — a clear is never lost while it is the last word on its fault.
 */
export class AlertSink {
  private pending: FaultEvent[] = [];
  private running: Promise<void> | null = null;
  private readonly options: AlertSinkOptions;
  private readonly discarded: Counter<'reason'> | null;
  private readonly failures: Counter<string> | null;
  /** set by stop(): retries give up at this wall-clock time */
  private giveUpAtMs = Infinity;
  private wake: (() => void) | null = null;

  constructor(
    private readonly apply: (events: FaultEvent[]) => Promise<void>,
    private readonly log: Log,
    metrics?: Registry,
    options: Partial<AlertSinkOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.discarded = metrics
      ? new Counter({
          name: 'fd_alert_queue_discarded_total',
          help: 'Fault events not applied: permanent (a retry cannot fix it), coalesced (queue over its bound), unapplied_at_stop',
          labelNames: ['reason'] as const,
          registers: [metrics],
        })
      : null;
    this.failures = metrics
      ? new Counter({
          name: 'fd_alert_apply_failures_total',
          help: 'Transactions applying fault events that failed (then retried)',
          registers: [metrics],
        })
      : null;
  }

  push(events: FaultEvent[]): void {
    if (events.length === 0) return;
    this.pending.push(...events);
    if (this.pending.length > this.options.coalesceAbove) this.coalesce();
    if (!this.running) this.running = this.run().finally(() => (this.running = null));
  }

  size(): number {
    return this.pending.length;
  }

  /** Resolves once everything pushed so far has been applied (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Drains, but stops retrying after `timeoutMs` (a stop must not wait forever on a database
   * that is down). What is left is logged and counted; after a restart the detector starts from
   * the episodes PostgreSQL holds, so a threshold fault still present raises again and one that
   * cleared clears at its next reading.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.giveUpAtMs = Date.now() + timeoutMs;
    this.wake?.();
    await this.drain();
    const left = this.pending.length;
    if (left > 0) {
      this.discarded?.inc({ reason: 'unapplied_at_stop' }, left);
      this.log.error('stopped with fault events not applied to PostgreSQL', { events: left });
      this.pending = [];
    }
  }

  private async run(): Promise<void> {
    while (this.pending.length > 0 && !this.givingUp()) {
      const batch = this.pending.splice(0, this.options.batchMax);
      if ((await this.attempt(batch)) === 'applied') continue;
      // One by one: a permanent failure is then one event's, and order is kept.
      for (let i = 0; i < batch.length; i++) {
        if (!(await this.applyOne(batch[i]))) {
          this.pending.unshift(...batch.slice(i)); // giving up at stop: keep them counted
          return;
        }
      }
    }
  }

  /** Applies one event, retrying transient failures with backoff; false only when giving up at stop. */
  private async applyOne(event: FaultEvent): Promise<boolean> {
    for (let failures = 1; ; failures++) {
      const outcome = await this.attempt([event]);
      if (outcome === 'applied') return true;
      if (outcome === 'permanent') {
        this.discarded?.inc({ reason: 'permanent' });
        this.log.error('fault event discarded: it cannot be applied', { event });
        return true;
      }
      if (this.givingUp()) return false;
      const pauseMs = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.min(16, failures - 1));
      await this.sleep(pauseMs);
    }
  }

  private async attempt(events: FaultEvent[]): Promise<'applied' | 'retry' | 'permanent'> {
    try {
      await this.apply(events);
      return 'applied';
    } catch (error) {
      this.failures?.inc();
      const permanent = events.length === 1 && this.options.isPermanent(error);
      this.log.error('applying fault events failed', { ...errorFields(error), events: events.length, permanent });
      return permanent ? 'permanent' : 'retry';
    }
  }

  /** Keeps the newest event of each device + fault code, in queue order. */
  private coalesce(): void {
    const key = (e: FaultEvent) => `${e.equipmentId}\u0000${e.faultCode}\u0000${e.deviceId}`;
    const newest = new Map<string, number>();
    this.pending.forEach((e, i) => newest.set(key(e), i));
    const kept = this.pending.filter((e, i) => newest.get(key(e)) === i);
    const dropped = this.pending.length - kept.length;
    this.pending = kept;
    if (dropped > 0) {
      this.discarded?.inc({ reason: 'coalesced' }, dropped);
      this.log.warn('alert queue over its bound: older events of the same device and fault coalesced', {
        coalesced: dropped,
        queued: kept.length,
      });
    }
  }

  private givingUp(): boolean {
    return Date.now() >= this.giveUpAtMs;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, Math.min(ms, this.giveUpAtMs - Date.now())));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => (this.wake = null));
  }
}

/**
 * PostgreSQL refused the event's data itself (class 23 integrity, e.g. its equipment was
 * deleted; class 22 data exception): retrying the same statement cannot succeed.
 */
export function isPermanentDatabaseError(error: unknown): boolean {
  if (error instanceof ConstraintViolationException) return true;
  return error instanceof DriverException && typeof error.code === 'string' && error.code.startsWith('22');
}

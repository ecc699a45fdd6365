/**
 * The two timers that make the TelemetryStore pump again: the flush interval (a partial batch goes
 * out at most `flushIntervalMs` after its first point) and the retry pause while InfluxDB fails.
 * Each is armed at most once at a time; both are unref'd, so they never keep the process alive.
 */
export class PumpTimers {
  private readonly onFlushDue: () => void;
  private readonly onRetryDue: () => void;
  private flushTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(onFlushDue: () => void, onRetryDue: () => void) {
    this.onFlushDue = onFlushDue;
    this.onRetryDue = onRetryDue;
  }

  /** Calls `onFlushDue` in `delayMs`, unless the flush timer runs already. */
  armFlush(delayMs: number): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.onFlushDue();
    }, delayMs);
    this.flushTimer.unref();
  }

  /** Calls `onRetryDue` in `delayMs()`, unless the retry timer runs already. */
  armRetry(delayMs: () => number): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.onRetryDue();
    }, delayMs());
    this.retryTimer.unref();
  }

  clear(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.flushTimer = null;
    this.retryTimer = null;
  }
}

import type { TelemetryStoreOptions } from './telemetry-store-options';

/**
 * Whether InfluxDB takes the TelemetryStore's writes, and when to try again when it does not: a
 * failed write makes the store degraded (one write at a time, after a pause that doubles per failure
 * in a row up to `retryMaxMs`), the next successful one clears it. Logs each change once.
 */
export class WriteBackoff {
  private readonly options: Pick<TelemetryStoreOptions, 'retryBaseMs' | 'retryMaxMs' | 'log'>;
  /** set by a failed write, cleared by the next successful one */
  private isDegraded = false;
  private failuresInRow = 0;
  private retryAtMs = 0;

  constructor(options: Pick<TelemetryStoreOptions, 'retryBaseMs' | 'retryMaxMs' | 'log'>) {
    this.options = options;
  }

  get degraded(): boolean {
    return this.isDegraded;
  }

  /** the pause after the last failure is over */
  retryDue(): boolean {
    return Date.now() >= this.retryAtMs;
  }

  msUntilRetry(): number {
    return this.retryAtMs - Date.now();
  }

  /** A write failed and will be retried; `spooledPoints` is for the log line. */
  failed(reason: string, spooledPoints: number): void {
    this.failuresInRow += 1;
    const exp = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.min(20, this.failuresInRow - 1));
    // jitter, so several ingest workers do not retry in lockstep against a recovering server
    this.retryAtMs = Date.now() + exp * (0.75 + Math.random() * 0.25);
    if (!this.isDegraded) {
      this.options.log.warn('InfluxDB write failed; spooling and retrying', { reason, spooledPoints });
    }
    this.isDegraded = true;
  }

  /** A write succeeded; `spooledPoints` is for the log line. */
  succeeded(spooledPoints: number): void {
    if (!this.isDegraded) return;
    this.options.log.info('InfluxDB writes recovered', { spooledPoints });
    this.isDegraded = false;
    this.failuresInRow = 0;
  }
}

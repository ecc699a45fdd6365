import type { MikroORM } from '@mikro-orm/postgresql';
import type { ActivationResult, IncidentActivation } from './incident-activation';

export interface IncidentActivationJobOptions {
  /** how often to look for scheduled incidents whose start has come; 0: never (tests call runOnce) */
  intervalMs: number;
  /** incidents activated per run at most; the rest wait for the next run */
  batchSize: number;
}

/**
 * Planned incidents start on time when nobody reads them: every `intervalMs` the due SCHEDULED
 * incidents turn ACTIVE, their listeners run (the announcement draft) and `incidentChanged` is
 * published (incident-activation.ts: each claimed once, safe with several instances). Reads
 * activate what is due too (incident.service.ts); this job is what makes the draft and the event
 * come at the start rather than at the first read. A failed incident is reported through
 * `onError` and retried at the next run.
 */
export class IncidentActivationJob {
  private readonly options: IncidentActivationJobOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly activation: IncidentActivation,
    private readonly onError: (error: unknown, incidentId: string | null) => void,
    options: Partial<IncidentActivationJobOptions> = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.options = { intervalMs: 15_000, batchSize: 100, ...options };
  }

  start(): void {
    if (this.timer || this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
    // a stop that started while no instance ran is activated at boot, not one interval later
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running) return; // the previous run is still going
    this.running = this.runOnce(this.now())
      .catch((error: unknown) => this.onError(error, null))
      .finally(() => {
        this.running = null;
      });
  }

  /** One run at `now` (tests pass their own clock). */
  async runOnce(now: Date): Promise<ActivationResult> {
    const result = await this.activation.activateDue(this.orm, now, this.options.batchSize);
    for (const { incidentId, error } of result.failed) this.onError(error, incidentId);
    return result;
  }
}

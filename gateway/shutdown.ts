import { type Log, errorFields } from '../devices/log';

interface Step {
  name: string;
  stop: () => Promise<void>;
  boundMs: number;
}

/**
 * The platform's stop steps, run in the reverse order of start. Each step is bounded: one that
 * has not finished in `boundMs` is logged and left behind, so a stuck part (a client that never
 * answers, a service that hangs) cannot hold the whole stop; the process exits after the last
 * step and takes whatever was left with it. Each step's duration is logged at info, so a slow
 * stop says where its time went.
 */
export class ShutdownSequence {
  private readonly steps: Step[] = [];
  private running?: Promise<void>;

  constructor(private readonly log: Log) {}

  push(name: string, stop: () => Promise<void>, boundMs: number): void {
    this.steps.push({ name, stop, boundMs });
  }

  /** Idempotent: a second call waits for the first. */
  run(): Promise<void> {
    return (this.running ??= this.runSteps());
  }

  private async runSteps(): Promise<void> {
    const started = Date.now();
    for (const step of this.steps.splice(0).reverse()) {
      const t0 = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        step.stop().then(
          () => 'stopped' as const,
          (error: unknown) => {
            this.log.error(`shutdown step failed: ${step.name}`, errorFields(error));
            return 'failed' as const;
          },
        ),
        new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), step.boundMs))),
      ]);
      clearTimeout(timer);
      const ms = Date.now() - t0;
      if (outcome === 'late') this.log.warn(`shutdown: ${step.name} did not stop within ${step.boundMs} ms; going on`);
      else this.log.info(`shutdown: ${step.name} ${outcome} in ${ms} ms`);
    }
    this.log.info(`shutdown: done in ${Date.now() - started} ms`);
  }
}

import type { MikroORM } from '@mikro-orm/postgresql';
import { CallbackSample } from './callback.entity';
import type { CallbackScheduler } from './callback-scheduler';
import { estateMonth } from './callback-timing';

export interface PeriodicCallbackOptions {
  /** how often to check whether this month's sample is drawn; 0: never (tests call runOnce) */
  intervalMs: number;
  /** residents drawn per site and month */
  perSite: number;
}

/**
 * The monthly PERIODIC sample: per site, `perSite` residents living there for over a year (a
 * current occupancy since at least a year) and not called back in the last six months, drawn at
 * random. The month's `callback_sample` row is the claim: inserted in the draw's transaction, so
 * with several instances the second waits on the key and then finds the month drawn, and after a
 * restart a drawn month is never drawn again. The callbacks are due at the configured hour of
 * the next day (CallbackScheduler.dueAfter).
 */
export class PeriodicCallbackJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly scheduler: CallbackScheduler,
    private readonly onError: (error: unknown) => void,
    private readonly options: PeriodicCallbackOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    if (this.timer || this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce(this.now())
      .catch(this.onError)
      .finally(() => {
        this.running = null;
      });
  }

  /** Draws the month of `now` unless drawn already; returns the callbacks it scheduled (null: drawn before). */
  async runOnce(now: Date): Promise<number | null> {
    const month = estateMonth(now);
    return this.orm.em.fork().transactional(async (em) => {
      const claimed = await em.execute(
        `insert into callback_sample (month, drawn, drawn_at) values (?, 0, ?) on conflict do nothing`,
        [month, now],
        'run',
      );
      if (((claimed as { affectedRows?: number }).affectedRows ?? 0) === 0) return null;
      const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
      const halfYearAgo = new Date(now.getTime() - 182 * 86_400_000);
      const drawn = await this.scheduler.insert(
        em,
        `select resident_id, site_id, 'PERIODIC' as reason from (
           select o.resident_id, b.site_id,
                  row_number() over (partition by b.site_id order by random()) as n
           from (select distinct on (o.resident_id) o.resident_id, o.unit_id from occupancy o
                 where o.until is null and o.since <= ?::date order by o.resident_id, o.since) o
           join unit u on u.id = o.unit_id join building b on b.id = u.building_id
           where not exists (select 1 from callback c where c.resident_id = o.resident_id and c.created_at >= ?)
         ) ranked where n <= ?`,
        [yearAgo.toISOString().slice(0, 10), halfYearAgo, this.options.perSite],
        { due: this.scheduler.dueAfter(now), workOrderId: null, incidentId: null, at: now },
      );
      await em.nativeUpdate(CallbackSample, { month }, { drawn });
      return drawn;
    });
  }
}

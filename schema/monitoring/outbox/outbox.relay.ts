import type { MikroORM } from '@mikro-orm/postgresql';
import type { WorkOrder } from '../../desk/work-orders/work-order.entity';
import type { Incident } from '../../incidents/incident.entity';
import type { Alert } from '../alerts/alert.entity';
import { OutboxEvent, OutboxTopic } from './outbox-event.entity';
import { claimUnpublished, deletePublished, findCreatedSince } from './outbox-jobs';
import { loadPublishedEvents } from './outbox-loader';
import { RecentIds } from './recent-ids';

export type Publish = (topic: OutboxTopic, payload: Alert | WorkOrder | Incident) => void;

/** A committed outbox row and the entity it is about, loaded as the subscriptions need it. */
export interface PublishedEvent {
  event: OutboxEvent;
  subject: Alert | WorkOrder | Incident;
}

export interface OutboxRelayOptions {
  /** the sender name of this instance's notifications (its connections' application_name) */
  sender: string;
  /** other instances listen on the database: announce what the sweep claims (false: one instance, e.g. PGlite) */
  broadcast: boolean;
  /** how often to look for events nobody published (a crash between commit and publish) */
  sweepIntervalMs: number;
  /** an event this old and still unpublished is the sweep's; younger ones are being published */
  sweepGraceMs: number;
  /** events per sweep, delivery or retention query */
  batchSize: number;
  /** published rows are deleted this long after they were created */
  retentionMs: number;
  /** how often retention runs */
  retentionIntervalMs: number;
  /** how long an id handed to subscribers is remembered, so a second delivery is dropped */
  recentTtlMs: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxRelayOptions = {
  sender: '',
  broadcast: false,
  sweepIntervalMs: 5000,
  sweepGraceMs: 10_000,
  batchSize: 200,
  retentionMs: 24 * 3600_000,
  retentionIntervalMs: 10 * 60_000,
  recentTtlMs: 10 * 60_000,
};

/**
 * Hands committed outbox events to this instance's subscribers (`publish`), once each:
 * - `publishCommitted`, the fast path: right after the writer's commit, with the entities its
 *   transaction loaded (no query between a fault and the desk), then marks them published;
 * - `deliver`: ids another instance committed (its notification, gateway/events), loaded once;
 * - `catchUp`: rows created since a moment, after this instance could not hear for a while;
 * - the sweep: rows nobody published (a crash between commit and publish), claimed, announced
 *   to the other instances (outbox-jobs.ts) and published here;
 * - retention deletes published rows after `retentionMs`.
 * At-least-once underneath; `RecentIds` drops what this instance already handed out, and
 * subscribers treat events as updates of an alert or work order by id.
 */
export class OutboxRelay {
  private readonly options: OutboxRelayOptions;
  private readonly recent: RecentIds;
  private timers: NodeJS.Timeout[] = [];
  private sweeping: Promise<unknown> | null = null;
  private purging: Promise<unknown> | null = null;
  /** deliveries and catch-ups run one after the other, so events keep their order */
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly publish: Publish,
    private readonly onError: (error: unknown) => void,
    options: Partial<OutboxRelayOptions> = {},
  ) {
    this.options = { ...DEFAULT_OUTBOX_OPTIONS, ...options };
    this.recent = new RecentIds(this.options.recentTtlMs, 100_000);
  }

  start(): void {
    const every = (ms: number, job: () => void) => {
      const timer = setInterval(job, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.sweepIntervalMs, () => this.background('sweeping', () => this.sweep()));
    every(this.options.retentionIntervalMs, () => this.background('purging', () => this.purge()));
    this.background('sweeping', () => this.sweep());
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.idle();
  }

  /** Publish events whose transaction has committed, in order; never throws (the sweep retries). */
  async publishCommitted(events: PublishedEvent[]): Promise<void> {
    const fresh = this.unseen(events);
    if (fresh.length === 0) return;
    this.hand(fresh);
    try {
      await this.orm.em
        .fork()
        .nativeUpdate(OutboxEvent, { id: { $in: fresh.map(({ event }) => event.id) } }, { publishedAt: new Date() });
    } catch (error) {
      this.onError(error);
    }
  }

  /** Ids another instance committed, in its commit order: loaded once, published here. */
  deliver(ids: string[]): Promise<void> {
    return this.enqueue(async () => {
      const wanted = ids.filter((id) => !this.recent.has(id));
      if (wanted.length === 0) return;
      const em = this.orm.em.fork();
      const rows = new Map((await em.find(OutboxEvent, { id: { $in: wanted } })).map((row) => [row.id, row]));
      const ordered = wanted.map((id) => rows.get(id)).filter((row): row is OutboxEvent => row !== undefined);
      this.hand(this.unseen(await loadPublishedEvents(em, ordered)));
    });
  }

  /** Every row created since `since` that this instance has not handed out (after it could not listen). */
  catchUp(since: Date): Promise<number> {
    return this.enqueue(async () => {
      let delivered = 0;
      let last: OutboxEvent | null = null;
      for (;;) {
        const em = this.orm.em.fork();
        const rows = await findCreatedSince(em, since, last, this.options.batchSize);
        if (rows.length === 0) return delivered;
        last = rows[rows.length - 1];
        const fresh = this.unseen(
          await loadPublishedEvents(
            em,
            rows.filter((row) => !this.recent.has(row.id)),
          ),
        );
        this.hand(fresh);
        delivered += fresh.length;
      }
    });
  }

  /** Claims and publishes what nobody published after the grace period; the number claimed. */
  async sweep(): Promise<number> {
    let claimed = 0;
    for (;;) {
      const events = await this.orm.em.fork().transactional((em) =>
        claimUnpublished(em, {
          createdBefore: new Date(Date.now() - this.options.sweepGraceMs),
          limit: this.options.batchSize,
          notifyAs: this.options.broadcast ? this.options.sender : null,
        }),
      );
      // after the commit: a claim that failed to commit is still the sweep's, nobody saw it
      this.hand(this.unseen(events));
      claimed += events.length;
      if (events.length < this.options.batchSize) return claimed;
    }
  }

  /** Deletes published rows older than the retention period; the number deleted. */
  async purge(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await deletePublished(this.orm.em.fork(), {
        createdBefore: new Date(Date.now() - this.options.retentionMs),
        limit: this.options.batchSize * 50,
      });
      deleted += n;
      if (n < this.options.batchSize * 50) return deleted;
    }
  }

  /** Resolves when no sweep, retention or delivery is running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.sweeping || this.purging || this.queued > 0)
      await Promise.all([this.sweeping, this.purging, this.queue]);
  }

  private unseen(events: PublishedEvent[]): PublishedEvent[] {
    return events.filter(({ event }) => !this.recent.has(event.id));
  }

  private hand(events: PublishedEvent[]): void {
    for (const { event, subject } of events) {
      this.recent.add(event.id);
      this.publish(event.topic, subject);
    }
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    this.queued++;
    const run = this.queue.then(job).finally(() => this.queued--);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One run of a timer's job at a time; a failure is reported and retried at the next tick. */
  private background(slot: 'sweeping' | 'purging', job: () => Promise<unknown>): void {
    if (this[slot]) return;
    this[slot] = job()
      .catch(this.onError)
      .finally(() => (this[slot] = null));
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEvent } from './outbox-event.entity';
import { byOutboxOrder, loadPublishedEvents } from './outbox-loader';
import { OUTBOX_CHANNEL, encodeNotifications } from './outbox-notification';
import type { PublishedEvent } from './outbox.relay';

/**
 * The sweep's claim, in the caller's transaction: rows still unpublished after the grace
 * period (their writer died between commit and publish) are locked with SKIP LOCKED — two
 * instances sweeping at once take disjoint rows — marked published, and announced on the
 * outbox channel (`notifyAs`: the sender name; null when no other instance listens), so the
 * announcement reaches every instance exactly when the claim commits.
 */
export async function claimUnpublished(
  em: EntityManager,
  options: { createdBefore: Date; limit: number; notifyAs: string | null },
): Promise<PublishedEvent[]> {
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `update outbox_event set published_at = now()
     where id in (select id from outbox_event
                  where published_at is null and created_at < ?
                  order by created_at, id limit ? for update skip locked)
     returning *`,
    [options.createdBefore, options.limit],
  );
  if (rows.length === 0) return [];
  const events = rows.map((row) => em.map(OutboxEvent, row)).sort(byOutboxOrder);
  if (options.notifyAs !== null)
    for (const payload of encodeNotifications(
      options.notifyAs,
      events.map((e) => e.id),
    ))
      await em.execute('select pg_notify(?, ?)', [OUTBOX_CHANNEL, payload]);
  return loadPublishedEvents(em, events);
}

/**
 * Retention: deletes up to `limit` published rows created before `createdBefore`. SKIP
 * LOCKED lets several instances run it at once without waiting on each other or deleting a
 * row twice; unpublished rows are never deleted (the sweep still owes them).
 */
export async function deletePublished(
  em: EntityManager,
  options: { createdBefore: Date; limit: number },
): Promise<number> {
  const result = await em.execute<{ affectedRows: number }>(
    `delete from outbox_event where id in (
       select id from outbox_event where published_at is not null and created_at < ?
       order by created_at limit ? for update skip locked)`,
    [options.createdBefore, options.limit],
    'run',
  );
  return result.affectedRows;
}

/** Rows (any state) created at or after `since`, oldest first, a page at a time (after `after`). */
export async function findCreatedSince(
  em: EntityManager,
  since: Date,
  after: OutboxEvent | null,
  limit: number,
): Promise<OutboxEvent[]> {
  const where = after
    ? {
        $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, id: { $gt: after.id } }],
      }
    : { createdAt: { $gte: since } };
  return em.find(OutboxEvent, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit });
}

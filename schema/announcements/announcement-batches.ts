import type { EntityManager } from '@mikro-orm/postgresql';
import { Announcement } from './announcement.entity';

/** How many units each announcement reaches: one grouped count for the whole page. */
export async function recipientCounts(em: EntityManager, ids: readonly string[]): Promise<number[]> {
  const rows = await em.execute<Array<{ announcement_id: string; n: string }>>(
    `select announcement_id, count(*) as n from announcement_unit where announcement_id in (?) group by announcement_id`,
    [[...ids]],
  );
  const byId = new Map(rows.map((row) => [row.announcement_id, Number(row.n)]));
  return ids.map((id) => byId.get(id) ?? 0);
}

/** Each incident's announcements (the caller's sites only), oldest first: one query per page. */
export async function announcementsOfIncidents(em: EntityManager, ids: readonly string[]): Promise<Announcement[][]> {
  const rows = await em.find(
    Announcement,
    { incident: { $in: [...ids] } },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  return ids.map((id) => rows.filter((row) => row.incident?.id === id));
}

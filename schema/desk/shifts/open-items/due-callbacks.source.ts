import type { EntityManager } from '@mikro-orm/postgresql';
import { collectBounded, OpenItemKind, siteCondition, type OpenItem, type OpenItemSource } from './open-item';

/**
 * Callbacks (回访) due by now and not yet made, the longest due first (schema/callbacks: status
 * DUE, `due_at` moved on by each failed attempt).
 */
export const dueCallbacks: OpenItemSource = {
  kind: OpenItemKind.DUE_CALLBACK,
  collect(em: EntityManager, siteIds: readonly string[] | null, now: Date): Promise<OpenItem[]> {
    const sites = siteCondition('c.site_id', siteIds);
    if (!sites) return Promise.resolve([]);
    return collectBounded(
      em,
      this.kind,
      `select c.id as ref_id,
              'callback ' || c.reason || ' due ' || to_char(c.due_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as summary,
              count(*) over () as total
         from callback c
        where c.status = 'DUE' and c.due_at <= ? and ${sites.sql}
        order by c.due_at, c.id`,
      [now, ...sites.params],
    );
  },
};

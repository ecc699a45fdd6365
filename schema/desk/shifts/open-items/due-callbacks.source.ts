import type { EntityManager } from '@mikro-orm/postgresql';
import { collectBounded, OpenItemKind, siteCondition, type OpenItem, type OpenItemSource } from './open-item';

/**
 * Callbacks (回访) due by now and not yet made, the longest due first. It reads the `callback`
 * table with raw SQL (columns `status`, `due_at`, `site_id`, `reason`), so it does not depend
 * on the callback entity; it joins `OPEN_ITEM_SOURCES` (./index.ts) once that table exists in
 * the migrations — until then a closing would fail on the missing table.
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

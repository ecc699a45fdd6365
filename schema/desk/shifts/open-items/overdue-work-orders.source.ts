import type { EntityManager } from '@mikro-orm/postgresql';
import { overdueSql, overdueSqlParams } from '../../work-orders/work-order-sla';
import { OPEN_STATUSES } from '../../work-orders/work-order.enums';
import { collectBounded, OpenItemKind, siteCondition, type OpenItem, type OpenItemSource } from './open-item';

/**
 * Open work orders past a deadline they did not meet — the same condition as
 * `workOrders(filter: { overdue: true })` (schema/desk/work-orders/work-order-sla.ts) —
 * the longest overdue first.
 */
export const overdueWorkOrders: OpenItemSource = {
  kind: OpenItemKind.OVERDUE_WORK_ORDER,
  collect(em: EntityManager, siteIds: readonly string[] | null, now: Date): Promise<OpenItem[]> {
    const sites = siteCondition('w.site_id', siteIds);
    if (!sites) return Promise.resolve([]);
    return collectBounded(
      em,
      this.kind,
      `select w.id as ref_id, w.number || ' ' || w.title || ' (' || w.status || ')' as summary,
              count(*) over () as total
         from work_order w
        where w.status in (${OPEN_STATUSES.map(() => '?').join(', ')}) and ${overdueSql('w')} and ${sites.sql}
        order by least(case when w.responded_at is null then w.respond_by end,
                       case when w.resolved_at is null then w.resolve_by end), w.id`,
      [...OPEN_STATUSES, ...overdueSqlParams(now), ...sites.params],
    );
  },
};

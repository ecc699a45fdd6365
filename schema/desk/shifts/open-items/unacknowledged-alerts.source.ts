import type { EntityManager } from '@mikro-orm/postgresql';
import { AlertStatus } from '../../../monitoring/alerts/alert-status.enum';
import { collectBounded, OpenItemKind, siteCondition, type OpenItem, type OpenItemSource } from './open-item';

/** Alerts nobody has acknowledged, active or already cleared (ISA-18.2: both still need a look), oldest first. */
export const unacknowledgedAlerts: OpenItemSource = {
  kind: OpenItemKind.UNACKNOWLEDGED_ALERT,
  collect(em: EntityManager, siteIds: readonly string[] | null): Promise<OpenItem[]> {
    const sites = siteCondition('b.site_id', siteIds);
    if (!sites) return Promise.resolve([]);
    return collectBounded(
      em,
      this.kind,
      `select a.id as ref_id,
              e.code || ' ' || a.fault_code || ' (' || a.severity || ', ' || a.status || '): ' || a.message as summary,
              count(*) over () as total
         from alert a join equipment e on e.id = a.equipment_id join building b on b.id = e.building_id
        where a.status in (?, ?) and ${sites.sql}
        order by a.raised_at, a.id`,
      [AlertStatus.ACTIVE_UNACK, AlertStatus.CLEARED_UNACK, ...sites.params],
    );
  },
};

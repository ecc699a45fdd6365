import type { EntityManager } from '@mikro-orm/postgresql';
import { IncidentStatus } from '../../../incidents/incident.enums';
import { collectBounded, OpenItemKind, siteCondition, type OpenItem, type OpenItemSource } from './open-item';

/** Incidents still ACTIVE (supply interrupted now: schema/incidents/incident.entity.ts), oldest first. */
export const activeIncidents: OpenItemSource = {
  kind: OpenItemKind.ACTIVE_INCIDENT,
  collect(em: EntityManager, siteIds: readonly string[] | null): Promise<OpenItem[]> {
    const sites = siteCondition('i.site_id', siteIds);
    if (!sites) return Promise.resolve([]);
    return collectBounded(
      em,
      this.kind,
      `select i.id as ref_id, i.number || ' ' || i.title || ' (' || i.kind || ')' as summary, count(*) over () as total
         from incident i
        where i.status = ? and ${sites.sql}
        order by i.started_at, i.id`,
      [IncidentStatus.ACTIVE, ...sites.params],
    );
  },
};

import type { EntityManager } from '@mikro-orm/postgresql';
import { RequestCategory, ServiceRequestStatus } from '../../../hotline/requests/service-request.enums';
import { collectBounded, OpenItemKind, siteCondition, type OpenItem, type OpenItemSource } from './open-item';

/** Complaints (投诉) whose request is still OPEN, oldest first. */
export const openComplaints: OpenItemSource = {
  kind: OpenItemKind.OPEN_COMPLAINT,
  collect(em: EntityManager, siteIds: readonly string[] | null): Promise<OpenItem[]> {
    const sites = siteCondition('r.site_id', siteIds);
    if (!sites) return Promise.resolve([]);
    return collectBounded(
      em,
      this.kind,
      `select r.id as ref_id, r.number || ' ' || left(r.description, 120) as summary, count(*) over () as total
         from service_request r
        where r.category = ? and r.status = ? and ${sites.sql}
        order by r.created_at, r.id`,
      [RequestCategory.COMPLAINT, ServiceRequestStatus.OPEN, ...sites.params],
    );
  },
};

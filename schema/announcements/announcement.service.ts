import { ref, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../audit/audit-log.service';
import { auditSnapshot } from '../audit/audit-snapshot';
import { AppError } from '../common/app-error';
import { findPage, type Page, type PageRequest } from '../common/connection';
import type { Caller } from '../context';
import { Staff } from '../staff/staff.entity';
import { materialiseRecipients, readScope } from './announcement-scope';
import { Announcement } from './announcement.entity';
import { AnnouncementStatus, statusAt } from './announcement.enums';
import type { AnnouncementFilter, PublishAnnouncementInput } from './announcement.inputs';

/** Published, shown from publishAt, not yet expired: what a unit's feed shows at `now`. */
export function currentAt(now: Date): FilterQuery<Announcement> {
  return {
    status: AnnouncementStatus.PUBLISHED,
    publishAt: { $lte: now },
    $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
  };
}

/**
 * Announcements (incidents contract `PublishAnnouncement`, `AnnouncementsForUnit`). `em` is the
 * caller's, scoped to their sites.
 */
export class AnnouncementService {
  constructor(
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Publishes a notice to its scope. With an incident that has a draft (the platform writes one
   * when the incident opens), the draft is the one published — edited to the input — so an
   * incident never has two notices saying the same; otherwise a new announcement. Its recipients
   * are fixed in the same transaction, with the audit row.
   */
  async publish(em: EntityManager, caller: Caller, input: PublishAnnouncementInput): Promise<Announcement> {
    const title = input.title.trim();
    const body = input.body.trim();
    if (!title) throw AppError.badInput('title must not be blank');
    if (!body) throw AppError.badInput('body must not be blank');
    const now = this.now();
    const publishAt = input.publishAt ?? now;
    return em.transactional(async (tx) => {
      const scope = await readScope(tx, input);
      const draft = scope.incident
        ? await tx.findOne(
            Announcement,
            { incident: scope.incident.id, status: AnnouncementStatus.DRAFT },
            { orderBy: { createdAt: 'asc' }, populate: ['buildings', 'units'] },
          )
        : null;
      // an incident's draft keeps the expiry the platform gave it (a planned stop's end) unless
      // the publisher says otherwise; an explicit null means "until withdrawn"
      const expiresAt = input.expiresAt !== undefined ? input.expiresAt : (draft?.expiresAt ?? null);
      if (expiresAt && expiresAt.getTime() <= publishAt.getTime())
        throw AppError.badInput('expiresAt must be after publishAt', { publishAt, expiresAt });
      const before = draft ? auditSnapshot(draft) : null;
      const by = tx.getReference(Staff, caller.staffId);
      const announcement =
        draft ?? tx.create(Announcement, { title, body, kind: input.kind, site: scope.site, publishAt, createdBy: by });
      Object.assign(announcement, {
        title,
        body,
        kind: input.kind,
        site: ref(scope.site),
        wholeSite: scope.wholeSite,
        incident: scope.incident ? ref(scope.incident) : null,
        publishAt,
        expiresAt,
        status: AnnouncementStatus.PUBLISHED,
        publishedBy: by,
      });
      announcement.buildings.set(scope.buildings);
      announcement.units.set(scope.units);
      await tx.flush();
      await materialiseRecipients(tx, announcement.id);
      this.audit.record(tx, caller, {
        action: 'announcement.publish',
        entityType: 'Announcement',
        entityId: announcement.id,
        before,
        after: auditSnapshot(announcement),
      });
      return announcement;
    });
  }

  async get(em: EntityManager, id: string): Promise<Announcement> {
    const found = await em.findOne(Announcement, { id });
    if (!found) throw AppError.notFound('Announcement', id);
    return found;
  }

  /** Newest publishAt first. `now` decides `current` (tests pass their own clock). */
  list(em: EntityManager, filter: AnnouncementFilter, page: PageRequest): Promise<Page<Announcement>> {
    const now = this.now();
    const where: FilterQuery<Announcement>[] = [];
    if (filter.unitId) where.push({ recipients: { $some: { id: filter.unitId } } });
    if (filter.buildingId) where.push({ recipients: { $some: { building: filter.buildingId } } });
    if (filter.siteId) where.push({ site: filter.siteId });
    if (filter.incidentId) where.push({ incident: filter.incidentId });
    if (filter.current === true) where.push(currentAt(now));
    if (filter.current === false) where.push({ $not: currentAt(now) });
    return findPage(em, Announcement, where.length ? { $and: where } : {}, page, {
      orderBy: { publishAt: 'desc', id: 'desc' },
    });
  }

  statusOf(announcement: Announcement): AnnouncementStatus {
    return statusAt(announcement.status, announcement.expiresAt, this.now());
  }
}

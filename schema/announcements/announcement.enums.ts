import { registerEnumType } from 'type-graphql';

export enum AnnouncementKind {
  NOTICE = 'NOTICE',
  OUTAGE = 'OUTAGE',
  EVENT = 'EVENT',
}

/**
 * Stored: DRAFT or PUBLISHED. EXPIRED is never stored: a published announcement whose
 * `expiresAt` has passed reads as EXPIRED (computed at the time of the query), so no job has
 * to flip rows and the `current` filter and the status cannot disagree.
 */
export enum AnnouncementStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(AnnouncementKind, { name: 'AnnouncementKind' });
registerEnumType(AnnouncementStatus, { name: 'AnnouncementStatus' });

/** What a published announcement reads as at `now`. */
export function statusAt(stored: AnnouncementStatus, expiresAt: Date | null, now: Date): AnnouncementStatus {
  if (stored === AnnouncementStatus.PUBLISHED && expiresAt && expiresAt.getTime() <= now.getTime())
    return AnnouncementStatus.EXPIRED;
  return stored;
}

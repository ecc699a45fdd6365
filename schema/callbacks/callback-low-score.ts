import type { EntityManager } from '@mikro-orm/postgresql';
import { NotificationKind } from '../desk/notifications/notification.entity';
import { Role } from '../staff/role.enum';

/**
 * Tells the hotline manager of the site that a resident scored a callback 1 or 2
 * (CALLBACK_LOW_SCORE). With a work order (reopened by the score) the notice is about the work
 * order, unique per work order and kind (schema/desk/notifications/notification.entity.ts): a
 * second low score on the same work order is in the callbacks list and the work order's
 * history, not a second notice. Without one (a NEW_RESIDENT or PERIODIC callback) the notice is
 * about the callback itself, at the callback's site (the resident's).
 */
export async function notifyLowScore(
  tx: EntityManager,
  subject: { workOrderId: string } | { callbackId: string },
  now: Date,
): Promise<void> {
  if ('workOrderId' in subject) {
    await tx.execute(
      `insert into notification (id, work_order_id, kind, recipient_role, site_id, created_at)
       select gen_random_uuid(), w.id, ?, ?, w.site_id, ? from work_order w where w.id = ?
       on conflict do nothing`,
      [NotificationKind.CALLBACK_LOW_SCORE, Role.HOTLINE_MANAGER, now, subject.workOrderId],
      'run',
    );
    return;
  }
  await tx.execute(
    `insert into notification (id, callback_id, kind, recipient_role, site_id, created_at)
     select gen_random_uuid(), c.id, ?, ?, c.site_id, ? from callback c where c.id = ?
     on conflict do nothing`,
    [NotificationKind.CALLBACK_LOW_SCORE, Role.HOTLINE_MANAGER, now, subject.callbackId],
    'run',
  );
}

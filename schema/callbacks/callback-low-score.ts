import type { EntityManager } from '@mikro-orm/postgresql';
import { NotificationKind } from '../desk/notifications/notification.entity';
import { Role } from '../staff/role.enum';

/**
 * Tells the hotline manager of the work order's site that a resident scored its fix 1 or 2
 * (CALLBACK_LOW_SCORE). A notification is unique per work order and kind
 * (schema/desk/notifications/notification.entity.ts): a second low score on the same work order
 * is in the callbacks list and the work order's history, not a second notice.
 */
export async function notifyLowScore(tx: EntityManager, workOrderId: string, now: Date): Promise<void> {
  await tx.execute(
    `insert into notification (id, work_order_id, kind, recipient_role, site_id, created_at)
     select gen_random_uuid(), w.id, ?, ?, w.site_id, ? from work_order w where w.id = ?
     on conflict do nothing`,
    [NotificationKind.CALLBACK_LOW_SCORE, Role.HOTLINE_MANAGER, now, workOrderId],
    'run',
  );
}

import { Check, Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Site } from '../../estate/sites/site.entity';
import { Role } from '../../staff/role.enum';
import type { Callback } from '../../callbacks/callback.entity';
import type { ServiceRequest } from '../../hotline/requests/service-request.entity';
import type { WorkOrder } from '../work-orders/work-order.entity';

/** Why someone is told about a work order. */
export enum NotificationKind {
  /** a complaint was filed: the hotline manager follows every one (投诉) */
  COMPLAINT_FILED = 'COMPLAINT_FILED',
  /** not responded to by respondBy: the supervisor (escalation level 1) */
  RESPONSE_OVERDUE = 'RESPONSE_OVERDUE',
  /** not resolved by resolveBy: the manager (escalation level 2) */
  RESOLUTION_OVERDUE = 'RESOLUTION_OVERDUE',
  /** a resident scored the fix 1 or 2 on a callback: the work order was reopened (schema/callbacks/) */
  CALLBACK_LOW_SCORE = 'CALLBACK_LOW_SCORE',
}

registerEnumType(NotificationKind, { name: 'NotificationKind' });

/**
 * A notice to a role about a work order, or about a callback that has none (a low score on a
 * move-in or periodic callback: schema/callbacks/callback-low-score.ts), or about a complaint
 * that joined an incident's work order (schema/hotline/requests/service-request.service.ts: the
 * work order is shared, so the notice is the complaint's). At most one per work order and kind,
 * one per callback and kind, one per request and kind (unique), so an escalation computed twice
 * — two instances, a restart mid-run — is still told once.
 */
@ObjectType()
@Entity({ tableName: 'notification' })
@Unique({ properties: ['workOrder', 'kind'] })
@Unique({ properties: ['callback', 'kind'] })
@Unique({ properties: ['serviceRequest', 'kind'] })
@Check({
  name: 'notification_subject',
  expression: 'work_order_id is not null or callback_id is not null or service_request_id is not null',
})
@Index({ properties: ['recipientRole', 'createdAt'] })
export class Notification {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** null for a notice about a callback with no work order */
  @ManyToOne(() => 'WorkOrder', { ref: true, nullable: true, deleteRule: 'cascade' })
  workOrder: Ref<WorkOrder> | null = null;

  /** the callback a CALLBACK_LOW_SCORE notice is about when it has no work order */
  @ManyToOne(() => 'Callback', { ref: true, nullable: true, deleteRule: 'cascade' })
  callback: Ref<Callback> | null = null;

  /** the complaint a COMPLAINT_FILED notice is about */
  @ManyToOne(() => 'ServiceRequest', { ref: true, nullable: true, deleteRule: 'cascade' })
  serviceRequest: Ref<ServiceRequest> | null = null;

  @Field(() => NotificationKind)
  @Enum({ items: () => NotificationKind, nativeEnumName: 'notification_kind' })
  kind!: NotificationKind;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: 'staff_role' })
  recipientRole!: Role;

  @ManyToOne(() => Site, { ref: true, nullable: true, deleteRule: 'set null' })
  site: Ref<Site> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Staff } from '../../staff/staff.entity';
import type { WorkOrder } from './work-order.entity';
import { WorkOrderStatus } from './work-order.enums';

/**
 * One line of a work order's history (service-desk contract `history { at from to by note }`):
 * every move, who made it (null: the platform — an alert, the escalation job), when, from and
 * to, with its note. `from` is null for the opening line. Only ever inserted.
 */
@ObjectType('WorkOrderHistoryEntry')
@Entity({ tableName: 'work_order_transition' })
@Index({ properties: ['workOrder', 'at'] })
export class WorkOrderTransition {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => 'WorkOrder', { ref: true, deleteRule: 'cascade', filters: false })
  workOrder!: Ref<WorkOrder>;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  at: Date & Opt = new Date();

  @Field(() => WorkOrderStatus, { nullable: true })
  @Enum({ items: () => WorkOrderStatus, nativeEnumName: 'work_order_status', nullable: true })
  from: WorkOrderStatus | null = null;

  @Field(() => WorkOrderStatus)
  @Enum({ items: () => WorkOrderStatus, nativeEnumName: 'work_order_status' })
  to!: WorkOrderStatus;

  @ManyToOne(() => Staff, { ref: true, nullable: true, deleteRule: 'restrict' })
  by: Ref<Staff> | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}

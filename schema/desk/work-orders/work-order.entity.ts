import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { Department } from '../../facilities/emergency-plans/department.enum';
import { EmergencyPlan } from '../../facilities/emergency-plans/emergency-plan.entity';
import { EmergencyPlanStep } from '../../facilities/emergency-plans/emergency-plan-step.type';
import type { Alert } from '../../monitoring/alerts/alert.entity';
import { WorkOrderPriority, WorkOrderSource, WorkOrderStatus } from './work-order.enums';

/** One step of a work order, copied from its emergency plan (test/contract-operations.graphql `steps`). */
@ObjectType()
export class WorkOrderStep extends EmergencyPlanStep {
  @Field()
  done!: boolean;
}

/**
 * A dispatch ticket (派工单) to a department, with a due time (its SLA). One alert opens at
 * most one work order: `alert_id` is unique.
 */
@ObjectType()
@Entity({ tableName: 'work_order' })
@Index({ properties: ['status', 'createdAt'] })
export class WorkOrder {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  /** human-facing number, e.g. WO-20261126-000042 (date of opening, Asia/Shanghai) */
  @Field()
  @Unique()
  @Property({ type: 'string', length: 32 })
  number!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => WorkOrderStatus)
  @Enum({ items: () => WorkOrderStatus, nativeEnumName: 'work_order_status' })
  status: WorkOrderStatus & Opt = WorkOrderStatus.OPEN;

  @Field(() => WorkOrderPriority)
  @Enum({ items: () => WorkOrderPriority, nativeEnumName: 'work_order_priority' })
  priority!: WorkOrderPriority;

  @Field(() => WorkOrderSource)
  @Enum({ items: () => WorkOrderSource, nativeEnumName: 'work_order_source' })
  source!: WorkOrderSource;

  @Field(() => Department)
  @Enum({ items: () => Department, nativeEnumName: 'department' })
  department!: Department;

  @Field()
  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Field(() => [WorkOrderStep])
  @Property({ type: 'json' })
  steps: WorkOrderStep[] & Opt = [];

  @Unique()
  @ManyToOne(() => 'Alert', { ref: true, nullable: true, deleteRule: 'set null' })
  alert: Ref<Alert> | null = null;

  @ManyToOne(() => Equipment, { ref: true, nullable: true, deleteRule: 'set null' })
  equipment: Ref<Equipment> | null = null;

  @ManyToOne(() => EmergencyPlan, { ref: true, nullable: true, deleteRule: 'set null' })
  emergencyPlan: Ref<EmergencyPlan> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Site } from '../../estate/sites/site.entity';
import { Unit } from '../../estate/units/unit.entity';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { Department } from '../../facilities/emergency-plans/department.enum';
import { EmergencyPlan } from '../../facilities/emergency-plans/emergency-plan.entity';
import { EmergencyPlanStep } from '../../facilities/emergency-plans/emergency-plan-step.type';
import type { ServiceRequest } from '../../hotline/requests/service-request.entity';
import type { Alert } from '../../monitoring/alerts/alert.entity';
import { Staff } from '../../staff/staff.entity';
import { WorkOrderPriority, WorkOrderSource, WorkOrderStatus } from './work-order.enums';

/** One step of a work order, copied from its emergency plan (test/contract-operations.graphql `steps`). */
@ObjectType()
export class WorkOrderStep extends EmergencyPlanStep {
  @Field()
  done!: boolean;
}

/**
 * A dispatch ticket (派工单) to a department, with its SLA deadlines. One alert or one service
 * request opens at most one work order (`alert_id`, `service_request_id` unique). `site` is
 * the site of its equipment or unit (null: neither known; only unscoped staff see it).
 * Status moves: work-order-lifecycle.ts; every move is a WorkOrderTransition. The relations to
 * things of its own site (alert, equipment, request, unit, site) skip the site filters
 * (`filters: false`): the work order row is scoped already, and checking each again joined
 * whole tables into every board query.
 */
@ObjectType()
@Entity({ tableName: 'work_order' })
@Index({ properties: ['status', 'createdAt'] })
@Index({ properties: ['assignee', 'status'] })
@Index({ properties: ['site', 'status'] })
// periods of the service KPIs (schema/kpis/kpi.sql.ts): opened and finished in [from, to)
@Index({ properties: ['createdAt'] })
@Index({ properties: ['finishedAt'] })
@Index({
  name: 'work_order_escalation_due',
  expression:
    'create index "work_order_escalation_due" on "work_order" ("respond_by", "resolve_by") where "status" in (\'OPEN\', \'DISPATCHED\', \'IN_PROGRESS\') and "escalation_level" < 2',
})
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

  @Field({ description: 'The response deadline (same as respondBy; kept for the core contract).' })
  @Property({ type: 'datetime' })
  dueAt!: Date;

  /** respond (dispatched and started) by; moved forward by the time spent ON_HOLD */
  @Field(() => Date)
  @Property({ type: 'datetime' })
  respondBy!: Date;

  /** resolve by; moved forward by the time spent ON_HOLD */
  @Field(() => Date)
  @Property({ type: 'datetime' })
  resolveBy!: Date;

  @Field(() => Date, { nullable: true, description: 'When work started (first IN_PROGRESS).' })
  @Property({ type: 'datetime', nullable: true })
  respondedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was RESOLVED (null again after a rework).' })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  /** when the current ON_HOLD began: the SLA clock is paused from here */
  @Property({ type: 'datetime', nullable: true })
  holdStartedAt: Date | null = null;

  /** when it reached CLOSED or CANCELLED */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Field(() => Int, {
    description: '0 none, 1 supervisor notified (response overdue), 2 manager notified (resolution overdue).',
  })
  @Property({ type: 'smallint' })
  escalationLevel: number & Opt = 0;

  @Field(() => Date, {
    nullable: true,
    description: 'When the alert that opened it cleared before anyone was dispatched.',
  })
  @Property({ type: 'datetime', nullable: true })
  alertClearedAt: Date | null = null;

  @Field(() => [WorkOrderStep])
  @Property({ type: 'json' })
  steps: WorkOrderStep[] & Opt = [];

  @Unique()
  @ManyToOne(() => 'Alert', { ref: true, nullable: true, deleteRule: 'set null', filters: false })
  alert: Ref<Alert> | null = null;

  @ManyToOne(() => Equipment, { ref: true, nullable: true, deleteRule: 'set null', filters: false })
  equipment: Ref<Equipment> | null = null;

  @ManyToOne(() => EmergencyPlan, { ref: true, nullable: true, deleteRule: 'set null' })
  emergencyPlan: Ref<EmergencyPlan> | null = null;

  @Unique()
  @ManyToOne(() => 'ServiceRequest', { ref: true, nullable: true, deleteRule: 'set null', filters: false })
  serviceRequest: Ref<ServiceRequest> | null = null;

  @ManyToOne(() => Unit, { ref: true, nullable: true, deleteRule: 'set null', filters: false })
  unit: Ref<Unit> | null = null;

  @ManyToOne(() => Site, { ref: true, nullable: true, deleteRule: 'set null', filters: false })
  site: Ref<Site> | null = null;

  @ManyToOne(() => Staff, { ref: true, nullable: true, deleteRule: 'set null' })
  assignee: Ref<Staff> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import type { WorkOrder } from '../desk/work-orders/work-order.entity';
import { Site } from '../estate/sites/site.entity';
import type { Incident } from '../incidents/incident.entity';
import { Resident } from '../residents/resident.entity';
import { Staff } from '../staff/staff.entity';
import { CallbackReason, CallbackStatus } from './callback.enums';

/**
 * A call back to a resident (回访), scheduled by the platform (schema/callbacks/callback-scheduler.ts)
 * and worked by the hotline. At most one open (DUE) callback per reason, work order, incident and
 * resident (the partial unique index): scheduling twice — a retry, two instances — never doubles
 * it. `dueAt` and `doneAt` stay, so "done on time" can be counted afterwards.
 */
@ObjectType()
@Entity({ tableName: 'callback' })
@Unique({
  name: 'callback_one_open',
  expression:
    'create unique index "callback_one_open" on "callback" ("reason", "resident_id", coalesce("work_order_id", \'00000000-0000-0000-0000-000000000000\'), coalesce("incident_id", \'00000000-0000-0000-0000-000000000000\')) where "status" = \'DUE\'',
})
@Index({ properties: ['status', 'dueAt'] })
@Index({ properties: ['site', 'status', 'dueAt'] })
@Index({ properties: ['resident', 'createdAt'] })
@Index({ properties: ['workOrder'] })
@Index({ properties: ['incident'] })
// the service KPIs count the callbacks done in a period (schema/kpis/kpi.sql.ts)
@Index({ properties: ['doneAt'] })
export class Callback {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  @Field(() => CallbackReason)
  @Enum({ items: () => CallbackReason, nativeEnumName: 'callback_reason' })
  reason!: CallbackReason;

  @Field(() => CallbackStatus)
  @Enum({ items: () => CallbackStatus, nativeEnumName: 'callback_status', default: CallbackStatus.DUE })
  status: CallbackStatus & Opt = CallbackStatus.DUE;

  /** when the next attempt is due (moves on after a failed attempt) */
  @Field(() => Date)
  @Property({ type: 'datetime' })
  dueAt!: Date;

  /** when it was first due: "done on time" compares `doneAt` with it (a failed attempt does not extend it) */
  @Property({ type: 'datetime' })
  firstDueAt!: Date;

  /** calls made so far, the one that reached the resident included (all before it failed) */
  @Field(() => Int)
  @Property({ type: 'smallint', default: 0 })
  attempts: number & Opt = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastAttemptAt: Date | null = null;

  /** 1 (very unhappy) … 5 (very happy), when reached */
  @Field(() => Int, { nullable: true })
  @Property({ type: 'smallint', nullable: true })
  satisfaction: number | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @ManyToOne(() => Resident, { ref: true, deleteRule: 'restrict' })
  resident!: Ref<Resident>;

  @ManyToOne(() => 'WorkOrder', { ref: true, nullable: true, deleteRule: 'set null', filters: false })
  workOrder: Ref<WorkOrder> | null = null;

  @ManyToOne(() => 'Incident', { ref: true, nullable: true, deleteRule: 'set null', filters: false })
  incident: Ref<Incident> | null = null;

  /** the resident's site (their unit's building's): site scoping (schema/estate/site-scope.ts) */
  @ManyToOne(() => Site, { ref: true, nullable: true, deleteRule: 'set null' })
  site: Ref<Site> | null = null;

  /** null until someone records an attempt: then the retries come back to that operator */
  @ManyToOne(() => Staff, { ref: true, nullable: true, deleteRule: 'set null' })
  assignee: Ref<Staff> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  doneAt: Date | null = null;

  /** when it was CANCELLED (schema/callbacks/callback-cancel.ts): never counted as done or missed */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  cancelledAt: Date | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was cancelled (a move-out, a cancelled work order, staff).',
  })
  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;
}

/**
 * The monthly periodic sample, one row per month (Asia/Shanghai, `YYYY-MM`): the instance whose
 * insert of the month's row succeeds draws it in the same transaction; another instance waits
 * on the key and then finds it drawn, and a restart never draws a month twice.
 */
@Entity({ tableName: 'callback_sample' })
export class CallbackSample {
  @PrimaryKey({ type: 'string', length: 7 })
  month!: string;

  @Property({ type: 'integer' })
  drawn!: number;

  @Property({ type: 'datetime' })
  drawnAt!: Date;
}

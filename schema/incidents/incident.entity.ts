import {
  Collection,
  Entity,
  Enum,
  Index,
  ManyToMany,
  ManyToOne,
  Opt,
  PrimaryKey,
  Property,
  Ref,
  Unique,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import type { WorkOrder } from '../desk/work-orders/work-order.entity';
import { Building } from '../estate/buildings/building.entity';
import { Site } from '../estate/sites/site.entity';
import { Unit } from '../estate/units/unit.entity';
import type { Call } from '../hotline/calls/call.entity';
import type { Alert } from '../monitoring/alerts/alert.entity';
import { Staff } from '../staff/staff.entity';
import { IncidentKind, IncidentSource, IncidentStatus } from './incident.enums';

/**
 * An interruption that affects residents (停水/停电/停暖): opened by an alert whose fault
 * interrupts supply (its emergency plan says so) on the units its equipment serves, or by staff
 * (planned or manual) on buildings. The affected units are fixed when it opens (`incident_unit`),
 * so announcements, callbacks and the calls it explains name the same homes. Related alerts on
 * the same supply join it (`incident_alert`, an alert in at most one incident); calls from
 * residents of affected units while it is active are linked (`call_incident`).
 */
@ObjectType()
@Entity({ tableName: 'incident' })
@Index({ properties: ['status', 'startedAt'] })
@Index({ properties: ['site', 'status'] })
export class Incident {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  /** human-facing number, e.g. INC-20261129-000042 (date of opening, Asia/Shanghai) */
  @Field()
  @Unique()
  @Property({ type: 'string', length: 32 })
  number!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => IncidentKind)
  @Enum({ items: () => IncidentKind, nativeEnumName: 'incident_kind' })
  kind!: IncidentKind;

  @Field(() => IncidentStatus)
  @Enum({ items: () => IncidentStatus, nativeEnumName: 'incident_status' })
  status: IncidentStatus & Opt = IncidentStatus.ACTIVE;

  @Field(() => IncidentSource)
  @Enum({ items: () => IncidentSource, nativeEnumName: 'incident_source' })
  source!: IncidentSource;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  planned: boolean & Opt = false;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  startedAt!: Date;

  /** the announced end of a planned incident */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  endsAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  endedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  endNote: string | null = null;

  /** ended while SCHEDULED: the planned stop never took place (its endedAt is before its startedAt) */
  @Field(() => Boolean, {
    description:
      'Ended before it started: a planned stop called off, so supply was never interrupted (endedAt is when it was called off).',
  })
  @Property({ type: 'boolean', default: false })
  calledOff: boolean & Opt = false;

  @Field(() => String, {
    nullable: true,
    description: 'What residents are told (the announcement drafts start from it).',
  })
  @Property({ type: 'text', nullable: true })
  textForResidents: string | null = null;

  @ManyToOne(() => Site, { ref: true, deleteRule: 'restrict' })
  site!: Ref<Site>;

  /** the work order that fixes it (an alert's, or one staff attach) */
  @ManyToOne(() => 'WorkOrder', { ref: true, nullable: true, deleteRule: 'set null', filters: false })
  workOrder: Ref<WorkOrder> | null = null;

  /** who opened it; null: the platform (an alert) */
  @ManyToOne(() => Staff, { ref: true, nullable: true, deleteRule: 'restrict' })
  openedBy: Ref<Staff> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @ManyToMany(() => Building, undefined, {
    pivotTable: 'incident_building',
    joinColumn: 'incident_id',
    inverseJoinColumn: 'building_id',
  })
  buildings = new Collection<Building>(this);

  @ManyToMany(() => Unit, undefined, {
    pivotTable: 'incident_unit',
    joinColumn: 'incident_id',
    inverseJoinColumn: 'unit_id',
  })
  affectedUnits = new Collection<Unit>(this);

  @ManyToMany(() => 'Alert', undefined, {
    pivotTable: 'incident_alert',
    joinColumn: 'incident_id',
    inverseJoinColumn: 'alert_id',
  })
  alerts = new Collection<Alert>(this);

  @ManyToMany(() => 'Call', undefined, {
    pivotTable: 'call_incident',
    joinColumn: 'incident_id',
    inverseJoinColumn: 'call_id',
  })
  calls = new Collection<Call>(this);
}

import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Device } from '../../facilities/devices/device.entity';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { Staff } from '../../staff/staff.entity';
import type { WorkOrder } from '../../desk/work-orders/work-order.entity';
import { Severity } from '../severity.enum';
import { AlertStatus } from './alert-status.enum';

/**
 * One alert episode: from the fault's raise to its clear. At most one uncleared episode
 * per equipment and fault code, enforced by a partial unique index (not only in code),
 * so duplicate deliveries and racing ingest workers cannot open a second one. An equipment
 * may have several devices: the episode stays active while any of them raises the fault
 * (`sources`), and clears when the last one clears. Status moves: alert-lifecycle.ts.
 */
@ObjectType()
@Entity({ tableName: 'alert' })
@Unique({
  name: 'alert_one_active_per_fault',
  expression:
    'create unique index "alert_one_active_per_fault" on "alert" ("equipment_id", "fault_code") where "cleared_at" is null',
})
@Index({ properties: ['raisedAt'] })
export class Alert {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Equipment, { ref: true, deleteRule: 'cascade' })
  equipment!: Ref<Equipment>;

  @ManyToOne(() => Device, { ref: true, nullable: true, deleteRule: 'set null' })
  device: Ref<Device> | null = null;

  @Field()
  @Property({ type: 'string', length: 64 })
  faultCode!: string;

  @Field(() => Severity)
  @Enum({ items: () => Severity, nativeEnumName: 'severity' })
  severity!: Severity;

  @Field(() => AlertStatus)
  @Enum({ items: () => AlertStatus, nativeEnumName: 'alert_status' })
  status: AlertStatus & Opt = AlertStatus.ACTIVE_UNACK;

  @Field({ description: 'When the fault was first raised (reading time).' })
  @Property({ type: 'datetime' })
  raisedAt!: Date;

  @Field({ description: 'When the fault was last raised again within this episode.' })
  @Property({ type: 'datetime' })
  lastRaisedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  clearedAt: Date | null = null;

  @Field(() => Int, { description: 'How many times the fault was raised in this episode.' })
  @Property({ type: 'integer' })
  occurrences: number & Opt = 1;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt: Date | null = null;

  @ManyToOne(() => Staff, { ref: true, nullable: true, deleteRule: 'set null' })
  acknowledgedBy: Ref<Staff> | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  ackNote: string | null = null;

  @Field()
  @Property({ type: 'text' })
  message!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  metric: string | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  lastValue: number | null = null;

  @ManyToOne(() => 'WorkOrder', { ref: true, nullable: true, deleteRule: 'set null' })
  workOrder: Ref<WorkOrder> | null = null;

  @Field(() => [String], {
    description: 'The devices (device ids) that currently raise this fault; empty once cleared.',
  })
  @Property({ type: 'text[]', default: '{}' })
  sources: string[] & Opt = [];

  @Field(() => Int, { description: 'Optimistic-locking version: increases with every change of the row.' })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;
}

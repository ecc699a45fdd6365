import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Site } from '../../estate/sites/site.entity';
import { Unit } from '../../estate/units/unit.entity';
import { Department } from '../../facilities/emergency-plans/department.enum';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { Resident } from '../../residents/resident.entity';
import { Staff } from '../../staff/staff.entity';
import type { Incident } from '../../incidents/incident.entity';
import { Call } from '../calls/call.entity';
import { RequestCategory, ServiceRequestStatus } from './service-request.enums';

/**
 * What a resident asked for (service-desk contract `CreateServiceRequest`): linked to the call,
 * the resident, the unit and, where known, the equipment. Its work order (if any) points back
 * to it (`work_order.service_request_id`). `site`: the unit's or the equipment's site.
 */
@ObjectType()
@Entity({ tableName: 'service_request' })
@Index({ properties: ['createdAt'] })
@Index({ properties: ['resident'] })
export class ServiceRequest {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  /** human-facing number, e.g. SR-20261129-000042 (date of filing, Asia/Shanghai) */
  @Field()
  @Unique()
  @Property({ type: 'string', length: 32 })
  number!: string;

  @Field(() => RequestCategory)
  @Enum({ items: () => RequestCategory, nativeEnumName: 'request_category' })
  category!: RequestCategory;

  @Field(() => ServiceRequestStatus)
  @Enum({ items: () => ServiceRequestStatus, nativeEnumName: 'service_request_status' })
  status: ServiceRequestStatus & Opt = ServiceRequestStatus.OPEN;

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'The answer given on the spot (an inquiry).' })
  @Property({ type: 'text', nullable: true })
  answer: string | null = null;

  @ManyToOne(() => Call, { ref: true, nullable: true, deleteRule: 'set null' })
  call: Ref<Call> | null = null;

  @ManyToOne(() => Resident, { ref: true, nullable: true, deleteRule: 'restrict' })
  resident: Ref<Resident> | null = null;

  @ManyToOne(() => Unit, { ref: true, nullable: true, deleteRule: 'restrict' })
  unit: Ref<Unit> | null = null;

  @ManyToOne(() => Equipment, { ref: true, nullable: true, deleteRule: 'set null' })
  equipment: Ref<Equipment> | null = null;

  @ManyToOne(() => Site, { ref: true, nullable: true, deleteRule: 'set null' })
  site: Ref<Site> | null = null;

  /** the incident it is about: it joins that incident's work order instead of opening one */
  @ManyToOne(() => 'Incident', { ref: true, nullable: true, deleteRule: 'set null', filters: false })
  incident: Ref<Incident> | null = null;

  @ManyToOne(() => Staff, { ref: true, deleteRule: 'restrict' })
  createdBy!: Ref<Staff>;

  @Field(() => Department, { nullable: true })
  @Enum({ items: () => Department, nativeEnumName: 'department', nullable: true })
  department: Department | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;
}

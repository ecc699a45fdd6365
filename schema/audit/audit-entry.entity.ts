import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { Staff } from '../staff/staff.entity';

/**
 * One change made through the API: who, when, what, and the entity before and after. Written
 * in the transaction of the change (schema/audit/audit-log.service.ts); the table refuses
 * UPDATE, DELETE and TRUNCATE (a trigger, migrations/Migration20261128230818.ts), and no
 * mutation touches it.
 */
@ObjectType({ description: 'One change made through the API; never edited or deleted. Managers only.' })
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['entityType', 'entityId'] })
export class AuditEntry {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Date)
  @Index()
  @Property({ type: 'datetime' })
  at: Date & Opt = new Date();

  /** who: the signed-in caller (staff are deactivated, never deleted: `restrict`) */
  @ManyToOne(() => Staff, { ref: true, deleteRule: 'restrict' })
  @Index()
  staff!: Ref<Staff>;

  @Field({ description: 'What was done, `<entity>.<verb>`: equipment.create, device.provision, alert.acknowledge…' })
  @Property({ type: 'string', length: 64 })
  action!: string;

  @Field({ description: 'The changed entity: Equipment, Device, Alert…' })
  @Property({ type: 'string', length: 64 })
  entityType!: string;

  @Field(() => ID)
  @Property({ type: 'string', length: 128 })
  entityId!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The entity before the change; null when created.' })
  @Property({ type: 'json', nullable: true })
  before: Record<string, unknown> | null = null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The entity after the change; null when removed.' })
  @Property({ type: 'json', nullable: true })
  after: Record<string, unknown> | null = null;
}

import { Collection, Entity, Index, OneToMany, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import type { Occupancy } from './occupancy.entity';

/**
 * A resident in the archive (业主档案). One person per phone number (digits only, unique):
 * registering the same phone again adds an occupancy to the same resident (service-desk
 * contract `RegisterResident`). Nobody is deleted: a move-out ends an occupancy. The phone is
 * exposed through a field resolver that masks it for roles that do not need it; trigram
 * indexes on name and phone serve the search (migration).
 */
@ObjectType()
@Entity({ tableName: 'resident' })
@Index({
  name: 'resident_name_trgm',
  expression: 'create index "resident_name_trgm" on "resident" using gin ("name" gin_trgm_ops)',
})
@Index({
  name: 'resident_phone_trgm',
  expression: 'create index "resident_phone_trgm" on "resident" using gin ("phone" gin_trgm_ops)',
})
export class Resident {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  @Field()
  @Property({ type: 'string', length: 100 })
  name!: string;

  /** digits only, e.g. 13812345678; read through ResidentResolver.phone (masked per role) */
  @Unique()
  @Property({ type: 'string', length: 20 })
  phone!: string;

  /** e.g. "weekday evenings"; free text */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  preferredContactTime: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Field(() => [String])
  @Property({ type: 'text[]' })
  tags: string[] & Opt = [];

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @OneToMany(() => 'Occupancy', 'resident')
  occupancies = new Collection<Occupancy>(this);
}

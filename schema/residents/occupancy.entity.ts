import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { CalendarDate } from '../common/calendar-date';
import { newId } from '../common/ids';
import { Unit } from '../estate/units/unit.entity';
import { Resident } from './resident.entity';
import { ResidentRelation } from './resident-relation.enum';

/**
 * A resident living in (or owning) a unit from `since` until `until` (null: still there).
 * At most one current occupancy per resident and unit (partial unique index); ended ones
 * stay as history.
 */
@ObjectType()
@Entity({ tableName: 'occupancy' })
@Unique({
  name: 'occupancy_one_current_per_unit',
  expression:
    'create unique index "occupancy_one_current_per_unit" on "occupancy" ("resident_id", "unit_id") where "until" is null',
})
@Index({ properties: ['unit'] })
@Index({ properties: ['resident'] })
@Index({
  name: 'occupancy_current_resident',
  expression: 'create index "occupancy_current_resident" on "occupancy" ("resident_id") where "until" is null',
})
export class Occupancy {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Resident, { ref: true, deleteRule: 'restrict' })
  resident!: Ref<Resident>;

  @ManyToOne(() => Unit, { ref: true, deleteRule: 'restrict' })
  unit!: Ref<Unit>;

  @Field(() => ResidentRelation)
  @Enum({ items: () => ResidentRelation, nativeEnumName: 'resident_relation' })
  relation!: ResidentRelation;

  /** a calendar date, YYYY-MM-DD */
  @Field(() => CalendarDate, { description: 'Move-in date.' })
  @Property({ type: 'date' })
  since!: string;

  @Field(() => CalendarDate, { nullable: true, description: 'Move-out date; null while living there.' })
  @Property({ type: 'date', nullable: true })
  until: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

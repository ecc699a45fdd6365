import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Building } from '../buildings/building.entity';
import { UnitUse } from './unit-use.enum';

/**
 * A unit (房号) of a building: a flat, a shop, a parking space. Its code is unique within the
 * building (service-desk contract `CreateUnit`: CONFLICT). A trigram index on the code serves
 * the resident search by unit code.
 */
@ObjectType()
@Entity({ tableName: 'unit' })
@Index({
  name: 'unit_code_trgm',
  expression: 'create index "unit_code_trgm" on "unit" using gin ("code" gin_trgm_ops)',
})
@Unique({ properties: ['building', 'code'] })
export class Unit {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  @ManyToOne(() => Building, { ref: true, deleteRule: 'restrict' })
  building!: Ref<Building>;

  @Field()
  @Property({ type: 'string', length: 32 })
  code!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  floor!: number;

  @Field(() => Float, { nullable: true, description: 'Floor area, square metres.' })
  @Property({ type: 'double', nullable: true })
  areaM2: number | null = null;

  @Field(() => UnitUse)
  @Enum({ items: () => UnitUse, nativeEnumName: 'unit_use' })
  use: UnitUse & Opt = UnitUse.RESIDENTIAL;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

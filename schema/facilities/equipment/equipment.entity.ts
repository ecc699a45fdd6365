import {
  Collection,
  Entity,
  Enum,
  ManyToMany,
  ManyToOne,
  Opt,
  PrimaryKey,
  Property,
  Ref,
  Unique,
} from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Building } from '../../estate/buildings/building.entity';
import { Unit } from '../../estate/units/unit.entity';
import { EquipmentSystem } from './equipment-system.enum';

/** An item of the equipment ledger (设备台账): a pump, a switchboard, a heat exchanger… */
@ObjectType()
@Entity({ tableName: 'equipment' })
@Unique({ properties: ['building', 'code'] })
export class Equipment {
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
  @Property({ type: 'string', length: 64 })
  code!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => EquipmentSystem)
  @Enum({ items: () => EquipmentSystem, nativeEnumName: 'equipment_system' })
  system!: EquipmentSystem;

  /** free text kind, e.g. "booster pump", "distribution board", "plate heat exchanger" */
  @Field()
  @Property({ type: 'string', length: 100 })
  kind!: string;

  /** for OVERCURRENT (devices/CONTRACT.md: "the equipment's rated current") */
  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  ratedCurrentA: number | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  /**
   * The units it supplies (incidents contract `SetEquipmentServes`); none set: every unit of its
   * building. Exposed through a field resolver (`servedUnits`, a page).
   */
  @ManyToMany(() => Unit, undefined, {
    pivotTable: 'equipment_unit',
    joinColumn: 'equipment_id',
    inverseJoinColumn: 'unit_id',
  })
  servedUnits = new Collection<Unit>(this);
}

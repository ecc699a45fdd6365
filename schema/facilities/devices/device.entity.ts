import { Entity, Enum, ManyToOne, Opt, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Equipment } from '../equipment/equipment.entity';
import { EquipmentSystem } from '../equipment/equipment-system.enum';

/**
 * A provisioned sensor or gateway. Its `deviceId` is its MQTT username and client id
 * (devices/CONTRACT.md). The topic address (site, building, system) is fixed when it is provisioned:
 * it is what the device was configured to publish to.
 */
@ObjectType()
@Entity({ tableName: 'device' })
export class Device {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  @Field()
  @Unique()
  @Property({ type: 'string', length: 64 })
  deviceId!: string;

  @ManyToOne(() => Equipment, { ref: true, deleteRule: 'cascade' })
  equipment!: Ref<Equipment>;

  @Property({ type: 'string', length: 64 })
  siteCode!: string;

  @Property({ type: 'string', length: 64 })
  buildingCode!: string;

  @Enum({ items: () => EquipmentSystem, nativeEnumName: 'equipment_system' })
  system!: EquipmentSystem;

  /** mosquitto-compatible PBKDF2-SHA512 hash (devices/broker/credentials.ts); never exposed */
  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash!: string;

  /** seconds between telemetry messages; DEVICE_OFFLINE after 3 × this (devices/CONTRACT.md) */
  @Field(() => Int)
  @Property({ type: 'integer' })
  intervalS: number & Opt = 10;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

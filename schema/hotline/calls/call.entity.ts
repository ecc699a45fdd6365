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
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Site } from '../../estate/sites/site.entity';
import { Resident } from '../../residents/resident.entity';
import { Staff } from '../../staff/staff.entity';
import { CallChannel } from './call-channel.enum';

/**
 * A call record (来电记录) of the hotline: every contact, whatever its channel. The residents
 * matched by the caller's phone when the call started are kept (`call_resident`), so the
 * record says who it was even after the archive changes. `site`: the site of the matched
 * residents' current units when there is exactly one, else null (then only the operator who
 * took it and unscoped staff see it, schema/estate/site-scope.ts).
 */
@ObjectType()
@Entity({ tableName: 'call' })
@Index({ properties: ['startedAt'] })
@Index({ properties: ['phone'] })
export class Call {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  @Field(() => CallChannel)
  @Enum({ items: () => CallChannel, nativeEnumName: 'call_channel' })
  channel!: CallChannel;

  /** the caller's number, digits only; read through CallResolver.phone (masked per role) */
  @Property({ type: 'string', length: 20 })
  phone!: string;

  @ManyToOne(() => Staff, { ref: true, deleteRule: 'restrict' })
  operator!: Ref<Staff>;

  @ManyToOne(() => Site, { ref: true, nullable: true, deleteRule: 'set null' })
  site: Ref<Site> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  endedAt: Date | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the recording is kept (a file name or URL of the telephony system).',
  })
  @Property({ type: 'string', length: 500, nullable: true })
  recordingRef: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  summary: string | null = null;

  @ManyToMany(() => Resident, undefined, {
    pivotTable: 'call_resident',
    joinColumn: 'call_id',
    inverseJoinColumn: 'resident_id',
  })
  matchedResidents = new Collection<Resident>(this);
}

import { Entity, ManyToOne, Opt, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Site } from '../sites/site.entity';

/** A building of a site; its code is the `{building}` level of device topics. */
@ObjectType()
@Entity({ tableName: 'building' })
@Unique({ properties: ['site', 'code'] })
export class Building {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  @ManyToOne(() => Site, { ref: true, deleteRule: 'restrict' })
  site!: Ref<Site>;

  @Field()
  @Property({ type: 'string', length: 64 })
  code!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  name!: string;
}

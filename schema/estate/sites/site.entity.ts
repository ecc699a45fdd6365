import { Entity, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';

/** A managed estate (小区 / 物业项目); its code is the `{site}` level of device topics. */
@ObjectType()
@Entity({ tableName: 'site' })
export class Site {
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
  code!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  name!: string;
}

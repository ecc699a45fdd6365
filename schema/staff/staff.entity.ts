import { Entity, Enum, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { Role } from './role.enum';

/** A member of staff who signs in. The password hash never gets a @Field. */
@ObjectType()
@Entity({ tableName: 'staff' })
export class Staff {
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
  username!: string;

  @Field()
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: 'staff_role' })
  role!: Role;

  /** scrypt hash (schema/staff/auth/password.ts); internal */
  @Property({ type: 'string', length: 255, hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

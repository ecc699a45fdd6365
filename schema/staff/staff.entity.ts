import { Collection, Entity, Enum, ManyToMany, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { Site } from '../estate/sites/site.entity';
import { Role } from './role.enum';

/**
 * A member of staff who signs in. The password hash never gets a @Field. Staff belong to
 * sites (`staff_site`); a MANAGER sees every site whatever its rows say. Any change of the
 * row, its sites or its sessions notifies `fd_account` (migration trigger), which empties the
 * account caches of every instance (schema/staff/sessions/account-cache.ts).
 */
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

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  /** exposed through StaffResolver.sites (what the account may see), never directly */
  @ManyToMany(() => Site, undefined, { pivotTable: 'staff_site', joinColumn: 'staff_id', inverseJoinColumn: 'site_id' })
  sites = new Collection<Site>(this);
}

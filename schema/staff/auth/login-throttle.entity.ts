import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Failed sign-ins per key (`u:<username>` or `a:<address>`) in a fixed window starting at the
 * first failure, in PostgreSQL so every instance counts the same failures
 * (schema/staff/auth/login-throttle.ts). One row per key: the table stays small.
 */
@Entity({ tableName: 'login_throttle' })
@Index({ properties: ['windowStart'] })
export class LoginThrottle {
  @PrimaryKey({ type: 'string', length: 200 })
  key!: string;

  @Property({ type: 'integer' })
  failures!: number;

  @Property({ type: 'datetime' })
  windowStart!: Date;
}

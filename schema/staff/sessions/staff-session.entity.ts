import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { newId } from '../../common/ids';
import { Staff } from '../staff.entity';

/**
 * One sign-in: its id travels in the token (`sid`), so `logout` can revoke exactly this token.
 * A token is accepted only while its session exists, is not revoked and has not expired.
 */
@Entity({ tableName: 'staff_session' })
@Index({ properties: ['expiresAt'] })
export class StaffSession {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Staff, { ref: true, deleteRule: 'cascade', index: true })
  staff!: Ref<Staff>;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}

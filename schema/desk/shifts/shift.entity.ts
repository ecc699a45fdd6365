import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { Site } from '../../estate/sites/site.entity';
import { Staff } from '../../staff/staff.entity';
import { OpenItem } from './open-items/open-item';

/**
 * A closed shift (交接班记录): who closed it, from when to when, their notes, and what was
 * open on their sites at that moment (`openItems`, a copy made in the closing's transaction:
 * it does not change when the items are dealt with later). Another member of staff of the
 * same site takes it over, once. `site` is the closer's site (the first by code when they
 * have several; null when they have none): the shift is scoped by it, and the closer always
 * sees their own (schema/estate/site-scope.ts).
 */
@ObjectType()
@Entity({ tableName: 'shift' })
@Index({ properties: ['site', 'closedAt'] })
@Index({ properties: ['closedBy', 'closedAt'] })
@Index({ properties: ['takenOverBy', 'takenOverAt'] })
export class Shift {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  /** the operator who closed it; exposed as `closedBy` */
  @ManyToOne(() => Staff, { ref: true, deleteRule: 'restrict' })
  closedBy!: Ref<Staff>;

  @ManyToOne(() => Site, { ref: true, nullable: true, deleteRule: 'set null' })
  site: Ref<Site> | null = null;

  @Field(() => Date, {
    description:
      'When the shift began: the closer’s latest take-over or previous closing, whichever is later; else their sign-in.',
  })
  @Property({ type: 'datetime' })
  openedAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  closedAt!: Date;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Field(() => [OpenItem], { description: 'What was open on the closer’s sites when the shift closed.' })
  @Property({ type: 'json' })
  openItems: OpenItem[] & Opt = [];

  @ManyToOne(() => Staff, { ref: true, nullable: true, deleteRule: 'restrict' })
  takenOverBy: Ref<Staff> | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  takenOverAt: Date | null = null;
}

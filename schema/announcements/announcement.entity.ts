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
import { newId } from '../common/ids';
import { Building } from '../estate/buildings/building.entity';
import { Site } from '../estate/sites/site.entity';
import { Unit } from '../estate/units/unit.entity';
import { Incident } from '../incidents/incident.entity';
import { Staff } from '../staff/staff.entity';
import { AnnouncementUnit } from './announcement-unit.entity';
import { AnnouncementKind, AnnouncementStatus } from './announcement.enums';

/**
 * A notice to residents (公共信息公布): to a whole site (`wholeSite`), to buildings, to units, or
 * — for an incident with no scope given — to the incident's affected units. The scope is kept as
 * written; the units it reaches are fixed when it is published (`announcement_unit`), so the feed
 * of a unit is one indexed lookup and a later change of the estate does not re-address a notice
 * already posted. `site` is always set (the scope's site) and scopes it to staff of that site.
 * Drafts (an incident's, written by the platform) have no recipients until a person publishes.
 */
@ObjectType()
@Entity({ tableName: 'announcement' })
@Index({ properties: ['site', 'status', 'publishAt'] })
export class Announcement {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  @Field()
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field()
  @Property({ type: 'text' })
  body!: string;

  @Field(() => AnnouncementKind)
  @Enum({ items: () => AnnouncementKind, nativeEnumName: 'announcement_kind' })
  kind!: AnnouncementKind;

  /** DRAFT or PUBLISHED; the GraphQL `status` also says EXPIRED (announcement.enums.ts) */
  @Enum({ items: () => AnnouncementStatus, nativeEnumName: 'announcement_status' })
  status: AnnouncementStatus & Opt = AnnouncementStatus.DRAFT;

  @ManyToOne(() => Site, { ref: true, deleteRule: 'restrict' })
  site!: Ref<Site>;

  /** addressed to every unit of `site` */
  @Property({ type: 'boolean' })
  wholeSite: boolean & Opt = false;

  @ManyToMany(() => Building, undefined, {
    pivotTable: 'announcement_building',
    joinColumn: 'announcement_id',
    inverseJoinColumn: 'building_id',
  })
  buildings = new Collection<Building>(this);

  /** units named in the scope (not the recipients: see `recipients`) */
  @ManyToMany(() => Unit, undefined, {
    pivotTable: 'announcement_scope_unit',
    joinColumn: 'announcement_id',
    inverseJoinColumn: 'unit_id',
  })
  units = new Collection<Unit>(this);

  /** the units it reaches, fixed when it is published */
  @ManyToMany({ entity: () => Unit, pivotEntity: () => AnnouncementUnit })
  recipients = new Collection<Unit>(this);

  @ManyToOne(() => Incident, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  incident: Ref<Incident> | null = null;

  /** when it is shown from; for a draft, the time it is meant for */
  @Field(() => Date)
  @Property({ type: 'datetime' })
  publishAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  /** null: the platform (an incident's draft) */
  @ManyToOne(() => Staff, { ref: true, nullable: true, deleteRule: 'restrict' })
  createdBy: Ref<Staff> | null = null;

  @ManyToOne(() => Staff, { ref: true, nullable: true, deleteRule: 'restrict' })
  publishedBy: Ref<Staff> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

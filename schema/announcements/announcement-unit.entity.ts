import { Entity, Index, ManyToOne, type Ref } from '@mikro-orm/core';
import { Unit } from '../estate/units/unit.entity';
import { Announcement } from './announcement.entity';

/**
 * A unit an announcement reaches (`Announcement.recipients`). Its own entity only for the
 * index on the unit: a unit's feed looks its notices up by unit, the primary key starts with
 * the announcement.
 */
@Entity({ tableName: 'announcement_unit' })
@Index({ properties: ['unit'] })
export class AnnouncementUnit {
  @ManyToOne(() => Announcement, { primary: true, ref: true, deleteRule: 'cascade' })
  announcement!: Ref<Announcement>;

  @ManyToOne(() => Unit, { primary: true, ref: true, deleteRule: 'cascade' })
  unit!: Ref<Unit>;
}

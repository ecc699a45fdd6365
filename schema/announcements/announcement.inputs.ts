import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { Announcement } from './announcement.entity';
import { AnnouncementKind } from './announcement.enums';

/**
 * incidents contract `PublishAnnouncement`. At least one of siteId, buildingIds, unitIds or
 * incidentId; with incidentId and no scope it goes to the incident's affected units.
 */
@InputType()
export class PublishAnnouncementInput {
  @Field()
  @Length(1, 200) // the column's length (announcement.entity.ts)
  title!: string;

  @Field()
  // an incident's draft holds its plan's template in both languages (2 × 4000, emergency-plan.inputs.ts) and a note
  @MaxLength(10_000)
  body!: string;

  @Field(() => AnnouncementKind)
  kind!: AnnouncementKind;

  @Field(() => ID, { nullable: true })
  siteId?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  buildingIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  unitIds?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description: "The incident it is about; the incident's draft, if it has one, is the one published.",
  })
  incidentId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Default: now.' })
  publishAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      "Must be after publishAt; null: until withdrawn; omitted: an incident draft's own expiry (a planned stop's end), else until withdrawn.",
  })
  expiresAt?: Date | null;
}

@InputType()
export class AnnouncementFilter {
  @Field(() => ID, { nullable: true, description: 'Announcements that reach this unit.' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Announcements that reach a unit of this building.' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true })
  siteId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Published and not expired now (true), or the others (false).' })
  current?: boolean | null;

  @Field(() => ID, { nullable: true })
  incidentId?: string | null;
}

@ObjectType()
export class AnnouncementConnection extends Connection(Announcement) {}

@ObjectType({ description: 'The units an announcement reaches (fixed when it is published).' })
export class AnnouncementRecipients {
  @Field(() => Int)
  totalCount!: number;
}

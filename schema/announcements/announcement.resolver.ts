import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { RequestContext } from '../context';
import { Incident } from '../incidents/incident.entity';
import { Role } from '../staff/role.enum';
import { announcementsOfIncidents, recipientCounts } from './announcement-batches';
import { Announcement } from './announcement.entity';
import { AnnouncementStatus } from './announcement.enums';
import {
  AnnouncementConnection,
  AnnouncementFilter,
  AnnouncementRecipients,
  PublishAnnouncementInput,
} from './announcement.inputs';
import { AnnouncementService } from './announcement.service';

/** Who publishes notices to residents. */
export const ANNOUNCEMENT_PUBLISHERS = [Role.MANAGER, Role.SUPERVISOR, Role.HOTLINE_MANAGER, Role.RELATIONS_OFFICER];

@Resolver(() => Announcement)
export class AnnouncementResolver {
  constructor(private readonly service: AnnouncementService) {}

  /** incidents contract `PublishAnnouncement`. */
  @Authorized(ANNOUNCEMENT_PUBLISHERS)
  @Mutation(() => Announcement)
  publishAnnouncement(
    @Arg('input') input: PublishAnnouncementInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Announcement> {
    return this.service.publish(ctx.em, ctx.caller!, input);
  }

  @Authorized()
  @Query(() => Announcement)
  announcement(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Announcement> {
    return this.service.get(ctx.em, id);
  }

  /** incidents contract `AnnouncementsForUnit`. */
  @Authorized()
  @Query(() => AnnouncementConnection, { description: 'Announcements, latest publishAt first.' })
  announcements(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => AnnouncementFilter, { nullable: true }) filter?: AnnouncementFilter | null,
  ): Promise<AnnouncementConnection> {
    return this.service.list(ctx.em, filter ?? {}, page);
  }

  @FieldResolver(() => AnnouncementStatus, { description: 'EXPIRED: published and past expiresAt.' })
  status(@Root() announcement: Announcement): AnnouncementStatus {
    return this.service.statusOf(announcement);
  }

  @FieldResolver(() => Incident, { nullable: true })
  incident(@Root() announcement: Announcement, @Ctx() ctx: RequestContext): Incident | null | Promise<Incident | null> {
    return ctx.loaders.loadOptional(Incident, announcement.incident);
  }

  @FieldResolver(() => AnnouncementRecipients, { description: 'None while it is a draft.' })
  async recipients(@Root() announcement: Announcement, @Ctx() ctx: RequestContext): Promise<AnnouncementRecipients> {
    const totalCount = await ctx.loaders.batched('Announcement.recipients', recipientCounts).load(announcement.id);
    return { totalCount };
  }
}

/** `Incident.announcements` (the incidents resolver does not define it). */
@Resolver(() => Incident)
export class IncidentAnnouncementsResolver {
  @FieldResolver(() => [Announcement], { description: "The incident's announcements, drafts included." })
  announcements(@Root() incident: Incident, @Ctx() ctx: RequestContext): Promise<Announcement[]> {
    return ctx.loaders.batched('Incident.announcements', announcementsOfIncidents).load(incident.id);
  }
}

import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CalendarDate } from '../common/calendar-date';
import type { RequestContext } from '../context';
import { ARCHIVE_KEEPERS, ARCHIVE_READERS } from './archive-roles';
import { occupanciesOf } from './occupancy-loaders';
import { Occupancy } from './occupancy.entity';
import { phoneFor } from './phone';
import { Resident } from './resident.entity';
import { RegisterResidentInput, ResidentConnection, ResidentSearchArgs, UpdateResidentInput } from './resident.inputs';
import { ResidentService } from './resident.service';

@Resolver(() => Resident)
export class ResidentResolver {
  constructor(private readonly archive: ResidentService) {}

  /** service-desk contract `Residents`: search by part of a name, 4+ digits of a phone, or a unit code. */
  @Authorized(ARCHIVE_READERS)
  @Query(() => ResidentConnection)
  residents(@Args() args: ResidentSearchArgs, @Ctx() ctx: RequestContext): Promise<ResidentConnection> {
    return this.archive.search(ctx.em, args.search, args, ctx.caller!.siteIds);
  }

  @Authorized(ARCHIVE_READERS)
  @Query(() => Resident)
  resident(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Resident> {
    return this.archive.get(ctx.em, id);
  }

  /** service-desk contract `RegisterResident` (ARCHIVE_KEEPERS). */
  @Authorized(ARCHIVE_KEEPERS)
  @Mutation(() => Resident)
  registerResident(@Arg('input') input: RegisterResidentInput, @Ctx() ctx: RequestContext): Promise<Resident> {
    return this.archive.register(ctx.em, ctx.caller!, input);
  }

  /** service-desk contract `MoveOut` (ARCHIVE_KEEPERS): ends the current occupancy; the history stays. */
  @Authorized(ARCHIVE_KEEPERS)
  @Mutation(() => Resident)
  moveOut(
    @Arg('residentId', () => ID) residentId: string,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('on', () => CalendarDate) on: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<Resident> {
    return this.archive.moveOut(ctx.em, ctx.caller!, residentId, unitId, on);
  }

  @Authorized(ARCHIVE_KEEPERS)
  @Mutation(() => Resident)
  updateResident(@Arg('input') input: UpdateResidentInput, @Ctx() ctx: RequestContext): Promise<Resident> {
    return this.archive.update(ctx.em, ctx.caller!, input);
  }

  /** Digits only; in full for PHONE_READERS, masked (138****5678) for other roles (phone.ts). */
  @FieldResolver(() => String)
  phone(@Root() resident: Resident, @Ctx() ctx: RequestContext): string {
    return phoneFor(ctx.caller?.role, resident.phone);
  }

  /** Every occupancy, current and ended, newest first (batched for a page of residents). */
  @FieldResolver(() => [Occupancy])
  occupancies(@Root() resident: Resident, @Ctx() ctx: RequestContext): Promise<Occupancy[]> {
    return occupanciesOf(ctx.loaders).load(resident.id);
  }
}

import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection, PageArgs } from '../../common/connection';
import type { RequestContext } from '../../context';
import { Role } from '../../staff/role.enum';
import { Staff } from '../../staff/staff.entity';
import { Shift } from './shift.entity';
import { ShiftService } from './shift.service';

/** Who works shifts at the desk: they close them and take them over. */
export const SHIFT_WORKERS = [Role.HOTLINE_OPERATOR, Role.HOTLINE_MANAGER, Role.SUPERVISOR];
/** Who reads the handover log (a manager reads it but works no shift). */
export const SHIFT_LOG_READERS = [...SHIFT_WORKERS, Role.MANAGER];

@ObjectType()
export class ShiftConnection extends Connection(Shift) {}

@Resolver(() => Shift)
export class ShiftResolver {
  constructor(private readonly service: ShiftService) {}

  /** incidents contract `CloseShift`: the open items are read from live state in the closing's transaction. */
  @Authorized(SHIFT_WORKERS)
  @Mutation(() => Shift)
  closeShift(
    @Arg('notes', () => String, { nullable: true }) notes: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Shift> {
    return this.service.close(ctx.em, ctx.caller!, notes);
  }

  /** incidents contract `TakeOverShift`: once, by another member of staff of the shift's site. */
  @Authorized(SHIFT_WORKERS)
  @Mutation(() => Shift)
  takeOverShift(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'CONFLICT when the shift has another version.' })
    expectedVersion: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Shift> {
    return this.service.takeOver(ctx.em, ctx.caller!, id, expectedVersion);
  }

  @Authorized(SHIFT_LOG_READERS)
  @Query(() => ShiftConnection, {
    description: 'The handover log, newest first: every shift of the caller’s sites; an operator’s own.',
  })
  shifts(@Ctx() ctx: RequestContext, @Args() page: PageArgs): Promise<ShiftConnection> {
    return this.service.log(ctx.em, ctx.caller!, page);
  }

  @Authorized(SHIFT_LOG_READERS)
  @Query(() => Shift, {
    nullable: true,
    description:
      'The shift waiting to be taken over: the latest closed by someone else on the caller’s sites, if nobody took it over.',
  })
  currentShift(@Ctx() ctx: RequestContext): Promise<Shift | null> {
    return this.service.pending(ctx.em, ctx.caller!);
  }

  @FieldResolver(() => Staff)
  closedBy(@Root() shift: Shift, @Ctx() ctx: RequestContext): Staff | Promise<Staff> {
    return ctx.loaders.load(Staff, shift.closedBy);
  }

  @FieldResolver(() => Staff, { nullable: true })
  takenOverBy(@Root() shift: Shift, @Ctx() ctx: RequestContext): Staff | null | Promise<Staff | null> {
    return ctx.loaders.loadOptional(Staff, shift.takenOverBy);
  }
}

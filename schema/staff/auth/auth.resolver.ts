import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { AuditLog } from '../../audit/audit-log.service';
import { AppError } from '../../common/app-error';
import type { RequestContext } from '../../context';
import type { SessionService } from '../sessions/session.service';
import { Staff } from '../staff.entity';
import { AuthService } from './auth.service';

@ObjectType()
export class LoginResult {
  @Field()
  token!: string;

  @Field(() => Staff)
  staff!: Staff;
}

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
  ) {}

  /** test/contract-operations.graphql `Login`: the only operation that needs no token. */
  @Mutation(() => LoginResult)
  login(
    @Arg('username') username: string,
    @Arg('password') password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<LoginResult> {
    return this.auth.login(ctx.em, username, password, ctx.clientAddress ?? null);
  }

  /** core.graphql `Logout`: revokes the token the request carries; its WebSockets are closed. */
  @Authorized()
  @Mutation(() => Boolean, { description: 'Revokes the token of this request; its WebSockets are closed.' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    const caller = ctx.caller!;
    // the revocation and its audit row in one transaction
    await ctx.em.transactional(async (tx) => {
      await this.sessions.revoke(tx, caller);
      this.audit.record(tx, caller, {
        action: 'staff.logout',
        entityType: 'StaffSession',
        entityId: caller.sessionId,
        before: { id: caller.sessionId, revoked: false },
        after: { id: caller.sessionId, revoked: true },
      });
    });
    return true;
  }

  @Authorized()
  @Query(() => Staff, { description: 'The signed-in member of staff, with the sites it may see.' })
  async me(@Ctx() ctx: RequestContext): Promise<Staff> {
    const staff = await ctx.em.findOne(Staff, { id: ctx.caller!.staffId });
    if (!staff) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
    return staff;
  }
}

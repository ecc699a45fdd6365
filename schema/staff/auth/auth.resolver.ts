import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { AppError } from '../../common/app-error';
import type { RequestContext } from '../../context';
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
  constructor(private readonly auth: AuthService) {}

  /** test/contract-operations.graphql `Login`: the only operation that needs no token. */
  @Mutation(() => LoginResult)
  login(
    @Arg('username') username: string,
    @Arg('password') password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<LoginResult> {
    return this.auth.login(ctx.em, username, password);
  }

  @Authorized()
  @Query(() => Staff, { description: 'The signed-in member of staff.' })
  async me(@Ctx() ctx: RequestContext): Promise<Staff> {
    const staff = await ctx.em.findOne(Staff, { id: ctx.caller!.staffId });
    if (!staff) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
    return staff;
  }
}

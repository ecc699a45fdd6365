import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Role } from '../../staff/role.enum';
import { SlaPolicy } from './sla-policy.entity';
import { SlaPolicyInput } from './sla.inputs';
import { SlaService } from './sla.service';

/** Who sets the centre's service levels. */
export const SLA_EDITORS = [Role.MANAGER, Role.SUPERVISOR];

@Resolver(() => SlaPolicy)
export class SlaPolicyResolver {
  constructor(private readonly sla: SlaService) {}

  /** Every SLA policy (they belong to no site: the same for everyone signed in). */
  @Authorized()
  @Query(() => [SlaPolicy], { description: 'The SLA policies, by category then priority.' })
  slaPolicies(@Ctx() ctx: RequestContext): Promise<SlaPolicy[]> {
    return this.sla.list(ctx.em);
  }

  /** service-desk contract `SetSlaPolicy` (MANAGER, SUPERVISOR): applies to work orders opened afterwards. */
  @Authorized(SLA_EDITORS)
  @Mutation(() => SlaPolicy)
  setSlaPolicy(@Arg('input') input: SlaPolicyInput, @Ctx() ctx: RequestContext): Promise<SlaPolicy> {
    return this.sla.set(ctx.em, ctx.caller!, input);
  }
}

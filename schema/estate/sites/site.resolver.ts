import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Role } from '../../staff/role.enum';
import { EstateService } from '../estate.service';
import { CreateSiteInput } from '../estate.inputs';
import { Site } from './site.entity';

@Resolver(() => Site)
export class SiteResolver {
  constructor(private readonly estate: EstateService) {}

  /** core.graphql `CreateSite` (MANAGER). */
  @Authorized([Role.MANAGER])
  @Mutation(() => Site)
  createSite(@Arg('input') input: CreateSiteInput, @Ctx() ctx: RequestContext): Promise<Site> {
    return this.estate.createSite(ctx.em, ctx.caller!, input);
  }
}

import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Role } from '../../staff/role.enum';
import { EstateService } from '../estate.service';
import { CreateBuildingInput } from '../estate.inputs';
import { Site } from '../sites/site.entity';
import { Building } from './building.entity';

@Resolver(() => Building)
export class BuildingResolver {
  constructor(private readonly estate: EstateService) {}

  @Authorized()
  @Query(() => [Building], { description: 'The buildings of the sites the caller may see, by site and code.' })
  buildings(@Ctx() ctx: RequestContext): Promise<Building[]> {
    return ctx.em.find(Building, {}, { orderBy: { site: { code: 'asc' }, code: 'asc' }, populate: ['site'] });
  }

  /** core.graphql `CreateBuilding` (MANAGER, SUPERVISOR of that site: another site is NOT_FOUND). */
  @Authorized([Role.MANAGER, Role.SUPERVISOR])
  @Mutation(() => Building)
  createBuilding(@Arg('input') input: CreateBuildingInput, @Ctx() ctx: RequestContext): Promise<Building> {
    return this.estate.createBuilding(ctx.em, ctx.caller!, input);
  }

  @FieldResolver(() => Site)
  site(@Root() building: Building, @Ctx() ctx: RequestContext): Site | Promise<Site> {
    return ctx.loaders.load(Site, building.site);
  }
}

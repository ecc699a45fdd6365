import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Site } from '../sites/site.entity';
import { Building } from './building.entity';

@Resolver(() => Building)
export class BuildingResolver {
  @Authorized()
  @Query(() => [Building], { description: 'Every building of every site, by site and code.' })
  buildings(@Ctx() ctx: RequestContext): Promise<Building[]> {
    return ctx.em.find(Building, {}, { orderBy: { site: { code: 'asc' }, code: 'asc' }, populate: ['site'] });
  }

  @FieldResolver(() => Site)
  site(@Root() building: Building, @Ctx() ctx: RequestContext): Site | Promise<Site> {
    return ctx.loaders.load(Site, building.site);
  }
}

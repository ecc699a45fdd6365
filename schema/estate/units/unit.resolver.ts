import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import type { RequestContext } from '../../context';
import { ARCHIVE_KEEPERS, ARCHIVE_READERS } from '../../residents/archive-roles';
import { currentOccupantsOf } from '../../residents/occupancy-loaders';
import { Resident } from '../../residents/resident.entity';
import { Building } from '../buildings/building.entity';
import { Unit } from './unit.entity';
import { CreateUnitInput, UnitConnection } from './unit.inputs';
import { UnitService } from './unit.service';

@Resolver(() => Unit)
export class UnitResolver {
  constructor(private readonly unitService: UnitService) {}

  /** service-desk contract `Units`: a building's units by floor and code (its residents: ARCHIVE_READERS). */
  @Authorized()
  @Query(() => UnitConnection)
  units(
    @Arg('buildingId', () => ID) buildingId: string,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<UnitConnection> {
    return this.unitService.list(ctx.em, buildingId, page);
  }

  @Authorized()
  @Query(() => Unit)
  unit(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Unit> {
    return this.unitService.get(ctx.em, id);
  }

  /** service-desk contract `CreateUnit` (ARCHIVE_KEEPERS; a building of another site is NOT_FOUND). */
  @Authorized(ARCHIVE_KEEPERS)
  @Mutation(() => Unit)
  createUnit(@Arg('input') input: CreateUnitInput, @Ctx() ctx: RequestContext): Promise<Unit> {
    return this.unitService.create(ctx.em, ctx.caller!, input);
  }

  @FieldResolver(() => Building)
  building(@Root() unit: Unit, @Ctx() ctx: RequestContext): Building | Promise<Building> {
    return ctx.loaders.load(Building, unit.building);
  }

  /** The residents living there now (current occupancies), by name; batched for a page of units. */
  @Authorized(ARCHIVE_READERS)
  @FieldResolver(() => [Resident])
  residents(@Root() unit: Unit, @Ctx() ctx: RequestContext): Promise<Resident[]> {
    return currentOccupantsOf(ctx.loaders).load(unit.id);
  }
}

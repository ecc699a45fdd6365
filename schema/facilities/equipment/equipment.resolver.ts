import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Building } from '../../estate/buildings/building.entity';
import { LEDGER_EDITORS } from '../../staff/role.enum';
import { Equipment } from './equipment.entity';
import { CreateEquipmentInput } from './equipment.inputs';
import { EquipmentService } from './equipment.service';

@Resolver(() => Equipment)
export class EquipmentResolver {
  constructor(private readonly equipment: EquipmentService) {}

  @Authorized()
  @Query(() => Equipment)
  equipmentItem(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Equipment> {
    return this.equipment.get(ctx.em, id);
  }

  @Authorized()
  @Query(() => [Equipment], { description: 'The equipment ledger, optionally of one building.' })
  equipmentList(
    @Ctx() ctx: RequestContext,
    @Arg('buildingId', () => ID, { nullable: true }) buildingId?: string,
  ): Promise<Equipment[]> {
    return ctx.em.find(Equipment, buildingId ? { building: buildingId } : {}, {
      orderBy: { code: 'asc' },
      limit: 1000,
    });
  }

  @Authorized(LEDGER_EDITORS)
  @Mutation(() => Equipment)
  createEquipment(@Arg('input') input: CreateEquipmentInput, @Ctx() ctx: RequestContext): Promise<Equipment> {
    return this.equipment.create(ctx.em, ctx.caller!, input);
  }

  @FieldResolver(() => Building)
  building(@Root() equipment: Equipment, @Ctx() ctx: RequestContext): Building | Promise<Building> {
    return ctx.loaders.load(Building, equipment.building);
  }
}

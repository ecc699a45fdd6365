import { Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { startOf } from '../../common/connection';
import type { RequestContext } from '../../context';
import { UnitConnection } from '../../estate/units/unit.inputs';
import { MemberPageArgs } from '../../incidents/incident-members';
import { LEDGER_EDITORS } from '../../staff/role.enum';
import { Equipment } from './equipment.entity';
import { SetEquipmentServesArgs } from './equipment.inputs';
import { EquipmentServesService } from './equipment-serves.service';
import { servedUnitsOfEquipment } from './served-units.batch';

@Resolver(() => Equipment)
export class EquipmentServesResolver {
  constructor(private readonly serves: EquipmentServesService) {}

  /** incidents contract `SetEquipmentServes`: the ledger's editors (MANAGER, SUPERVISOR, AFFAIRS_OFFICER). */
  @Authorized(LEDGER_EDITORS)
  @Mutation(() => Equipment)
  setEquipmentServes(@Args() args: SetEquipmentServesArgs, @Ctx() ctx: RequestContext): Promise<Equipment> {
    return this.serves.set(ctx.em, ctx.caller!, args.equipmentId, args.unitIds);
  }

  @FieldResolver(() => UnitConnection, {
    description: 'The units it supplies; none set: every unit of its building.',
  })
  servedUnits(
    @Root() equipment: Equipment,
    @Args() page: MemberPageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<UnitConnection> {
    const start = startOf(page);
    return ctx.loaders
      .batched(`Equipment.servedUnits:${page.first}:${start}`, servedUnitsOfEquipment(page.first, start))
      .load(equipment.id);
  }
}

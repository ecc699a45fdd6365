import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { Unit } from '../estate/units/unit.entity';
import { Occupancy } from './occupancy.entity';
import { Resident } from './resident.entity';

@Resolver(() => Occupancy)
export class OccupancyResolver {
  @FieldResolver(() => Unit)
  unit(@Root() occupancy: Occupancy, @Ctx() ctx: RequestContext): Unit | Promise<Unit> {
    return ctx.loaders.load(Unit, occupancy.unit);
  }

  @FieldResolver(() => Resident)
  resident(@Root() occupancy: Occupancy, @Ctx() ctx: RequestContext): Resident | Promise<Resident> {
    return ctx.loaders.load(Resident, occupancy.resident);
  }
}

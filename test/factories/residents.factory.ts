import type { MikroORM } from '@mikro-orm/postgresql';
import { Building } from '../../schema/estate/buildings/building.entity';
import { Unit } from '../../schema/estate/units/unit.entity';
import { Occupancy } from '../../schema/residents/occupancy.entity';
import { ResidentRelation } from '../../schema/residents/resident-relation.enum';
import { Resident } from '../../schema/residents/resident.entity';

let sequence = 0;

/** A unique mobile number (digits only, as the archive stores it); 199 is a prefix the demo residents never use. */
export function newPhone(): string {
  return `199${String(process.pid % 10_000).padStart(4, '0')}${String(++sequence).padStart(4, '0')}`;
}

/**
 * Units and residents written straight through the ORM (the archive's own API is tested with
 * it, not here): what the hotline tests need to match a caller and place a request.
 */
export async function buildUnit(orm: MikroORM, buildingId: string, code = `U-${++sequence}`): Promise<Unit> {
  const em = orm.em.fork();
  const unit = em.create(Unit, { building: em.getReference(Building, buildingId), code, floor: 1 });
  await em.flush();
  return unit;
}

/** A resident with `phone`, living (current occupancy) in each of `unitIds`. */
export async function buildResident(
  orm: MikroORM,
  options: { phone?: string; name?: string; unitIds: string[] },
): Promise<Resident> {
  const em = orm.em.fork();
  const resident = em.create(Resident, {
    name: options.name ?? `居民 Resident ${++sequence}`,
    phone: options.phone ?? newPhone(),
  });
  for (const unitId of options.unitIds) {
    em.create(Occupancy, {
      resident,
      unit: em.getReference(Unit, unitId),
      relation: ResidentRelation.OWNER,
      since: '2024-01-01',
    });
  }
  await em.flush();
  return resident;
}

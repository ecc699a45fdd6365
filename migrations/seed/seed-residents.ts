import type { EntityManager } from '@mikro-orm/postgresql';
import { Building } from '../../schema/estate/buildings/building.entity';
import { Unit } from '../../schema/estate/units/unit.entity';
import { Occupancy } from '../../schema/residents/occupancy.entity';
import { Resident } from '../../schema/residents/resident.entity';
import { DEMO_SITE } from './demo-estate';
import { DEMO_RESIDENTS, DEMO_UNITS } from './demo-residents';

/** What the demo archive holds, for seeding calls and requests on top of it. */
export interface DemoArchive {
  /** by building code, then unit code */
  units: Map<string, Map<string, Unit>>;
  residents: Resident[];
}

/**
 * The demo estate's units and residents (demo-residents.ts), once: only when the demo site's
 * buildings have no unit yet (DEMO on; gateway/database.ts). Returns what it made, or null when
 * there was nothing to do (no demo site, or units already there).
 */
export async function seedDemoResidents(em: EntityManager): Promise<DemoArchive | null> {
  const buildings = await em.find(Building, { site: { code: DEMO_SITE.code } });
  if (buildings.length === 0) return null;
  if ((await em.count(Unit, { building: { $in: buildings } })) > 0) return null;
  const byCode = new Map(buildings.map((b) => [b.code, b]));
  const units = new Map<string, Map<string, Unit>>();
  for (const item of DEMO_UNITS) {
    const building = byCode.get(item.building);
    if (!building) continue;
    const unit = em.create(Unit, {
      building,
      code: item.code,
      floor: item.floor,
      areaM2: item.areaM2,
      use: item.use,
    });
    if (!units.has(item.building)) units.set(item.building, new Map());
    units.get(item.building)!.set(item.code, unit);
  }
  const residents: Resident[] = [];
  for (const person of DEMO_RESIDENTS) {
    const occupancies = person.occupancies.filter((o) => units.get(o.building)?.has(o.unit));
    if (occupancies.length === 0) continue;
    const resident = em.create(Resident, {
      name: person.name,
      phone: person.phone,
      preferredContactTime: person.preferredContactTime,
      notes: person.notes,
      tags: person.tags,
    });
    for (const o of occupancies) {
      em.create(Occupancy, {
        resident,
        unit: units.get(o.building)!.get(o.unit)!,
        relation: o.relation,
        since: o.since,
        until: o.until,
      });
    }
    residents.push(resident);
  }
  await em.flush();
  return { units, residents };
}

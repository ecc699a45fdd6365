import type DataLoader from 'dataloader';
import type { EntityLoaders } from '../loaders';
import { Occupancy } from './occupancy.entity';
import type { Resident } from './resident.entity';

/**
 * The relations between units and residents, batched per request (no N+1): one statement for
 * every unit (or resident) of a page. They read through the request's EntityManager, so a
 * scoped caller sees only the occupancies of their sites' units.
 */

/** The residents living in a unit now, by name. */
export function currentOccupantsOf(loaders: EntityLoaders): DataLoader<string, Resident[]> {
  return loaders.batched('unit.currentOccupants', async (em, unitIds) => {
    const occupancies = await em.find(
      Occupancy,
      { unit: { $in: [...unitIds] }, until: null },
      { populate: ['resident'], orderBy: { resident: { name: 'asc' }, id: 'asc' } },
    );
    const byUnit = groupBy(occupancies, (o) => o.unit.id);
    return unitIds.map((id) => (byUnit.get(id) ?? []).map((o) => o.resident.getEntity()));
  });
}

/** Every occupancy of a resident, current and ended, newest first. */
export function occupanciesOf(loaders: EntityLoaders): DataLoader<string, Occupancy[]> {
  return loaders.batched('resident.occupancies', async (em, residentIds) => {
    const occupancies = await em.find(
      Occupancy,
      { resident: { $in: [...residentIds] } },
      { orderBy: { since: 'desc', createdAt: 'desc', id: 'desc' } },
    );
    const byResident = groupBy(occupancies, (o) => o.resident.id);
    return residentIds.map((id) => byResident.get(id) ?? []);
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

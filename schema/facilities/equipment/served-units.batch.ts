import type { EntityManager } from '@mikro-orm/postgresql';
import { pageOf, type Page } from '../../common/connection';
import { Unit } from '../../estate/units/unit.entity';

/**
 * `Equipment.servedUnits` for a page of equipment at once (through `ctx.loaders.batched`, one
 * loader per page size and start): two statements for any number of equipment — the served unit
 * ids of every one with their position and total (its set, or every unit of its building when
 * none is set, as `servedUnitsSql`), then the page's units through the request's EntityManager,
 * scoped to the caller's sites. Each equipment's first row is always returned, so a page past
 * the end still knows the total.
 */
export function servedUnitsOfEquipment(first: number, start: number) {
  return async (em: EntityManager, equipmentIds: readonly string[]): Promise<Array<Page<Unit>>> => {
    const ids = `{${equipmentIds.join(',')}}`;
    const rows = await em
      .getConnection()
      .execute<Array<{ equipment_id: string; unit_id: string; total: number; pos: number }>>(
        `select equipment_id, unit_id, total, pos from (
         select s.equipment_id, s.unit_id,
                count(*) over (partition by s.equipment_id)::int as total,
                row_number() over (partition by s.equipment_id order by b.code, u.code, u.id)::int as pos
           from (select eu.equipment_id, eu.unit_id from equipment_unit eu where eu.equipment_id = any(?::uuid[])
                 union all
                 select e.id, u.id from equipment e join unit u on u.building_id = e.building_id
                  where e.id = any(?::uuid[])
                    and not exists (select 1 from equipment_unit x where x.equipment_id = e.id)) s
           join unit u on u.id = s.unit_id join building b on b.id = u.building_id
       ) ranked
       where pos = 1 or (pos > ? and pos <= ?)`,
        [ids, ids, start, start + first],
      );
    const inPage = rows.filter((r) => r.pos > start && r.pos <= start + first);
    const units = inPage.length ? await em.find(Unit, { id: { $in: [...new Set(inPage.map((r) => r.unit_id))] } }) : [];
    const byId = new Map(units.map((u) => [u.id, u]));
    return equipmentIds.map((equipmentId) => {
      const own = rows.filter((r) => r.equipment_id === equipmentId);
      const nodes = own
        .filter((r) => r.pos > start && r.pos <= start + first)
        .sort((a, b) => a.pos - b.pos)
        .map((r) => byId.get(r.unit_id))
        .filter((u): u is Unit => u !== undefined);
      return pageOf(nodes, start, own[0]?.total ?? 0);
    });
  };
}

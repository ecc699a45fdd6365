import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.service';
import { AppError } from '../../common/app-error';
import type { Caller } from '../../context';
import { Unit } from '../../estate/units/unit.entity';
import { Equipment } from './equipment.entity';

/**
 * The units an equipment supplies (incidents contract `SetEquipmentServes`): an incident its
 * fault opens affects them. None set: every unit of its building (`servedUnitsSql`).
 */
export class EquipmentServesService {
  constructor(private readonly audit: AuditLog) {}

  /**
   * Replaces the set (an empty list goes back to "its building"). Every unit must be of the
   * equipment's site — a unit of another site, or one the caller may not see, is BAD_USER_INPUT.
   */
  set(em: EntityManager, caller: Caller, equipmentId: string, unitIds: string[]): Promise<Equipment> {
    return em.transactional(async (tx) => {
      // scoped count first (another site's equipment is NOT_FOUND); then the row lock, before the
      // set is read: the ORM writes only the difference from the set it loaded, so two sets racing
      // from the same old set would otherwise merge (A {u1}, B {u2} → {u1, u2})
      if ((await tx.count(Equipment, { id: equipmentId })) === 0) throw AppError.notFound('Equipment', equipmentId);
      const equipment = await tx.findOneOrFail(
        Equipment,
        { id: equipmentId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, filters: false },
      );
      await tx.populate(equipment, ['building', 'servedUnits'], { refresh: true, filters: false });
      const ids = [...new Set(unitIds)];
      const units = ids.length
        ? await tx.find(Unit, { id: { $in: ids }, building: { site: equipment.building.getEntity().site } })
        : [];
      const stray = ids.filter((id) => !units.some((u) => u.id === id));
      if (stray.length) {
        throw AppError.badInput(`units must be of the equipment's site: ${stray.join(', ')}`, { unitIds: stray });
      }
      const before = { id: equipment.id, servedUnits: equipment.servedUnits.getIdentifiers<string>().sort() };
      equipment.servedUnits.set(units);
      // what it serves is part of the equipment: its version moves (a stale copy is CONFLICT elsewhere)
      await tx.flush();
      await tx.execute('update equipment set version = version + 1 where id = ?', [equipment.id]);
      await tx.refresh(equipment);
      this.audit.record(tx, caller, {
        action: 'equipment.setServes',
        entityType: 'Equipment',
        entityId: equipment.id,
        before,
        after: { id: equipment.id, servedUnits: ids.sort() },
      });
      return equipment;
    });
  }
}

/**
 * `select unit_id` of the units an equipment serves; `param` is its id, bound three times
 * (the set, whether there is one, and its building).
 */
export function servedUnitsSql(param: string): string {
  return `select eu.unit_id from equipment_unit eu where eu.equipment_id = ${param}
          union all
          select u.id from unit u join equipment e on e.building_id = u.building_id
           where e.id = ${param} and not exists (select 1 from equipment_unit x where x.equipment_id = ${param})`;
}

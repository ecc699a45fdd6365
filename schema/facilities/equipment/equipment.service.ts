import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AuditLog } from '../../audit/audit-log.service';
import { auditSnapshot } from '../../audit/audit-snapshot';
import { AppError } from '../../common/app-error';
import type { Caller } from '../../context';
import { Building } from '../../estate/buildings/building.entity';
import { Equipment } from './equipment.entity';
import { CreateEquipmentInput } from './equipment.inputs';

export class EquipmentService {
  constructor(private readonly audit: AuditLog) {}

  /** The new equipment and its audit row, in one transaction. */
  create(em: EntityManager, caller: Caller, input: CreateEquipmentInput): Promise<Equipment> {
    return em.transactional(async (tx) => {
      const building = await tx.findOne(Building, { id: input.buildingId });
      if (!building) throw AppError.notFound('Building', input.buildingId);
      const equipment = tx.create(Equipment, {
        building,
        code: input.code,
        name: input.name,
        system: input.system,
        kind: input.kind,
        ratedCurrentA: input.ratedCurrentA ?? null,
      });
      try {
        await tx.flush();
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) {
          throw new AppError('CONFLICT', `Equipment code ${input.code} already exists in building ${building.code}`);
        }
        throw error;
      }
      this.audit.record(tx, caller, {
        action: 'equipment.create',
        entityType: 'Equipment',
        entityId: equipment.id,
        before: null,
        after: auditSnapshot(equipment),
      });
      return equipment;
    });
  }

  async get(em: EntityManager, id: string): Promise<Equipment> {
    const equipment = await em.findOne(Equipment, { id });
    if (!equipment) throw AppError.notFound('Equipment', id);
    return equipment;
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError } from '../../common/app-error';
import { Building } from '../../estate/buildings/building.entity';
import { Equipment } from './equipment.entity';
import { CreateEquipmentInput } from './equipment.inputs';

export class EquipmentService {
  async create(em: EntityManager, input: CreateEquipmentInput): Promise<Equipment> {
    const building = await em.findOne(Building, { id: input.buildingId });
    if (!building) throw AppError.notFound('Building', input.buildingId);
    const equipment = em.create(Equipment, {
      building,
      code: input.code,
      name: input.name,
      system: input.system,
      kind: input.kind,
      ratedCurrentA: input.ratedCurrentA ?? null,
    });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new AppError('CONFLICT', `Equipment code ${input.code} already exists in building ${building.code}`);
      }
      throw error;
    }
    return equipment;
  }

  async get(em: EntityManager, id: string): Promise<Equipment> {
    const equipment = await em.findOne(Equipment, { id });
    if (!equipment) throw AppError.notFound('Equipment', id);
    return equipment;
  }
}

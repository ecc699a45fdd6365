import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.service';
import { auditSnapshot } from '../../audit/audit-snapshot';
import { AppError } from '../../common/app-error';
import { findPage, type Page, type PageRequest } from '../../common/connection';
import type { Caller } from '../../context';
import { Building } from '../buildings/building.entity';
import { UnitUse } from './unit-use.enum';
import { Unit } from './unit.entity';
import type { CreateUnitInput } from './unit.inputs';

/**
 * The units of the estate's buildings. `em` is the caller's, scoped to their sites: a building
 * or unit of another site is NOT_FOUND.
 */
export class UnitService {
  constructor(private readonly audit: AuditLog) {}

  /** The new unit and its audit row, in one transaction; a code taken in the building is CONFLICT. */
  create(em: EntityManager, caller: Caller, input: CreateUnitInput): Promise<Unit> {
    const code = input.code.trim();
    if (!code) throw AppError.badInput('A unit code must not be blank');
    if (input.areaM2 != null && !(input.areaM2 >= 0)) throw AppError.badInput('areaM2 must not be negative');
    return em.transactional(async (tx) => {
      const building = await tx.findOne(Building, { id: input.buildingId });
      if (!building) throw AppError.notFound('Building', input.buildingId);
      const unit = tx.create(Unit, {
        building,
        code,
        floor: input.floor,
        areaM2: input.areaM2 ?? null,
        use: input.use ?? UnitUse.RESIDENTIAL,
      });
      try {
        await tx.flush();
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) {
          throw AppError.conflict(`Building ${building.code} has a unit with the code ${code}`, { code });
        }
        throw error;
      }
      this.audit.record(tx, caller, {
        action: 'unit.create',
        entityType: 'Unit',
        entityId: unit.id,
        before: null,
        after: auditSnapshot(unit),
      });
      return unit;
    });
  }

  async get(em: EntityManager, id: string): Promise<Unit> {
    const unit = await em.findOne(Unit, { id });
    if (!unit) throw AppError.notFound('Unit', id);
    return unit;
  }

  /** A building's units by floor and code; a building of another site is NOT_FOUND. */
  async list(em: EntityManager, buildingId: string, page: PageRequest): Promise<Page<Unit>> {
    const building = await em.findOne(Building, { id: buildingId }, { fields: ['id'] });
    if (!building) throw AppError.notFound('Building', buildingId);
    return findPage(em, Unit, { building: buildingId }, page, { orderBy: { floor: 'asc', code: 'asc', id: 'asc' } });
  }
}

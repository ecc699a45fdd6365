import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../audit/audit-log.service';
import { auditSnapshot } from '../audit/audit-snapshot';
import { AppError } from '../common/app-error';
import type { Caller } from '../context';
import { Building } from './buildings/building.entity';
import type { CreateBuildingInput, CreateSiteInput } from './estate.inputs';
import { Site } from './sites/site.entity';

/**
 * Sites and buildings. `em` is the caller's, scoped to their sites: another site is NOT_FOUND.
 * The new row and its audit row are written by one flush, in one transaction.
 */
export class EstateService {
  constructor(private readonly audit: AuditLog) {}

  async createSite(em: EntityManager, caller: Caller, input: CreateSiteInput): Promise<Site> {
    const site = em.create(Site, { code: input.code, name: input.name });
    this.recordCreate(em, caller, 'site.create', 'Site', site);
    await flushUnique(em, `A site with the code ${input.code} exists`);
    return site;
  }

  async createBuilding(em: EntityManager, caller: Caller, input: CreateBuildingInput): Promise<Building> {
    const site = await em.findOne(Site, { id: input.siteId });
    if (!site) throw AppError.notFound('Site', input.siteId);
    const building = em.create(Building, { site, code: input.code, name: input.name });
    this.recordCreate(em, caller, 'building.create', 'Building', building);
    await flushUnique(em, `Site ${site.code} has a building with the code ${input.code}`);
    return building;
  }

  private recordCreate(em: EntityManager, caller: Caller, action: string, entityType: string, entity: Site | Building) {
    this.audit.record(em, caller, {
      action,
      entityType,
      entityId: entity.id,
      before: null,
      after: auditSnapshot(entity),
    });
  }
}

async function flushUnique(em: EntityManager, message: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw AppError.conflict(message);
    throw error;
  }
}

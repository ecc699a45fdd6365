import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../common/app-error';
import { Building } from './buildings/building.entity';
import type { CreateBuildingInput, CreateSiteInput } from './estate.inputs';
import { Site } from './sites/site.entity';

/** Sites and buildings. `em` is the caller's, scoped to their sites: another site is NOT_FOUND. */
export class EstateService {
  async createSite(em: EntityManager, input: CreateSiteInput): Promise<Site> {
    const site = em.create(Site, { code: input.code, name: input.name });
    await flushUnique(em, `A site with the code ${input.code} exists`);
    return site;
  }

  async createBuilding(em: EntityManager, input: CreateBuildingInput): Promise<Building> {
    const site = await em.findOne(Site, { id: input.siteId });
    if (!site) throw AppError.notFound('Site', input.siteId);
    const building = em.create(Building, { site, code: input.code, name: input.name });
    await flushUnique(em, `Site ${site.code} has a building with the code ${input.code}`);
    return building;
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

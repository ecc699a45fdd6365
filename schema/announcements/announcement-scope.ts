import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../common/app-error';
import { Building } from '../estate/buildings/building.entity';
import { Site } from '../estate/sites/site.entity';
import { Unit } from '../estate/units/unit.entity';
import { Incident } from '../incidents/incident.entity';

export interface ScopeInput {
  siteId?: string | null;
  buildingIds?: string[] | null;
  unitIds?: string[] | null;
  incidentId?: string | null;
}

export interface Scope {
  site: Site;
  wholeSite: boolean;
  buildings: Building[];
  units: Unit[];
  incident: Incident | null;
}

/**
 * Reads an announcement's scope with the caller's `em` (scoped to their sites): a site,
 * building, unit or incident of another site is NOT_FOUND, like every id the caller may not
 * see. Everything must be of one site; nothing at all is BAD_USER_INPUT.
 */
export async function readScope(em: EntityManager, input: ScopeInput): Promise<Scope> {
  const buildingIds = unique(input.buildingIds);
  const unitIds = unique(input.unitIds);
  if (!input.siteId && !buildingIds.length && !unitIds.length && !input.incidentId)
    throw AppError.badInput('an announcement needs a site, buildings, units or an incident');
  const site = input.siteId ? await em.findOne(Site, { id: input.siteId }) : null;
  if (input.siteId && !site) throw AppError.notFound('Site', input.siteId);
  const buildings = buildingIds.length ? await em.find(Building, { id: { $in: buildingIds } }) : [];
  const missingBuilding = buildingIds.find((id) => !buildings.some((b) => b.id === id));
  if (missingBuilding) throw AppError.notFound('Building', missingBuilding);
  const units = unitIds.length ? await em.find(Unit, { id: { $in: unitIds } }, { populate: ['building'] }) : [];
  const missingUnit = unitIds.find((id) => !units.some((u) => u.id === id));
  if (missingUnit) throw AppError.notFound('Unit', missingUnit);
  const incident = input.incidentId ? await em.findOne(Incident, { id: input.incidentId }) : null;
  if (input.incidentId && !incident) throw AppError.notFound('Incident', input.incidentId);

  const siteIds = new Set<string>([
    ...(site ? [site.id] : []),
    ...buildings.map((b) => b.site.id),
    ...units.map((u) => u.building.getEntity().site.id),
    ...(incident ? [incident.site.id] : []),
  ]);
  if (siteIds.size > 1) throw AppError.badInput('an announcement addresses one site');
  const [siteId] = [...siteIds];
  return {
    site: site ?? em.getReference(Site, siteId),
    wholeSite: site !== null,
    buildings,
    units,
    incident,
  };
}

function unique(ids: string[] | null | undefined): string[] {
  return [...new Set(ids ?? [])];
}

/**
 * Fixes the units a published announcement reaches: every unit of its site (whole site), of its
 * buildings, the units it names, and — when it names none of these — its incident's affected
 * units. One statement; run after the announcement and its scope are flushed.
 */
export async function materialiseRecipients(em: EntityManager, announcementId: string): Promise<void> {
  await em.execute(`delete from announcement_unit where announcement_id = ?`, [announcementId]);
  await em.execute(
    `insert into announcement_unit (announcement_id, unit_id)
     select a.id, u.id from announcement a join unit u on (
         (a.whole_site and u.building_id in (select b.id from building b where b.site_id = a.site_id))
      or u.building_id in (select ab.building_id from announcement_building ab where ab.announcement_id = a.id)
      or u.id in (select su.unit_id from announcement_scope_unit su where su.announcement_id = a.id)
      or (a.incident_id is not null and not a.whole_site
          and not exists (select 1 from announcement_building ab where ab.announcement_id = a.id)
          and not exists (select 1 from announcement_scope_unit su where su.announcement_id = a.id)
          and u.id in (select iu.unit_id from incident_unit iu where iu.incident_id = a.incident_id)))
      where a.id = ?
     on conflict do nothing`,
    [announcementId],
  );
}

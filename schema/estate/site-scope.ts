import { Reference, wrap, type EntityClass, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Announcement } from '../announcements/announcement.entity';
import { Callback } from '../callbacks/callback.entity';
import { Notification } from '../desk/notifications/notification.entity';
import { Shift } from '../desk/shifts/shift.entity';
import { WorkOrder } from '../desk/work-orders/work-order.entity';
import { Device } from '../facilities/devices/device.entity';
import { Equipment } from '../facilities/equipment/equipment.entity';
import { Call } from '../hotline/calls/call.entity';
import { Incident } from '../incidents/incident.entity';
import { ServiceRequest } from '../hotline/requests/service-request.entity';
import { Alert } from '../monitoring/alerts/alert.entity';
import { Occupancy } from '../residents/occupancy.entity';
import { Resident } from '../residents/resident.entity';
import { Building } from './buildings/building.entity';
import { Site } from './sites/site.entity';
import { Unit } from './units/unit.entity';

type SiteIds = readonly string[];

/**
 * Where each site-bound entity finds its site: equipment and units → building → site; alerts
 * and devices through their equipment; work orders, service requests, calls, notifications
 * and incidents carry their `site` (set when they are created, from their equipment or unit); a shift
 * carries its closer's site, and its closer sees it whatever its site. Residents
 * belong to the sites of the units they live or lived in. The one table of site scoping: a
 * new entity that belongs to a site is added here, and the scoping test enumerates the
 * schema's fields. A row whose site is null (a work order with neither equipment nor unit) is
 * seen only by unscoped staff — and a call also by the operator who took it.
 */
const SITE_CONDITIONS: Array<[EntityClass<object>, (ids: SiteIds, staffId: string) => FilterQuery<object>]> = [
  [Site, (ids) => ({ id: { $in: [...ids] } })],
  [Building, (ids) => ({ site: { $in: [...ids] } })],
  [Unit, (ids) => ({ building: { site: { $in: [...ids] } } })],
  [Equipment, (ids) => ({ building: { site: { $in: [...ids] } } })],
  [Device, (ids) => ({ equipment: { building: { site: { $in: [...ids] } } } })],
  [Alert, (ids) => ({ equipment: { building: { site: { $in: [...ids] } } } })],
  [WorkOrder, (ids) => ({ site: { $in: [...ids] } })],
  [ServiceRequest, (ids) => ({ site: { $in: [...ids] } })],
  [Notification, (ids) => ({ site: { $in: [...ids] } })],
  [Incident, (ids) => ({ site: { $in: [...ids] } })],
  [Announcement, (ids) => ({ site: { $in: [...ids] } })],
  [Callback, (ids) => ({ site: { $in: [...ids] } })],
  [Call, (ids, staffId) => ({ $or: [{ site: { $in: [...ids] } }, { operator: staffId }] })],
  [Shift, (ids, staffId) => ({ $or: [{ site: { $in: [...ids] } }, { closedBy: staffId }] })],
  [Resident, (ids) => ({ occupancies: { $some: { unit: { building: { site: { $in: [...ids] } } } } } })],
  [Occupancy, (ids) => ({ unit: { building: { site: { $in: [...ids] } } } })],
];

export const SITE_SCOPED_ENTITIES: ReadonlyArray<EntityClass<object>> = SITE_CONDITIONS.map(([cls]) => cls);

/**
 * Scopes a request's unit of work to the caller's sites: every find, count and populate of a
 * site-bound entity through `em` (and its transactional forks, which copy its filters) reads
 * only those sites, so an id of another site is simply not found. `null`: every site.
 */
export function scopeToSites(em: EntityManager, siteIds: SiteIds | null, staffId: string): void {
  if (siteIds === null) return;
  for (const [cls, condition] of SITE_CONDITIONS) {
    const cond = condition(siteIds, staffId);
    em.addFilter(`sites_${cls.name}`, () => cond, cls, { default: true, args: false });
  }
}

/**
 * The site of a published event's subject (an Alert loaded with its equipment and building, or a
 * WorkOrder, schema/monitoring/outbox/outbox-loader.ts), or null when it cannot be told
 * from what is loaded — which scoped callers then do not see.
 */
export function siteOfSubject(subject: unknown): string | null {
  if (subject instanceof Site) return subject.id;
  if (subject instanceof Building) return subject.site.id;
  if (subject instanceof Equipment) return loaded(subject.building)?.site.id ?? null;
  if (subject instanceof WorkOrder) return subject.site?.id ?? null;
  if (subject instanceof Incident) return subject.site.id;
  if (subject instanceof Announcement) return subject.site.id;
  if (subject instanceof Alert || subject instanceof Device) {
    const equipment = loaded(subject.equipment);
    return equipment ? siteOfSubject(equipment) : null;
  }
  return null;
}

/** Whether a caller who may see `siteIds` (null: every site) may see `subject`. */
export function maySee(siteIds: SiteIds | null, subject: unknown): boolean {
  if (siteIds === null) return true;
  const site = siteOfSubject(subject);
  return site !== null && siteIds.includes(site);
}

function loaded<T extends object>(ref: Reference<T> | T | null | undefined): T | null {
  if (!ref) return null;
  const entity = Reference.unwrapReference(ref);
  return wrap(entity).isInitialized() ? entity : null;
}

import type { Ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../common/app-error';
import { Site } from '../../estate/sites/site.entity';
import { Unit } from '../../estate/units/unit.entity';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { Resident } from '../../residents/resident.entity';
import { Call } from '../calls/call.entity';
import type { CreateServiceRequestInput } from './service-request.inputs';

export interface RequestLinks {
  call: Call | null;
  resident: Resident | null;
  unit: Unit | null;
  equipment: Equipment | null;
  site: Ref<Site> | null;
}

/**
 * What a new request points to, each looked up through the caller's scoped `em`: an id that
 * does not exist or that the caller may not see is NOT_FOUND. The site is the unit's building's,
 * else the equipment's, else the call's, else the filer's when they work on one site only (an
 * inquiry about nothing in particular stays visible to the hotline that filed it); a unit and
 * equipment of different sites are refused.
 *
 * A resident need not live in the unit: an owner reports a leak in the flat they let, a
 * neighbour one upstairs, a relative calls for an elderly parent. Both links are kept as given;
 * the site comes from the unit, never from where the resident lives.
 */
export async function requestLinks(
  em: EntityManager,
  input: CreateServiceRequestInput,
  callerSiteIds: readonly string[] | null,
): Promise<RequestLinks> {
  const call = input.callId ? await em.findOne(Call, { id: input.callId }) : null;
  if (input.callId && !call) throw AppError.notFound('Call', input.callId);
  const resident = input.residentId ? await em.findOne(Resident, { id: input.residentId }) : null;
  if (input.residentId && !resident) throw AppError.notFound('Resident', input.residentId);
  const unit = input.unitId ? await em.findOne(Unit, { id: input.unitId }, { populate: ['building'] }) : null;
  if (input.unitId && !unit) throw AppError.notFound('Unit', input.unitId);
  const equipment = input.equipmentId
    ? await em.findOne(Equipment, { id: input.equipmentId }, { populate: ['building'] })
    : null;
  if (input.equipmentId && !equipment) throw AppError.notFound('Equipment', input.equipmentId);

  const unitSite = unit ? unit.building.getEntity().site : null;
  const equipmentSite = equipment ? equipment.building.getEntity().site : null;
  if (unitSite && equipmentSite && unitSite.id !== equipmentSite.id) {
    throw AppError.badInput('The unit and the equipment are on different sites');
  }
  const filerSite = callerSiteIds?.length === 1 ? em.getReference(Site, callerSiteIds[0], { wrapped: true }) : null;
  return { call, resident, unit, equipment, site: unitSite ?? equipmentSite ?? call?.site ?? filerSite };
}

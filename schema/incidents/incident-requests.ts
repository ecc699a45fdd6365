import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../common/app-error';
import { Incident } from './incident.entity';
import { IncidentStatus } from './incident.enums';

/**
 * The incident a new service request joins (`createServiceRequest` input `incidentId`): one the
 * caller may see (else NOT_FOUND) that has not ended (else INVALID_TRANSITION). The request then
 * shares the incident's work order instead of opening one; an incident with no work order yet
 * gets the request's.
 */
export async function incidentToJoin(em: EntityManager, incidentId: string): Promise<Incident> {
  const incident = await em.findOne(Incident, { id: incidentId });
  if (!incident) throw AppError.notFound('Incident', incidentId);
  if (incident.status === IncidentStatus.ENDED) {
    throw new AppError('INVALID_TRANSITION', `Incident ${incident.number} has ended: file the request on its own`, {
      from: incident.status,
      move: 'join',
    });
  }
  return incident;
}

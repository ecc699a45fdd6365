import type { EntityManager } from '@mikro-orm/postgresql';
import { Resident } from '../../residents/resident.entity';
import { ServiceRequest } from '../requests/service-request.entity';

/**
 * To-many relations of calls for their field resolvers, one batch per page of calls (through
 * `ctx.loaders.batched`, no N+1). `em` is the request's: residents and requests the caller may
 * not see are left out.
 */
export async function matchedResidentsOf(em: EntityManager, callIds: readonly string[]): Promise<Resident[][]> {
  const pairs = await em
    .getConnection()
    .execute<Array<{ call_id: string; resident_id: string }>>(
      `select call_id, resident_id from call_resident where call_id in (${callIds.map(() => '?').join(', ')})`,
      [...callIds],
    );
  const residentIds = [...new Set(pairs.map((p) => p.resident_id))];
  const residents = residentIds.length
    ? await em.find(Resident, { id: { $in: residentIds } }, { orderBy: { name: 'asc', id: 'asc' } })
    : [];
  const pairKeys = new Set(pairs.map((p) => `${p.call_id}/${p.resident_id}`));
  return callIds.map((callId) => residents.filter((r) => pairKeys.has(`${callId}/${r.id}`)));
}

export async function requestsOfCalls(em: EntityManager, callIds: readonly string[]): Promise<ServiceRequest[][]> {
  const requests = await em.find(
    ServiceRequest,
    { call: { $in: [...callIds] } },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  return callIds.map((callId) => requests.filter((r) => r.call?.id === callId));
}

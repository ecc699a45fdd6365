import type { EntityManager } from '@mikro-orm/postgresql';
import { Incident } from './incident.entity';

/**
 * A call from a resident of an affected unit is linked to the incident (`call_incident`) when it
 * starts: the incidents that are active (or scheduled and due) whose affected units include a
 * current unit of a matched resident. One statement, in the call's transaction.
 */
export async function linkCallToIncidents(
  em: EntityManager,
  callId: string,
  residentIds: readonly string[],
  now: Date,
): Promise<void> {
  if (residentIds.length === 0) return;
  await em.execute(
    `insert into call_incident (incident_id, call_id)
     select distinct iu.incident_id, ?::uuid from incident_unit iu
       join incident i on i.id = iu.incident_id
       join occupancy o on o.unit_id = iu.unit_id
      where o.resident_id = any(?::uuid[]) and (o.until is null or o.until > (?::timestamptz at time zone 'Asia/Shanghai')::date)
        and (i.status = 'ACTIVE' or (i.status = 'SCHEDULED' and i.started_at <= ?))
     on conflict do nothing`,
    [callId, `{${residentIds.join(',')}}`, now, now],
  );
}

/** The incidents linked to each call that have not ended, one batch per page of calls. */
export async function activeIncidentsOfCalls(em: EntityManager, callIds: readonly string[]): Promise<Incident[][]> {
  const pairs = await em
    .getConnection()
    .execute<Array<{ call_id: string; incident_id: string }>>(
      `select call_id, incident_id from call_incident where call_id in (${callIds.map(() => '?').join(', ')})`,
      [...callIds],
    );
  const ids = [...new Set(pairs.map((p) => p.incident_id))];
  const incidents = ids.length
    ? await em.find(
        Incident,
        { id: { $in: ids }, status: { $ne: 'ENDED' as never } },
        { orderBy: { startedAt: 'asc' } },
      )
    : [];
  const keys = new Set(pairs.map((p) => `${p.call_id}/${p.incident_id}`));
  return callIds.map((callId) => incidents.filter((i) => keys.has(`${callId}/${i.id}`)));
}

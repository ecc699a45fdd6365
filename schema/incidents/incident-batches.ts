import type { EntityManager } from '@mikro-orm/postgresql';
import { Building } from '../estate/buildings/building.entity';
import { Alert } from '../monitoring/alerts/alert.entity';

/**
 * To-many relations and counts of incidents for their field resolvers, one statement (or two)
 * per page of incidents through `ctx.loaders.batched`: the desk's active incidents cost the
 * same statements for 2 or 100 incidents. `em` is the request's, scoped to the caller.
 */
const inList = (ids: readonly string[]) => ids.map(() => '?').join(', ');

async function pairsOf(em: EntityManager, table: string, other: string, incidentIds: readonly string[]) {
  return em
    .getConnection()
    .execute<Array<{ incident_id: string; other_id: string }>>(
      `select incident_id, ${other} as other_id from ${table} where incident_id in (${inList(incidentIds)})`,
      [...incidentIds],
    );
}

export async function alertsOfIncidents(em: EntityManager, incidentIds: readonly string[]): Promise<Alert[][]> {
  const pairs = await pairsOf(em, 'incident_alert', 'alert_id', incidentIds);
  const ids = [...new Set(pairs.map((p) => p.other_id))];
  const alerts = ids.length
    ? await em.find(Alert, { id: { $in: ids } }, { orderBy: { raisedAt: 'asc', id: 'asc' } })
    : [];
  const keys = new Set(pairs.map((p) => `${p.incident_id}/${p.other_id}`));
  return incidentIds.map((id) => alerts.filter((a) => keys.has(`${id}/${a.id}`)));
}

export async function buildingsOfIncidents(em: EntityManager, incidentIds: readonly string[]): Promise<Building[][]> {
  const pairs = await pairsOf(em, 'incident_building', 'building_id', incidentIds);
  const ids = [...new Set(pairs.map((p) => p.other_id))];
  const buildings = ids.length ? await em.find(Building, { id: { $in: ids } }, { orderBy: { code: 'asc' } }) : [];
  const keys = new Set(pairs.map((p) => `${p.incident_id}/${p.other_id}`));
  return incidentIds.map((id) => buildings.filter((b) => keys.has(`${id}/${b.id}`)));
}

/** What an incident counts: its affected units, the calls linked to it, the requests filed against it. */
const COUNTS = {
  units: 'select incident_id as id, count(*)::int as n from incident_unit where incident_id in (%) group by 1',
  calls: 'select incident_id as id, count(*)::int as n from call_incident where incident_id in (%) group by 1',
  requests: 'select incident_id as id, count(*)::int as n from service_request where incident_id in (%) group by 1',
} as const;

export type IncidentCount = keyof typeof COUNTS;

export function countsOfIncidents(what: IncidentCount) {
  return async (em: EntityManager, incidentIds: readonly string[]): Promise<number[]> => {
    const rows = await em
      .getConnection()
      .execute<Array<{ id: string; n: number }>>(COUNTS[what].replace('%', inList(incidentIds)), [...incidentIds]);
    const byId = new Map(rows.map((r) => [r.id, r.n]));
    return incidentIds.map((id) => byId.get(id) ?? 0);
  };
}

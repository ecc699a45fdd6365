import type { EntityManager } from '@mikro-orm/postgresql';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { pageOf, startOf, type Page, type PageRequest } from '../common/connection';
import { Unit } from '../estate/units/unit.entity';
import { Call } from '../hotline/calls/call.entity';
import { ServiceRequest } from '../hotline/requests/service-request.entity';

/**
 * The units, calls and requests of an incident as pages whose `totalCount` is batched across
 * a page of incidents (incident-batches.ts): `ActiveIncidents` asks only for the counts, so the
 * nodes are read only when a client asks for them (one statement per incident then).
 */
export class IncidentMembers {
  constructor(
    readonly incidentId: string,
    readonly page: PageRequest,
  ) {}
}

@ArgsType()
export class MemberPageArgs {
  @Field(() => Int, { defaultValue: 50 })
  first: number = 50;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@ObjectType({ description: 'The units an incident affects (fixed when it was created).' })
export class IncidentUnitConnection extends IncidentMembers {}

@ObjectType({ description: 'The calls from residents of affected units while it was active.' })
export class IncidentCallConnection extends IncidentMembers {}

@ObjectType({ description: 'The service requests filed against it (they share its work order).' })
export class IncidentRequestConnection extends IncidentMembers {}

/** A page of entities whose ids one ordered statement answers (`limit ? offset ?` appended). */
export async function pageByIds<T extends { id: string }>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  idsSql: string,
  params: unknown[],
  page: PageRequest,
  totalCount: number,
): Promise<Page<T>> {
  const start = startOf(page);
  const rows = await em
    .getConnection()
    .execute<Array<{ id: string }>>(`${idsSql} limit ? offset ?`, [...params, page.first, start]);
  const found = rows.length ? await em.find(entity, { id: { $in: rows.map((r) => r.id) } } as never) : [];
  const byId = new Map(found.map((e) => [e.id, e]));
  return pageOf(
    rows.map((r) => byId.get(r.id)).filter((e): e is T => e !== undefined),
    start,
    totalCount,
  );
}

export const MEMBER_IDS = {
  units: {
    entity: Unit,
    sql: `select u.id from incident_unit iu join unit u on u.id = iu.unit_id join building b on b.id = u.building_id
           where iu.incident_id = ? order by b.code, u.code, u.id`,
  },
  calls: {
    entity: Call,
    sql: `select c.id from call_incident ci join call c on c.id = ci.call_id
           where ci.incident_id = ? order by c.started_at desc, c.id`,
  },
  requests: {
    entity: ServiceRequest,
    sql: `select id from service_request where incident_id = ? order by created_at desc, id`,
  },
} as const;

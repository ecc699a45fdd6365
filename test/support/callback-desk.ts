/**
 * What the callback tests share: the incidents contract's Callbacks and RecordCallback, copied
 * verbatim (incidents contract), and a request of a known resident worked to RESOLVED through
 * the real API (createServiceRequest, then transitionWorkOrder as the operator and technician).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { buildResident, buildUnit } from '../factories/residents.factory';
import { staffId } from '../factories/work-order.factory';
import { postGraphql, type GraphqlResponse } from './graphql-client';
import type { TestPlatform } from './test-platform';
import type { DemoAccount } from './work-order-desk';

export const CALLBACKS = `query Callbacks($due: Boolean) {
  callbacks(filter: { due: $due }, first: 200) {
    totalCount
    nodes { id reason dueAt status attempts resident { id name phone } workOrder { id number } incident { id } }
  }
}`;

export const RECORD_CALLBACK = `mutation RecordCallback($input: RecordCallbackInput!) {
  recordCallback(input: $input) { id status attempts satisfaction workOrder { id status } }
}`;

export interface CallbackNode {
  id: string;
  reason: string;
  dueAt: string;
  status: string;
  attempts: number;
  resident: { id: string; name: string; phone: string };
  workOrder: { id: string; number: string } | null;
  incident: { id: string } | null;
}

export interface RecordedCallback {
  id: string;
  status: string;
  attempts: number;
  satisfaction: number | null;
  workOrder: { id: string; status: string } | null;
}

export async function gqlOk<T>(
  platform: TestPlatform,
  token: string,
  text: string,
  variables: object = {},
): Promise<T> {
  const result = await postGraphql<T, object>(platform.graphqlUrl, text, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export function recordCallback(
  platform: TestPlatform,
  token: string,
  input: { id: string; reached: boolean; satisfaction?: number | null; comment?: string },
): Promise<GraphqlResponse<{ recordCallback: RecordedCallback }>> {
  return postGraphql(platform.graphqlUrl, RECORD_CALLBACK, { input }, token);
}

/** A unit of the demo site's first building and a resident living there (through MikroORM). */
export async function residentOfHg(orm: MikroORM, tag: string): Promise<{ residentId: string; unitId: string }> {
  const [building] = await orm.em
    .fork()
    .execute<Array<{ id: string }>>(
      `select b.id from building b join site s on s.id = b.site_id where s.code = 'HG' order by b.code limit 1`,
    );
  const unit = await buildUnit(orm, building.id, `CB-${tag}-${Date.now().toString(36)}`);
  const resident = await buildResident(orm, { unitIds: [unit.id] });
  return { residentId: resident.id, unitId: unit.id };
}

const CREATE_REQUEST = `mutation($input: CreateServiceRequestInput!) {
  createServiceRequest(input: $input) { id workOrder { id version } } }`;
const TRANSITION = `mutation($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { id version status } }`;

/**
 * A request of `category` filed by the operator for a resident of HG, its work order
 * dispatched, started and resolved through the API; returns the ids.
 */
export async function resolvedRequest(
  platform: TestPlatform,
  tokens: Record<DemoAccount, string>,
  category: 'REPAIR' | 'COMPLAINT' = 'REPAIR',
): Promise<{ residentId: string; workOrderId: string; version: number }> {
  const { residentId, unitId } = await residentOfHg(platform.orm, category);
  const filed = await gqlOk<{ createServiceRequest: { workOrder: { id: string; version: number } } }>(
    platform,
    tokens.operator,
    CREATE_REQUEST,
    { input: { category, description: `callback test ${category}`, residentId, unitId } },
  );
  let { id, version } = filed.createServiceRequest.workOrder;
  const technicianId = await staffId(platform.orm, 'technician');
  const move = async (account: DemoAccount, to: string, extra: object = {}) => {
    const moved = await gqlOk<{ transitionWorkOrder: { version: number } }>(platform, tokens[account], TRANSITION, {
      input: { id, version, to, ...extra },
    });
    version = moved.transitionWorkOrder.version;
  };
  await move('operator', 'DISPATCHED', { assigneeId: technicianId });
  await move('technician', 'IN_PROGRESS');
  await move('technician', 'RESOLVED', { note: 'fixed' });
  id = filed.createServiceRequest.workOrder.id;
  return { residentId, workOrderId: id, version };
}

/** The callbacks of a resident, straight from PostgreSQL. */
export async function callbacksOf(
  orm: MikroORM,
  residentId: string,
): Promise<
  Array<{
    id: string;
    reason: string;
    status: string;
    due_at: Date;
    first_due_at: Date;
    attempts: number;
    work_order_id: string | null;
    incident_id: string | null;
    site_id: string | null;
    assignee_id: string | null;
    done_at: Date | null;
  }>
> {
  const rows = await orm.em.fork().execute(
    `select id, reason, status, due_at, first_due_at, attempts, work_order_id, incident_id, site_id, assignee_id, done_at
       from callback where resident_id = ? order by created_at, id`,
    [residentId],
  );
  // PGlite answers timestamps as text, PostgreSQL's driver as Date: compare them as Dates
  const date = (v: unknown) => (v === null ? null : new Date(v as string));
  return rows.map((r: Record<string, unknown>) => ({
    ...r,
    due_at: date(r.due_at),
    first_due_at: date(r.first_due_at),
    done_at: date(r.done_at),
  })) as never;
}

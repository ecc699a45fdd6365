/**
 * What the work order tests share: the demo accounts signed in, the contract's
 * TransitionWorkOrder over real HTTP, and a row read straight from PostgreSQL.
 */
import {
  TransitionWorkOrderDocument,
  type TransitionWorkOrderInput,
  type TransitionWorkOrderMutation,
} from './generated/graphql';
import { postGraphql, type GraphqlResponse } from './graphql-client';
import type { TestPlatform } from './test-platform';

export const DEMO_ACCOUNTS = [
  'manager',
  'supervisor',
  'relations',
  'affairs',
  'hotline-manager',
  'operator',
  'technician',
] as const;
export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

export async function signInAll(platform: TestPlatform): Promise<Record<DemoAccount, string>> {
  const tokens = {} as Record<DemoAccount, string>;
  for (const name of DEMO_ACCOUNTS) tokens[name] = await platform.login(name);
  return tokens;
}

export function transition(
  platform: TestPlatform,
  token: string,
  input: TransitionWorkOrderInput,
): Promise<GraphqlResponse<TransitionWorkOrderMutation>> {
  return postGraphql(platform.graphqlUrl, TransitionWorkOrderDocument, { input }, token);
}

/** The move, failing the test with its errors. */
export async function transitionOk(
  platform: TestPlatform,
  token: string,
  input: TransitionWorkOrderInput,
): Promise<TransitionWorkOrderMutation['transitionWorkOrder']> {
  const result = await transition(platform, token, input);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data.transitionWorkOrder;
}

export interface WorkOrderRow {
  status: string;
  version: number;
  assignee_id: string | null;
  respond_by: Date;
  resolve_by: Date;
  due_at: Date;
  responded_at: Date | null;
  resolved_at: Date | null;
  hold_started_at: Date | null;
  finished_at: Date | null;
  escalation_level: number;
  alert_cleared_at: Date | null;
  history: number;
  audits: number;
  events: number;
}

/** The row, with how many history lines, audit rows and WORK_ORDER_CHANGED outbox rows it has. */
export async function workOrderRow(platform: TestPlatform, id: string): Promise<WorkOrderRow> {
  const [row] = await platform.orm.em.fork().execute<WorkOrderRow[]>(
    `select w.status, w.version, w.assignee_id, w.respond_by, w.resolve_by, w.due_at, w.responded_at, w.resolved_at,
            w.hold_started_at, w.finished_at, w.escalation_level, w.alert_cleared_at,
            (select count(*)::int from work_order_transition t where t.work_order_id = w.id) as history,
            (select count(*)::int from audit_entry a where a.entity_id = w.id::text) as audits,
            (select count(*)::int from outbox_event o where o.subject_id = w.id and o.topic = 'WORK_ORDER_CHANGED') as events
     from work_order w where w.id = ?`,
    [id],
  );
  if (!row) throw new Error(`no work order ${id}`);
  // PGlite answers timestamps as text, PostgreSQL's driver as Date: compare them as Dates
  const date = (v: unknown) => (v === null ? null : new Date(v as string));
  for (const key of [
    'respond_by',
    'resolve_by',
    'due_at',
    'responded_at',
    'resolved_at',
    'hold_started_at',
    'finished_at',
    'alert_cleared_at',
  ] as const) {
    (row as unknown as Record<string, Date | null>)[key] = date(row[key]);
  }
  return row;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkOrder } from '../../desk/work-orders/work-order.entity';

/**
 * The work order of each request (`work_order.service_request_id`, unique), one statement per
 * page of requests (through `ctx.loaders.batched`). `em` is the request's, scoped to the caller.
 */
export async function workOrdersOfRequests(
  em: EntityManager,
  requestIds: readonly string[],
): Promise<Array<WorkOrder | null>> {
  const workOrders = await em.find(WorkOrder, { serviceRequest: { $in: [...requestIds] } });
  const byRequest = new Map(workOrders.map((w) => [w.serviceRequest!.id, w]));
  return requestIds.map((id) => byRequest.get(id) ?? null);
}

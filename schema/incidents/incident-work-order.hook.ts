import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkOrder } from '../desk/work-orders/work-order.entity';
import { WorkOrderStatus } from '../desk/work-orders/work-order.enums';
import type { WorkOrderMoveHook } from '../desk/work-orders/work-order-move-hook';
import type { IncidentsFromAlerts } from './incident-from-alerts';

const DONE = new Set([WorkOrderStatus.RESOLVED, WorkOrderStatus.VERIFIED, WorkOrderStatus.CLOSED]);

/** A work order resolved (or verified, closed): its alert-opened incident ends if its alerts cleared too. */
export class IncidentEndsWithWorkOrder implements WorkOrderMoveHook {
  constructor(private readonly incidents: IncidentsFromAlerts) {}

  async afterMove(em: EntityManager, workOrder: WorkOrder): Promise<void> {
    if (DONE.has(workOrder.status)) await this.incidents.endWhenDone(em, { workOrderId: workOrder.id });
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkOrder } from './work-order.entity';
import type { WorkOrderStatus } from './work-order.enums';

/**
 * What else a work order's move checks or does, inside its transaction (wired in
 * gateway/container.ts): `beforeMove` may refuse the move by throwing an AppError (the evidence
 * rule of incidents), `afterMove` sees the moved row (an incident that ends by itself).
 */
export interface WorkOrderMoveHook {
  beforeMove?(em: EntityManager, workOrder: WorkOrder, to: WorkOrderStatus, at: Date): Promise<void>;
  afterMove?(em: EntityManager, workOrder: WorkOrder, at: Date): Promise<void>;
}

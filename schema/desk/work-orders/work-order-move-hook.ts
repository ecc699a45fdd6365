import type { EntityManager } from '@mikro-orm/postgresql';
import type { PublishedEvent } from '../../monitoring/outbox/outbox.relay';
import type { WorkOrder } from './work-order.entity';
import type { WorkOrderStatus } from './work-order.enums';

/**
 * What else a work order's move checks or does, inside its transaction (wired in
 * gateway/container.ts): `beforeMove` may refuse the move by throwing an AppError (the evidence
 * rule of incidents), `afterMove` sees the moved row (an incident that ends by itself) and returns
 * the outbox rows it wrote, published with the move's after the commit.
 */
export interface WorkOrderMoveHook {
  beforeMove?(em: EntityManager, workOrder: WorkOrder, to: WorkOrderStatus, at: Date): Promise<void>;
  afterMove?(em: EntityManager, workOrder: WorkOrder, at: Date): Promise<PublishedEvent[]>;
}

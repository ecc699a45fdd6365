import type { Ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Staff } from '../../staff/staff.entity';
import type { WorkOrder } from './work-order.entity';
import { WorkOrderTransition } from './work-order-transition.entity';
import { WorkOrderStatus } from './work-order.enums';

/**
 * The first line of a work order's history — from nothing to OPEN, when, by whom (null: the
 * platform, for an alert) and from what — written in the transaction that opens it, whatever
 * opened it (a request: work-order-opening.ts; an alert: work-order.service.ts).
 */
export function recordOpening(
  em: EntityManager,
  workOrder: WorkOrder,
  at: Date,
  by: Ref<Staff> | null,
  note: string,
): WorkOrderTransition {
  return em.create(WorkOrderTransition, { workOrder, at, from: null, to: WorkOrderStatus.OPEN, by, note });
}

import { registerEnumType } from 'type-graphql';

/** The work order lifecycle (test/contract-operations.graphql enum WorkOrderStatus). */
export enum WorkOrderStatus {
  OPEN = 'OPEN',
  DISPATCHED = 'DISPATCHED',
  IN_PROGRESS = 'IN_PROGRESS',
  /** waiting for the resident or parts: the SLA clock is paused (service-desk contract) */
  ON_HOLD = 'ON_HOLD',
  RESOLVED = 'RESOLVED',
  VERIFIED = 'VERIFIED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

/** Where a work order came from (test/contract-operations.graphql enum WorkOrderSource). */
export enum WorkOrderSource {
  SERVICE_REQUEST = 'SERVICE_REQUEST',
  ALERT = 'ALERT',
  MAINTENANCE_PLAN = 'MAINTENANCE_PLAN',
  INSPECTION = 'INSPECTION',
  MANUAL = 'MANUAL',
}

export enum WorkOrderPriority {
  URGENT = 'URGENT',
  HIGH = 'HIGH',
  NORMAL = 'NORMAL',
  LOW = 'LOW',
}

registerEnumType(WorkOrderStatus, { name: 'WorkOrderStatus' });
registerEnumType(WorkOrderSource, { name: 'WorkOrderSource' });
registerEnumType(WorkOrderPriority, { name: 'WorkOrderPriority' });

/** Statuses in which a work order still needs someone. */
export const OPEN_STATUSES = [
  WorkOrderStatus.OPEN,
  WorkOrderStatus.DISPATCHED,
  WorkOrderStatus.IN_PROGRESS,
  WorkOrderStatus.ON_HOLD,
  WorkOrderStatus.RESOLVED,
];

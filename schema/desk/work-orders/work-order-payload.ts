/**
 * What a published work order carries, loaded once for every subscriber: what the contract's
 * `workOrderOpened` / `workOrderChanged` and the desk select (its alert, equipment with
 * building, plan, assignee). schema/monitoring/outbox/outbox-loader.ts loads the same.
 */
export const WORK_ORDER_PAYLOAD = ['alert', 'equipment.building', 'emergencyPlan', 'assignee'] as const;

/**
 * What a published alert carries, loaded once for every subscriber: everything the contract's
 * subscriptions and the desk's select (equipment with its building, work order with its plan,
 * who acknowledged).
 */
export const ALERT_PAYLOAD = ['equipment.building', 'workOrder.emergencyPlan', 'acknowledgedBy'] as const;

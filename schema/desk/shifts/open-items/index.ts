import { activeIncidents } from './active-incidents.source';
import type { OpenItemSource } from './open-item';
import { openComplaints } from './open-complaints.source';
import { overdueWorkOrders } from './overdue-work-orders.source';
import { unacknowledgedAlerts } from './unacknowledged-alerts.source';

/**
 * What a closing shift lists, in this order. `dueCallbacks` (./due-callbacks.source.ts) joins
 * this list when the `callback` table is in the migrations.
 */
export const OPEN_ITEM_SOURCES: readonly OpenItemSource[] = [
  unacknowledgedAlerts,
  activeIncidents,
  overdueWorkOrders,
  openComplaints,
];

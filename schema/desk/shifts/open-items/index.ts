import { activeIncidents } from './active-incidents.source';
import { dueCallbacks } from './due-callbacks.source';
import type { OpenItemSource } from './open-item';
import { openComplaints } from './open-complaints.source';
import { overdueWorkOrders } from './overdue-work-orders.source';
import { unacknowledgedAlerts } from './unacknowledged-alerts.source';

/** What a closing shift lists, in this order. */
export const OPEN_ITEM_SOURCES: readonly OpenItemSource[] = [
  unacknowledgedAlerts,
  activeIncidents,
  overdueWorkOrders,
  openComplaints,
  dueCallbacks,
];

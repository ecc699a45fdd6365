/**
 * What crosses instances: PostgreSQL `NOTIFY` on one channel, carrying outbox ids. A
 * notification sent inside a transaction is delivered at its commit, in commit order, and
 * only if it commits; its payload must stay under 8000 bytes, so ids go in chunks.
 *
 * Payload: `<sender>|<id>,<id>,…`, where the sender is the writing connection's
 * `application_name` (each instance names its connections `facilitydesk:<instance id>`), so
 * an instance knows which notifications are its own. The insert trigger on `outbox_event`
 * (migrations/Migration20261128223642.ts) writes the same format.
 */
export const OUTBOX_CHANNEL = 'fd_outbox';

/** ids per notification: 150 × 37 bytes + a sender name of ≤ 63 bytes stays far below 8000 */
export const IDS_PER_NOTIFICATION = 150;

export interface OutboxNotification {
  sender: string;
  ids: string[];
}

/** The `application_name` an instance gives its PostgreSQL connections. */
export function instanceConnectionName(instanceId: string): string {
  return `facilitydesk:${instanceId}`;
}

export function encodeNotifications(sender: string, ids: string[]): string[] {
  const payloads: string[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_NOTIFICATION)
    payloads.push(`${sender}|${ids.slice(i, i + IDS_PER_NOTIFICATION).join(',')}`);
  return payloads;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** null for a payload that is not ours (anyone with access may NOTIFY on the channel). */
export function decodeNotification(payload: string): OutboxNotification | null {
  const bar = payload.lastIndexOf('|');
  if (bar < 0) return null;
  const ids = payload.slice(bar + 1).split(',');
  if (ids.length === 0 || !ids.every((id) => UUID.test(id))) return null;
  return { sender: payload.slice(0, bar), ids };
}

/**
 * Who may publish and subscribe what (used by the embedded broker's authorize hooks,
 * gateway/broker-policy.ts; the same policy is rendered for mosquitto by mosquitto-files.ts):
 * - a device publishes only its own three topics (devices/CONTRACT.md "Topics": telemetry, event,
 *   status), every level matching exactly, and subscribes to nothing: it is a sensor and
 *   there is nothing for it to receive;
 * - a service user (ingest, the simulator bridge) reads the whole contract tree and
 *   publishes nothing on it.
 */
import { isValidAddress, TOPIC_ROOT, topicFor } from '../contract/topic';
import { MESSAGE_KINDS, type DeviceAddress } from '../contract/types';

/** What service users may read (and mosquitto's ACL grants them). */
export const SERVICE_READ_PATTERN = `${TOPIC_ROOT}/#`;

/** MQTT 5 shared subscriptions: `$share/{group}/{filter}` (MQTT-4.8.2). */
const SHARED_RE = /^\$share\/[^/+#]+\/(.+)$/;

/** The three topics a device may publish to, in MESSAGE_KINDS order; throws on an invalid address. */
export function deviceTopics(device: DeviceAddress): string[] {
  return MESSAGE_KINDS.map((kind) => topicFor(device, kind));
}

/**
 * Exact match of every level; no wildcard can appear in a PUBLISH topic (MQTT-3.3.2-2),
 * and an address that fails the contract's id rules gets nothing (never a prefix match
 * against an id containing `/`).
 */
export function canDevicePublish(device: DeviceAddress, topic: string): boolean {
  if (!isValidAddress(device)) return false;
  const prefix = `${TOPIC_ROOT}/${device.site}/${device.building}/${device.system}/${device.device}/`;
  if (!topic.startsWith(prefix)) return false;
  const kind = topic.slice(prefix.length);
  return (MESSAGE_KINDS as readonly string[]).includes(kind);
}

/**
 * A service user may subscribe to any filter inside `fd/v1/` (plain or `$share/group/…`),
 * e.g. INGEST_SUBSCRIPTION. `#` or `+/…` at the root would reach beyond the contract
 * ($SYS, other applications' topics), so they are refused.
 */
export function canServiceSubscribe(filter: string): boolean {
  const shared = SHARED_RE.exec(filter);
  const f = shared === null ? filter : shared[1];
  return f === SERVICE_READ_PATTERN || f.startsWith(`${TOPIC_ROOT}/`);
}

/**
 * The MQTT topic of the device contract (devices/CONTRACT.md "Topics"):
 *
 *   fd/v1/{site}/{building}/{system}/{device}/{kind}
 *
 * Topic levels end up as InfluxDB tags, PostgreSQL lookups and mosquitto ACL lines, so an
 * id that does not match the contract is rejected, never escaped.
 */
import {
  MESSAGE_KINDS,
  SYSTEMS,
  type DeviceAddress,
  type DeviceTopic,
  type MessageKind,
  type Parsed,
  type SystemName,
} from './types';

/** The first two levels; `v1` is the contract version (a breaking change needs `v2`). */
export const TOPIC_ROOT = 'fd/v1';

/** What ingest subscribes to: every kind of every device (7 levels, one wildcard each). */
export const INGEST_SUBSCRIPTION = 'fd/v1/+/+/+/+/+';

/**
 * devices/CONTRACT.md: "Every id level is [A-Za-z0-9_-]{1,64}"; this excludes `+ # / space , = "` and
 * newlines. (A JS `$` without the m flag matches only at the very end, so "a\n" fails.)
 */
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

const TOPIC_LEVELS = 7;

export function isValidId(s: string): boolean {
  return typeof s === 'string' && ID_RE.test(s);
}

export function isSystemName(s: string): s is SystemName {
  return (SYSTEMS as readonly string[]).includes(s);
}

export function isMessageKind(s: string): s is MessageKind {
  return (MESSAGE_KINDS as readonly string[]).includes(s);
}

/** True when every level of the address is valid (ids per devices/CONTRACT.md, system one of SYSTEMS). */
export function isValidAddress(a: DeviceAddress): boolean {
  return isValidId(a.site) && isValidId(a.building) && isSystemName(a.system) && isValidId(a.device);
}

function bad(detail: string): Parsed<DeviceTopic> {
  return { ok: false, reason: 'bad_topic', detail };
}

/**
 * Parses a device topic. The detail names the failing level, never echoes the topic
 * (it is counted per device and reason, and a topic may hold anything).
 */
export function parseTopic(topic: string): Parsed<DeviceTopic> {
  const levels = topic.split('/');
  if (levels.length !== TOPIC_LEVELS) return bad(`expected ${TOPIC_LEVELS} levels, got ${levels.length}`);
  const [fd, version, site, building, system, device, kind] = levels as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (fd !== 'fd' || version !== 'v1') return bad(`root is not ${TOPIC_ROOT}`);
  if (!ID_RE.test(site)) return bad('site: invalid id');
  if (!ID_RE.test(building)) return bad('building: invalid id');
  if (!isSystemName(system)) return bad('system: not water|electric|heating');
  if (!ID_RE.test(device)) return bad('device: invalid id');
  if (!isMessageKind(kind)) return bad('kind: not telemetry|event|status');
  return { ok: true, value: { site, building, system, device, kind } };
}

/**
 * The topic a device publishes `kind` on. Throws a RangeError on an invalid address:
 * the result feeds mosquitto ACL lines, where an id like `#` or one with a newline would
 * grant far more than one device's topics.
 */
export function topicFor(address: DeviceAddress, kind: MessageKind): string {
  if (!isValidAddress(address))
    throw new RangeError('invalid device address (devices/CONTRACT.md: ids are [A-Za-z0-9_-]{1,64})');
  if (!isMessageKind(kind)) throw new RangeError(`invalid message kind: ${String(kind)}`);
  return `${TOPIC_ROOT}/${address.site}/${address.building}/${address.system}/${address.device}/${kind}`;
}

/**
 * Types of the device contract (devices/CONTRACT.md).
 * `devices/` knows nothing of GraphQL; `schema/` may import these types.
 */

/** The three building systems a device can belong to (devices/CONTRACT.md "Topics"). */
export const SYSTEMS = ['water', 'electric', 'heating'] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** The message kinds of the topic's last level (devices/CONTRACT.md "Topics"). */
export const MESSAGE_KINDS = ['telemetry', 'event', 'status'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Where a device sits: every level of `fd/v1/{site}/{building}/{system}/{device}/{kind}`. */
export interface DeviceAddress {
  site: string;
  building: string;
  system: SystemName;
  device: string;
}

export interface DeviceTopic extends DeviceAddress {
  kind: MessageKind;
}

/** One reading: the device's time (or arrival time) and metric name → finite number. */
export interface Reading {
  /** epoch milliseconds */
  ts: number;
  seq?: number;
  values: Record<string, number>;
}

/** A fault the device detected itself (`kind = event`); `active: false` clears it. */
export interface DeviceEvent {
  ts: number;
  code: string;
  message?: string;
  /** absent means true (devices/CONTRACT.md) */
  active?: boolean;
}

export type DeviceStatus = 'online' | 'offline';

/** Why a message was dropped; counted per device and reason in /metrics. */
export const REJECTION_REASONS = [
  'bad_topic',
  'unknown_device',
  'topic_mismatch',
  'too_large',
  'bad_json',
  'bad_shape',
  'bad_ts',
  'future_ts',
  'bad_value',
  'empty_values',
  'bad_status',
  'bad_event',
  'unknown_event_code',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: RejectionReason; detail?: string };

/** What the platform knows of a provisioned device (looked up by device id). */
export interface KnownDevice extends DeviceAddress {
  /** the primary key of the device's equipment in PostgreSQL */
  equipmentId: string;
  equipmentCode: string;
  /** expected seconds between telemetry messages; DEVICE_OFFLINE after 3 × this */
  intervalS: number;
  /** the equipment's rated current, for OVERCURRENT */
  ratedCurrentA: number | null;
}

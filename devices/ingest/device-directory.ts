import type { KnownDevice } from '../contract/types';

/**
 * The provisioned devices, as ingest sees them. Synchronous on purpose: the platform implements it
 * as an in-memory cache of PostgreSQL (refreshed when devices change), so ingest never touches
 * PostgreSQL per message (README "Architecture in a page").
 *
 * Return a NEW KnownDevice object when a device's data changes rather than mutating the old one:
 * the telemetry store caches each device's escaped series key per object.
 */
export interface DeviceDirectory {
  get(deviceId: string): KnownDevice | undefined;
  all(): Iterable<KnownDevice>;
}

import { parseEvent, parseStatus, parseTelemetry } from '../contract/payload';
import { parseTopic } from '../contract/topic';
import type { DeviceTopic, KnownDevice } from '../contract/types';
import type { FaultDetector } from '../faults/fault-detector';
import type { FaultEvent } from '../faults/fault-types';
import type { TelemetryStore } from '../telemetry/telemetry-store';
import type { DeviceDirectory } from './device-directory';
import type { DeviceRateLimit } from './device-rate-limit';
import type { IngestMetrics, IngestRejectReason } from './ingest-metrics';
import { type Log, LogThrottle, SILENT_LOG } from '../log';

export interface IngestDeps {
  directory: DeviceDirectory;
  /** only `write` is used (sync, never throws by contract; a fake in unit tests) */
  store: Pick<TelemetryStore, 'write'>;
  detector: Pick<FaultDetector, 'onReadings' | 'onStatus' | 'onEvent' | 'checkSilence'>;
  /** raise/clear events, in order; the platform hands them to the AlertService */
  sink: (events: FaultEvent[]) => void;
  metrics: IngestMetrics;
  /** messages per device: what is over it is dropped before its payload is parsed (counted `rate_limited`) */
  rateLimit: Pick<DeviceRateLimit, 'allow'>;
  /** wall clock in epoch ms: arrival time of messages */
  now?: () => number;
  log?: Log;
}

/** An internal error is logged at most this often; the counter has every one. */
const INTERNAL_LOG_EVERY_MS = 10_000;

/**
 * One MQTT message in, readings to the store, readings and statuses through the fault detector,
 * fault events to the sink. devices/CONTRACT.md: "A message that breaks the contract is counted (per device
 * and reason) and dropped, and never stops ingest": handle() never throws.
 */
export class Ingest {
  private readonly deps: IngestDeps;
  private readonly now: () => number;
  private readonly log: Log;
  private readonly internalLog = new LogThrottle(INTERNAL_LOG_EVERY_MS);

  constructor(deps: IngestDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? SILENT_LOG;
  }

  handle(topic: string, payload: Buffer): void {
    let device = 'unknown';
    try {
      const parsed = parseTopic(topic);
      if (!parsed.ok) {
        this.deps.metrics.messages.inc({ kind: 'unknown' });
        this.reject(parsed.reason, device);
        return;
      }
      const address = parsed.value;
      device = address.device;
      this.deps.metrics.messages.inc({ kind: address.kind });
      // The topic names the device the broker authenticated (its ACL allows a device only its
      // own topics), so one flooding device spends only its own budget.
      if (!this.deps.rateLimit.allow(address.device)) return this.reject('rate_limited', device);

      const known = this.deps.directory.get(address.device);
      if (!known) return this.reject('unknown_device', device);
      // The broker's ACL keeps a device on its own topics; this catches a device moved in the
      // desk (new building) whose firmware still publishes under the old address.
      if (!sameAddress(known, address)) return this.reject('topic_mismatch', device);

      this.route(known, address, payload);
    } catch (error) {
      try {
        this.reject('internal', device);
        this.logInternal(error, device);
      } catch {
        // a failing logger or registry must not stop ingest either
      }
    }
  }

  /** Runs the silence check (DEVICE_OFFLINE after 3 × the interval); the platform calls it every ~5 s. */
  tick(nowMs: number = this.now()): void {
    try {
      this.emit(this.deps.detector.checkSilence(nowMs, this.deps.directory.all()));
    } catch (error) {
      this.logInternal(error, 'tick');
    }
  }

  private route(device: KnownDevice, address: DeviceTopic, payload: Buffer): void {
    const arrivalMs = this.now();
    switch (address.kind) {
      case 'telemetry': {
        const readings = parseTelemetry(payload, arrivalMs);
        if (!readings.ok) return this.reject(readings.reason, device.device);
        this.deps.store.write(device, readings.value);
        this.deps.metrics.readings.inc(readings.value.length);
        this.emit(this.deps.detector.onReadings(device, readings.value, arrivalMs));
        return;
      }
      case 'status': {
        const status = parseStatus(payload);
        if (!status.ok) return this.reject(status.reason, device.device);
        this.emit(this.deps.detector.onStatus(device, status.value, arrivalMs));
        return;
      }
      case 'event': {
        const event = parseEvent(payload, arrivalMs);
        if (!event.ok) return this.reject(event.reason, device.device);
        // devices/CONTRACT.md: only the codes of event rules raise; anything else is refused
        const events = this.deps.detector.onEvent(device, event.value, arrivalMs);
        if (events === null) return this.reject('unknown_event_code', device.device);
        this.emit(events);
        return;
      }
    }
  }

  private emit(events: FaultEvent[]): void {
    if (events.length === 0) return;
    for (const e of events) this.deps.metrics.faultEvents.inc({ type: e.type });
    this.deps.sink(events);
  }

  private reject(reason: IngestRejectReason, device: string): void {
    this.deps.metrics.rejected.inc({ reason, device });
  }

  private logInternal(error: unknown, device: string): void {
    const droppedSinceLastLog = this.internalLog.due();
    if (droppedSinceLastLog === null) return;
    this.log.error('ingest: message dropped on an internal error', {
      device,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      droppedSinceLastLog,
    });
  }
}

function sameAddress(device: KnownDevice, topic: DeviceTopic): boolean {
  return device.site === topic.site && device.building === topic.building && device.system === topic.system;
}

import { Counter, Gauge, type Registry } from 'prom-client';
import type { RejectionReason } from '../contract/types';
import type { TelemetryStats } from '../telemetry/telemetry-store';

/**
 * Why ingest dropped a message: the contract's reasons, `rate_limited` for a device over its
 * message rate (devices/ingest/device-rate-limit.ts), and `internal` for a bug caught in handle().
 */
export type IngestRejectReason = RejectionReason | 'rate_limited' | 'internal';

export interface IngestMetrics {
  /** every message handled, by the topic's kind (`unknown` when the topic did not parse) */
  messages: Counter<'kind'>;
  /** readings accepted and handed to the store */
  readings: Counter<string>;
  /** mqtt.md: "counted (per device and reason) and dropped" */
  rejected: Counter<'reason' | 'device'>;
  /** FaultEvents handed to the sink, `raise` or `clear` */
  faultEvents: Counter<'type'>;
  /** the store whose stats the fd_telemetry_* metrics read at scrape time (or pass it to create) */
  watchStore(store: StatsSource): void;
}

type StatsSource = { stats(): TelemetryStats };

/**
 * Creates the ingest and telemetry metrics on `registry` (once per registry: prom-client refuses
 * a second metric of the same name). The fd_telemetry_* metrics are read from `store.stats()` at
 * scrape time, so the store keeps one set of numbers and needs no hooks.
 */
export function createIngestMetrics(registry: Registry, store?: StatsSource): IngestMetrics {
  let watched: StatsSource | null = store ?? null;
  const stats = (): TelemetryStats | null => watched?.stats() ?? null;
  const registers = [registry];

  const messages = new Counter({
    name: 'fd_ingest_messages_total',
    help: 'MQTT messages handled by ingest, by kind (telemetry, event, status, unknown)',
    labelNames: ['kind'] as const,
    registers,
  });
  const readings = new Counter({
    name: 'fd_ingest_readings_total',
    help: 'Readings accepted by ingest and queued for InfluxDB',
    registers,
  });
  const rejected = new Counter({
    name: 'fd_ingest_rejected_total',
    help: 'Messages dropped by ingest, by reason and device (the topic device level, or unknown)',
    labelNames: ['reason', 'device'] as const,
    registers,
  });
  const faultEvents = new Counter({
    name: 'fd_fault_events_total',
    help: 'Fault events (raise, clear) emitted by the fault detector',
    labelNames: ['type'] as const,
    registers,
  });

  new Gauge({
    name: 'fd_telemetry_queue_points',
    help: 'Points waiting to be written while InfluxDB is healthy',
    registers,
    collect() {
      this.set(stats()?.queuedPoints ?? 0);
    },
  });
  new Gauge({
    name: 'fd_telemetry_spool_points',
    help: 'Points held in memory after failed writes, retried with backoff',
    registers,
    collect() {
      this.set(stats()?.spooledPoints ?? 0);
    },
  });
  new Gauge({
    name: 'fd_telemetry_spool_disk_points',
    help: 'Points in the disk spool (DATA_DIR/telemetry-spool), replayed before newer points',
    registers,
    collect() {
      this.set(stats()?.diskSpoolPoints ?? 0);
    },
  });
  new Gauge({
    name: 'fd_telemetry_spool_disk_bytes',
    help: 'Bytes of the disk spool segment files (bounded by TELEMETRY_SPOOL_MAX_MB)',
    registers,
    collect() {
      this.set(stats()?.diskSpoolBytes ?? 0);
    },
  });
  new Counter({
    name: 'fd_telemetry_spilled_points_total',
    help: 'Points moved from the memory spool to the disk spool',
    registers,
    collect() {
      this.reset();
      this.inc(stats()?.spilledPoints ?? 0);
    },
  });
  // Counters mirrored from the store's own totals (monotonic there): reset + inc sets the value.
  new Counter({
    name: 'fd_telemetry_written_points_total',
    help: 'Points InfluxDB accepted',
    registers,
    collect() {
      this.reset();
      this.inc(stats()?.writtenPoints ?? 0);
    },
  });
  new Counter({
    name: 'fd_telemetry_write_failures_total',
    help: 'InfluxDB write requests that failed (then retried, or refused for good)',
    registers,
    collect() {
      this.reset();
      this.inc(stats()?.failedWrites ?? 0);
    },
  });
  new Counter({
    name: 'fd_telemetry_dropped_points_total',
    help: 'Points never written: refused by InfluxDB (400), dropped past the spool bound (overflow), abandoned at stop, lost in a corrupt disk spool segment',
    labelNames: ['reason'] as const,
    registers,
    collect() {
      const s = stats();
      this.reset();
      this.inc({ reason: 'refused' }, s?.refusedPoints ?? 0);
      this.inc({ reason: 'overflow' }, s?.overflowPoints ?? 0);
      this.inc({ reason: 'abandoned' }, s?.abandonedPoints ?? 0);
      this.inc({ reason: 'corrupt' }, s?.corruptPoints ?? 0);
    },
  });

  return {
    messages,
    readings,
    rejected,
    faultEvents,
    watchStore(source) {
      watched = source;
    },
  };
}

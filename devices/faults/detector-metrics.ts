import { Counter, type Registry } from 'prom-client';
import type { DetectorCounts } from './fault-detector';

/**
 * What the fault detector set aside, read from its counts at scrape time: a reading it does
 * not evaluate is never silent (a device with a fast clock shows here, not as a late alert).
 */
export function registerDetectorMetrics(registry: Registry, detector: { counts: DetectorCounts }): void {
  new Counter({
    name: 'fd_detector_readings_set_aside_total',
    help:
      'Readings the fault detector did not evaluate at their own time: out_of_order (older than the ' +
      "device's latest, not evaluated) or future_ts (stamped over 1 s ahead of arrival, evaluated at arrival)",
    labelNames: ['reason'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ reason: 'out_of_order' }, detector.counts.outOfOrderReadings);
      this.inc({ reason: 'future_ts' }, detector.counts.futureReadings);
    },
  });
}

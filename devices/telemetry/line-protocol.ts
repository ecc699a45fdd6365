import { escape } from 'influx';
import type { KnownDevice, Reading } from '../contract/types';

/**
 * InfluxDB 1.x line protocol for one reading: `telemetry,<tags> <fields> <ts>`.
 *
 * - Tags are the device's place and ids only (site, building, system, equipment, device): low
 *   cardinality; never seq or message ids, which would make every point its own series.
 * - Fields are always written as floats. Field types are fixed per shard in InfluxDB 1.x, so a
 *   metric first written as an integer (`1i`) would refuse `1.5` later. A bare number is a float in
 *   line protocol, and `String(n)` never adds the integer suffix, so 0/1 booleans stay floats too.
 * - The timestamp is the reading's ts in ms (write precision 'ms'): the same tags + ts name the same
 *   point, so a redelivered message overwrites it instead of adding one (mqtt.md "Telemetry payload").
 *
 * Lines are built with `Array#join`, which yields a flat string (~240 bytes for a heating reading);
 * `+=` builds a rope that costs ~3.5× the memory while the line waits in the spool.
 */

const FIELD_KEY_CACHE_MAX = 1024;

/** Builds lines for one measurement; caches each device's escaped series key. */
export class LineBuilder {
  private readonly measurement: string;
  /** keyed by object: the directory hands out a new KnownDevice when a device moves, so no stale key */
  private readonly seriesKeys = new WeakMap<KnownDevice, string>();
  /** metric names are few (mqtt.md "Metric names"); the bound only guards against a misbehaving device */
  private readonly fieldKeys = new Map<string, string>();

  constructor(measurement: string) {
    this.measurement = escape.measurement(measurement);
  }

  /** One line, or null when the reading has no finite value (a line needs at least one field). */
  line(device: KnownDevice, reading: Reading): string | null {
    const parts: string[] = [this.seriesKey(device)];
    let separator = ' ';
    for (const metric in reading.values) {
      const value = reading.values[metric];
      // The contract parser already refuses non-finite values; NaN would make the whole line unparsable.
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      parts.push(separator, this.fieldKey(metric), '=', String(value));
      separator = ',';
    }
    if (separator === ' ') return null;
    parts.push(' ', String(Math.round(reading.ts)));
    return parts.join('');
  }

  /** The measurement and tag set of a device, escaped once per KnownDevice object. */
  seriesKey(device: KnownDevice): string {
    let key = this.seriesKeys.get(device);
    if (key === undefined) {
      key = [
        this.measurement,
        ',site=',
        escape.tag(device.site),
        ',building=',
        escape.tag(device.building),
        ',system=',
        escape.tag(device.system),
        ',equipment=',
        escape.tag(device.equipmentId),
        ',device=',
        escape.tag(device.device),
      ].join('');
      this.seriesKeys.set(device, key);
    }
    return key;
  }

  private fieldKey(metric: string): string {
    let key = this.fieldKeys.get(metric);
    if (key === undefined) {
      key = escape.tag(metric);
      if (this.fieldKeys.size < FIELD_KEY_CACHE_MAX) this.fieldKeys.set(metric, key);
    }
    return key;
  }
}

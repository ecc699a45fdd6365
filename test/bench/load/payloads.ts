/**
 * Telemetry as the bench's water devices send it (devices/CONTRACT.md "Telemetry payload"): the four
 * metrics of a booster pump, always inside every default rule's limits, so the detector
 * evaluates every rule on every message and raises nothing. Strings are built by hand:
 * JSON.stringify per message would make the generator, not the platform, the bottleneck.
 */
export const METRICS_PER_MESSAGE = 4;

/** pressure 290..319 kPa (limits 100 / 350), flow 12.x m³/h, tank 80 %, pump on */
export function normalReading(ts: number, seq: number): string {
  const pressure = 290 + (seq % 30);
  return `{"ts":${ts},"seq":${seq},"values":{"pressure_kpa":${pressure},"flow_m3h":12.${seq % 10},"level_pct":80,"pump_running":1}}`;
}

/** WATER_LEAK raises at once on `leak` = 1 (devices/CONTRACT.md); it clears only after 60 s dry. */
export function leakReading(ts: number, seq: number): string {
  return `{"ts":${ts},"seq":${seq},"values":{"leak":1,"pressure_kpa":300,"flow_m3h":15.2,"level_pct":80,"pump_running":1}}`;
}

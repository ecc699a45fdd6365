import type { InfluxDB } from 'influx';

/**
 * One request, body = the batch's lines. `writePoints` puts a point's `measurement` into the body
 * verbatim (influx 5.12.0 lib/src/index.js `writePoints`), and a point without tags, fields or
 * timestamp adds nothing else, so the ready lines go to `/write` with the client's database, auth,
 * pool and timeout. The lines were escaped when they were built (line-protocol.ts); the
 * integration test reads the points back, so a library that began escaping it would fail there.
 *
 * Why ready lines rather than one IPoint object per reading: `writePoints` escapes every tag of
 * every point, where we escape a device's tags once, and the one-object-per-reading path was
 * measured slower with more Node CPU per batch (BENCHMARKS.md "ingest" is the figure kept).
 */
export function writeLines(influx: InfluxDB, lines: string[], retentionPolicy: string | undefined): Promise<void> {
  return influx.writePoints([{ measurement: lines.join('\n') }], { precision: 'ms', retentionPolicy });
}

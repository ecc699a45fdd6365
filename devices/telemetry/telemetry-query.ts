import { escape, type InfluxDB } from 'influx';

export interface TelemetryQuery {
  equipmentId: string;
  /** a metric of mqtt.md "Metric names", e.g. `pressure_kpa` */
  metric: string;
  from: Date;
  to: Date;
  /** InfluxQL duration of the mean buckets (`30s`, `5m`, `1h`); raw points when absent */
  every?: string;
}

export interface TelemetryPoint {
  ts: Date;
  value: number;
}

/**
 * A query that cannot be run as asked (bad metric name, bad `every`, bad range). The message says
 * what is wrong; the GraphQL layer maps this class to BAD_USER_INPUT, anything else is a server error.
 */
export class TelemetryQueryInputError extends Error {
  override name = 'TelemetryQueryInputError';
}

/** Raw points (and buckets) returned at most; a chart cannot show more, ask for `every` instead. */
export const TELEMETRY_POINTS_LIMIT = 10_000;

const METRIC_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const INFLUXQL_DURATION = /^[1-9][0-9]*(ms|s|m|h|d|w)$/;

export interface TelemetryQueryOptions {
  measurement?: string;
}

/** Readings of one metric of one equipment, oldest first; the mean per `every` bucket when given. */
export async function queryTelemetry(
  influx: InfluxDB,
  query: TelemetryQuery,
  options: TelemetryQueryOptions = {},
): Promise<TelemetryPoint[]> {
  const { equipmentId, metric, from, to, every } = query;
  if (!METRIC_NAME.test(metric)) {
    throw new TelemetryQueryInputError(`metric must match ${METRIC_NAME.source}, got "${clip(metric)}"`);
  }
  if (every !== undefined && !INFLUXQL_DURATION.test(every)) {
    throw new TelemetryQueryInputError(
      `every must be an InfluxQL duration such as 30s, 5m or 1h (${INFLUXQL_DURATION.source}), got "${clip(every)}"`,
    );
  }
  if (!(from instanceof Date) || !(to instanceof Date) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new TelemetryQueryInputError('from and to must be valid dates');
  }
  if (from.getTime() > to.getTime()) throw new TelemetryQueryInputError('from must not be after to');

  const field = escape.quoted(metric);
  const where = [
    `${escape.quoted('equipment')} = ${escape.stringLit(equipmentId)}`,
    `time >= ${from.getTime()}ms`,
    `time <= ${to.getTime()}ms`,
  ].join(' AND ');
  const measurement = escape.quoted(options.measurement ?? 'telemetry');
  const q = every
    ? `SELECT mean(${field}) FROM ${measurement} WHERE ${where} GROUP BY time(${every}) fill(none) LIMIT ${TELEMETRY_POINTS_LIMIT}`
    : `SELECT ${field} FROM ${measurement} WHERE ${where} LIMIT ${TELEMETRY_POINTS_LIMIT}`;

  const rows = firstSeriesValues(await influx.queryRaw(q, { precision: 'ms' }));
  const points: TelemetryPoint[] = [];
  for (const row of rows) {
    const [ts, value] = row;
    if (typeof ts === 'number' && typeof value === 'number') points.push({ ts: new Date(ts), value });
  }
  return points;
}

/**
 * Points stored, for tests and benchmarks. A point is one (series, time); InfluxQL counts fields,
 * so per series this takes the count of its most frequent field (every reading of a device carries
 * the same metrics in practice).
 */
export async function countPoints(
  influx: InfluxDB,
  equipmentId?: string,
  options: TelemetryQueryOptions = {},
): Promise<number> {
  const measurement = escape.quoted(options.measurement ?? 'telemetry');
  const where =
    equipmentId === undefined ? '' : ` WHERE ${escape.quoted('equipment')} = ${escape.stringLit(equipmentId)}`;
  const raw: unknown = await influx.queryRaw(`SELECT count(*) FROM ${measurement}${where} GROUP BY *`);
  let total = 0;
  for (const series of allSeries(raw)) {
    for (const row of series.values) {
      const counts = row.slice(1).filter((v): v is number => typeof v === 'number');
      total += counts.length > 0 ? Math.max(...counts) : 0;
    }
  }
  return total;
}

interface RawSeries {
  values: unknown[][];
}

/** The InfluxDB 1.x JSON answer: `{results: [{series: [{columns, values}], error?}]}`. */
function allSeries(raw: unknown): RawSeries[] {
  const results = (raw as { results?: Array<{ series?: RawSeries[]; error?: string }> } | null)?.results ?? [];
  const out: RawSeries[] = [];
  for (const result of results) {
    if (result.error) throw new Error(`InfluxDB query failed: ${result.error}`);
    for (const series of result.series ?? []) if (Array.isArray(series.values)) out.push(series);
  }
  return out;
}

function firstSeriesValues(raw: unknown): unknown[][] {
  return allSeries(raw)[0]?.values ?? [];
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

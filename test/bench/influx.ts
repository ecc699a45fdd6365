/** Counting what reached InfluxDB, over its HTTP API (InfluxQL), independently of the platform's code. */

/** `http://host:port/db` (the platform's banner) → count of `field` for devices matching `deviceRegex` in [fromMs, toMs]. */
export async function countPoints(
  influxUrl: string,
  field: string,
  deviceRegex: string,
  fromMs: number,
  toMs: number,
): Promise<number> {
  const url = new URL(influxUrl);
  const db = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const q =
    `SELECT count("${field}") FROM "telemetry" WHERE "device" =~ /${deviceRegex}/ ` +
    `AND time >= ${fromMs}ms AND time <= ${toMs}ms`;
  const query = new URL('/query', url.origin);
  query.searchParams.set('db', db);
  query.searchParams.set('q', q);
  const response = await fetch(query, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`InfluxDB ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as {
    results: Array<{ error?: string; series?: Array<{ values: Array<[unknown, number]> }> }>;
  };
  const result = body.results[0];
  if (result.error) throw new Error(`InfluxDB: ${result.error}`);
  return result.series?.[0]?.values[0]?.[1] ?? 0;
}

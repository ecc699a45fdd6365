/**
 * What a failed `/write` means for the batch (InfluxDB 1.x HTTP API).
 *
 * - 400: the server read the points and refused some or all of them for good ("partial write:
 *   points beyond retention policy dropped=N", "field type conflict … dropped=N", "unable to
 *   parse …"). Retrying cannot help, so those points are counted and dropped; the rest of a partial
 *   write was stored.
 * - Anything else (connection refused or reset, timeout, 5xx, and also 401/403/404/413/429, which an
 *   operator can fix while we wait): the server did not take the batch now. It is spooled and
 *   retried; the spool's bound, not a retry count, limits what an endless outage costs.
 *
 * The `influx` client raises `RequestError` (with `res.statusCode` and the body in `message`) for
 * 3xx/4xx and `ServiceNotAvailableError` for 5xx; neither class is exported, so we read the shape.
 */
export type WriteFailure = { retry: true; reason: string } | { retry: false; refusedPoints: number; reason: string };

export function classifyWriteError(error: unknown, batchPoints: number): WriteFailure {
  const status = statusCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status !== 400) return { retry: true, reason: status ? `HTTP ${status}: ${message}` : message };
  return { retry: false, refusedPoints: refusedCount(message, batchPoints), reason: message };
}

/**
 * `dropped=N` counts points refused after parsing; lines that fail to parse are reported separately
 * (1.6.7 answers "unable to parse '…': invalid boolean dropped=0" although that line was not stored).
 * A 400 without either names no count: the whole batch is taken as refused.
 */
function refusedCount(message: string, batchPoints: number): number {
  const dropped = /dropped=(\d+)/.exec(message);
  const unparsable = message.split('unable to parse').length - 1;
  if (!dropped && unparsable === 0) return batchPoints;
  return Math.min(batchPoints, (dropped ? Number(dropped[1]) : 0) + unparsable);
}

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('res' in error)) return undefined;
  const res = (error as { res?: { statusCode?: unknown } }).res;
  return typeof res?.statusCode === 'number' ? res.statusCode : undefined;
}

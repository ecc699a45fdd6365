/**
 * A query the desk re-runs: at most one request in flight and one queued behind it (a request
 * already sent when a reason to re-query arrived could miss that news), retried on a timer
 * while it fails.
 */

/**
 * @param {{ load(): Promise<object>, retryMs: number, isActive(): boolean,
 *           onData(data: object, requestedAt: number): void, onError(err: Error|null): void,
 *           retryOn?(err: Error): boolean }} options
 *   load: runs the query (or queries) and resolves with the data;
 *   onError(null) reports a success after a failure; auth errors are left to the api's handler.
 *   retryOn: which failures are worth retrying (default: all).
 */
export function createRefresher({ load, retryMs, isActive, onData, onError, retryOn = () => true }) {
  let inFlight = null;
  let again = false;
  let retryTimer = null;

  async function run() {
    const requestedAt = Date.now();
    try {
      const data = await load();
      if (!isActive()) return;
      onData(data, requestedAt);
      onError(null);
    } catch (err) {
      if (err.kind === 'auth' || !isActive()) return;
      onError(err);
      clearTimeout(retryTimer);
      if (retryOn(err)) retryTimer = setTimeout(() => isActive() && refresh(), retryMs);
    }
  }

  function refresh() {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    clearTimeout(retryTimer);
    inFlight = run().finally(() => {
      inFlight = null;
      if (again && isActive()) {
        again = false;
        refresh();
      }
    });
    return inFlight;
  }

  return {
    refresh,
    cancel() {
      again = false;
      clearTimeout(retryTimer);
    },
  };
}

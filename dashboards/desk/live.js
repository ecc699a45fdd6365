/**
 * The live feed: the WebSocket and the desk's subscriptions (app.js's handlers). Reports the connection
 * as connected | reconnecting | offline, and asks for a re-sync (`onResync`) after every
 * (re)connection, so nothing raised while the socket was down is lost.
 */

const RESYNC_DELAY_MS = 1_000;
const RESTART_MIN_MS = 5_000;
const RESTART_MAX_MS = 60_000;
/** A gap longer than this is shown as offline (red), a shorter one as reconnecting (amber). */
const OFFLINE_AFTER_MS = 30_000;

/**
 * @param {{ api: object, onState(state: string): void, onResync(): void, onError(err: Error|null): void,
 *           handlers: Record<string, (data: object) => void> }} options
 *   handlers: operation name → handler of its events (AlertRaised, AlertChanged, WorkOrderOpened,
 *   WorkOrderChanges, IncidentChanges)
 */
export function createLive({ api, onState, onResync, onError, handlers }) {
  let unsubscribes = [];
  let restartTimer = null;
  let resyncTimer = null;
  let offlineTimer = null;
  let restartDelay = RESTART_MIN_MS;
  let running = false;
  let connected = false;

  window.addEventListener('offline', () => running && onState('offline'));

  /** The connection is down: amber at once (red when the browser has no network), red after 30 s. */
  function down() {
    connected = false;
    onState(navigator.onLine === false ? 'offline' : 'reconnecting');
    if (!offlineTimer) offlineTimer = setTimeout(() => !connected && running && onState('offline'), OFFLINE_AFTER_MS);
  }

  function state(connectionState, info = {}) {
    if (connectionState === 'connected') {
      connected = true;
      clearTimeout(offlineTimer);
      offlineTimer = null;
      restartDelay = RESTART_MIN_MS;
      onState('connected');
      onError(null);
      // The subscribe messages go out right after the ack; re-query a moment later so the
      // snapshot is taken once the subscriptions are in place (no gap between the two).
      clearTimeout(resyncTimer);
      resyncTimer = setTimeout(onResync, RESYNC_DELAY_MS);
    } else if (connectionState === 'closed') {
      down();
      if (info.fatal || info.missingLibrary) restartSoon();
    }
  }

  /** A subscription ended with an error (the server refused it, or the client gave up). */
  function failed(err) {
    if (!running || err.kind === 'auth') return; // auth: the app is signing out
    onError(err);
    down();
    restartSoon();
  }

  /** Starts over with a fresh client, backing off from 5 s to 60 s. */
  function restartSoon() {
    if (!running || restartTimer) return;
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (!running) return;
      teardown();
      open();
    }, restartDelay);
    restartDelay = Math.min(restartDelay * 2, RESTART_MAX_MS);
  }

  function open() {
    down();
    if (!api.connect({ onState: state })) return;
    unsubscribes = Object.entries(handlers).map(([name, next]) => api.subscribe(name, { next, error: failed }));
  }

  function teardown() {
    for (const unsubscribe of unsubscribes) unsubscribe();
    unsubscribes = [];
    clearTimeout(resyncTimer);
    api.disconnect();
  }

  return {
    start() {
      running = true;
      open();
    },
    stop() {
      running = false;
      clearTimeout(offlineTimer);
      offlineTimer = null;
      clearTimeout(restartTimer);
      restartTimer = null;
      teardown();
    },
  };
}

/**
 * The desk's only door to the platform: GraphQL over HTTP (POST /graphql) and over
 * WebSocket (graphql-transport-ws, the vendor UMD global `graphqlWs`). Operation documents
 * are the files in ./operations, fetched once at run time, so the desk and the codegen
 * type-check share one source.
 */

/** Why a request failed: `network` (no answer), `auth` (401 / UNAUTHENTICATED), `graphql`, `http`. */
export class ApiError extends Error {
  constructor(kind, message, code = null) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.code = code;
  }
}

const REQUEST_TIMEOUT_MS = 15_000;
const documents = new Map();

/** Loads `operations/<name>.graphql` (cached; a failed load is retried on the next call). */
export function loadOperation(name) {
  if (!documents.has(name)) {
    const url = new URL(`operations/${name}.graphql`, import.meta.url);
    const loading = fetch(url).then((res) => {
      if (!res.ok) throw new ApiError('http', `operation ${name}: HTTP ${res.status}`);
      return res.text();
    });
    loading.catch(() => documents.delete(name));
    documents.set(name, loading);
  }
  return documents.get(name);
}

/** The `exp` of a JWT in epoch ms, or null when the token carries none (or is not a JWT). */
export function tokenExpiresAt(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { exp } = JSON.parse(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, '=')));
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

const isAuthCode = (code) => code === 'UNAUTHENTICATED' || code === 'UNAUTHORIZED';

/**
 * @param {{ getToken: () => string|null, onUnauthenticated: () => void }} options
 */
export function createApi({ getToken, onUnauthenticated }) {
  /** Runs an operation over HTTP and resolves with its `data`, or throws an ApiError. */
  async function request(name, variables = {}) {
    const query = await loadOperation(name).catch((err) => {
      throw err instanceof ApiError ? err : new ApiError('network', err.message);
    });
    const token = getToken();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    let res;
    try {
      res = await fetch('/graphql', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/graphql-response+json, application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables, operationName: name }),
        signal: controller.signal,
      });
    } catch (err) {
      throw new ApiError('network', err.name === 'AbortError' ? 'timeout' : err.message);
    } finally {
      clearTimeout(timer);
    }
    const body = await res.json().catch(() => null);
    const firstError = body?.errors?.[0];
    const code = firstError?.extensions?.code ?? null;
    if (res.status === 401 || isAuthCode(code)) {
      // Login itself answers UNAUTHENTICATED for wrong credentials: that is not a lost session.
      if (token && name !== 'Login') onUnauthenticated();
      throw new ApiError('auth', firstError?.message ?? 'unauthenticated', code ?? 'UNAUTHENTICATED');
    }
    if (firstError) throw new ApiError('graphql', firstError.message, code);
    if (!res.ok || !body?.data) throw new ApiError('http', `HTTP ${res.status}`);
    return body.data;
  }

  let client = null;
  let pongTimer = null;

  /**
   * Opens the WebSocket (eagerly, retrying forever with a capped back-off) and reports
   * `connecting | connected | closed` through `onState(state, { wasRetry, code })`.
   * A silent network is caught by a ping that must be answered within 5 s.
   */
  function connect({ onState }) {
    if (typeof window.graphqlWs?.createClient !== 'function') {
      onState('closed', { code: null, missingLibrary: true });
      return false;
    }
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    let socket = null;
    // Events of a client disposed meanwhile (logout, restart) must not touch the new one's state.
    let current = null; // assigned below; `connecting` already fires inside createClient
    const report = (state, info) => current !== null && client === current && onState(state, info);
    current = window.graphqlWs.createClient({
      url,
      lazy: false,
      keepAlive: 10_000,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) =>
        new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** retries, 30_000) + Math.random() * 1000)),
      connectionParams: () => ({ authorization: `Bearer ${getToken()}` }),
      onNonLazyError: () => report('closed', { code: null, fatal: true }),
      on: {
        connecting: () => report('connecting', {}),
        opened: (s) => (socket = s),
        connected: (s, _payload, wasRetry) => report('connected', { wasRetry }),
        closed: (event) => {
          clearTimeout(pongTimer);
          if (client !== current) return;
          // 4401 Unauthorized / 4403 Forbidden: the token is no longer accepted.
          if (event?.code === 4401 || event?.code === 4403) onUnauthenticated();
          report('closed', { code: event?.code ?? null });
        },
        ping: (received) => {
          if (received) return;
          pongTimer = setTimeout(() => {
            if (socket?.readyState === WebSocket.OPEN) socket.close(4408, 'Ping timeout');
          }, 5_000);
        },
        pong: (received) => received && clearTimeout(pongTimer),
      },
    });
    client = current;
    return true;
  }

  /**
   * Subscribes to an operation; `next(data)` per event, `error(err)` when the server ends it
   * with an error or the connection gives up. Returns the unsubscribe function.
   */
  function subscribe(name, { next, error, variables = {} }) {
    let stop = null;
    let stopped = false;
    loadOperation(name).then(
      (query) => {
        if (stopped || !client) return;
        stop = client.subscribe(
          { query, variables, operationName: name },
          {
            next: (msg) => (msg.errors?.length ? error(toApiError(msg.errors)) : next(msg.data)),
            error: (err) => !stopped && error(toApiError(err)),
            complete: () => {},
          },
        );
      },
      (err) => error(err),
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }

  function toApiError(err) {
    if (Array.isArray(err)) {
      const code = err[0]?.extensions?.code ?? null;
      if (isAuthCode(code)) onUnauthenticated();
      return new ApiError(isAuthCode(code) ? 'auth' : 'graphql', err[0]?.message ?? 'error', code);
    }
    if (err && typeof err.code === 'number') return new ApiError('network', `WebSocket closed (${err.code})`, err.code);
    return new ApiError('network', err?.message ?? String(err));
  }

  /** Closes the WebSocket for good (logout). */
  function disconnect() {
    clearTimeout(pongTimer);
    client?.dispose();
    client = null;
  }

  return { request, connect, subscribe, disconnect };
}

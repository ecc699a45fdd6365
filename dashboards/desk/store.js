/**
 * The desk's live state, free of DOM: alarms and open work orders keyed by id, fed by a
 * query snapshot and by subscription events, merged so that neither loses the other's news.
 */

const SEVERITY_RANK = { CRITICAL: 0, MAJOR: 1, MINOR: 2, WARNING: 3 };

/**
 * Statuses that stay on the alarm list. CLEARED_UNACK stays until acknowledged
 * (ISA-18.2: a returned-to-normal alarm still needs the operator's acknowledgement);
 * CLEARED and SHELVED leave the list.
 */
export const LISTED_ALERT_STATUSES = new Set(['ACTIVE_UNACK', 'ACTIVE_ACK', 'CLEARED_UNACK']);

/** Work order statuses still worth watching on the desk (the platform's `open` filter). */
export const OPEN_WORK_ORDER_STATUSES = new Set(['OPEN', 'DISPATCHED', 'IN_PROGRESS', 'ON_HOLD', 'RESOLVED']);

/** The work order board's columns: still to be worked, verified or closed. */
export const BOARD_STATUSES = ['OPEN', 'DISPATCHED', 'IN_PROGRESS', 'ON_HOLD', 'RESOLVED', 'VERIFIED'];

const time = (iso) => (iso ? new Date(iso).getTime() : 0);

/** Severity first (critical on top), then newest first. */
export function compareAlerts(a, b) {
  const bySeverity = (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9);
  return bySeverity || time(b.raisedAt) - time(a.raisedAt) || String(a.id).localeCompare(String(b.id));
}

/** Newest first (by opening time, then by number). */
export function compareWorkOrders(a, b) {
  return time(b.createdAt) - time(a.createdAt) || String(b.number).localeCompare(String(a.number));
}

/** The deadline a work order is racing now: respondBy until someone responded, then resolveBy. */
export function nextDeadline(wo) {
  if (!wo.respondedAt && (wo.status === 'OPEN' || wo.status === 'DISPATCHED'))
    return { kind: 'respond', at: wo.respondBy };
  if (!wo.resolvedAt && wo.status !== 'RESOLVED' && wo.status !== 'VERIFIED')
    return { kind: 'resolve', at: wo.resolveBy };
  return null;
}

/** Whether `mine` is a later version of the work order than `theirs` (false when either has none). */
export const isNewerVersion = (mine, theirs) =>
  typeof mine?.version === 'number' && typeof theirs?.version === 'number' && mine.version > theirs.version;

/** The board's order: overdue first, then the nearest deadline, then newest. */
export function compareByDeadline(a, b) {
  const due = (w) => time(nextDeadline(w)?.at) || Number.MAX_SAFE_INTEGER;
  return Number(Boolean(b.overdue)) - Number(Boolean(a.overdue)) || due(a) - due(b) || compareWorkOrders(a, b);
}

/** Merges `patch` into `base`, deeply for plain objects, ignoring undefined values. */
export function merge(base, patch) {
  const out = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const old = out[key];
    const plain = value && typeof value === 'object' && !Array.isArray(value);
    out[key] = plain && old && typeof old === 'object' ? merge(old, value) : value;
  }
  return out;
}

/**
 * A keyed collection with snapshot/event merging. `keep(item)` says whether an item stays.
 * `stamp(now)` is the time a query was sent: items a subscription touched after that time are
 * newer than the snapshot and survive it even when the snapshot lacks them.
 */
class KeyedStore {
  #items = new Map();
  #touchedAt = new Map();
  /** items an event took off the list, until a later snapshot: an older answer must not bring them back */
  #gone = new Map();
  #listeners = new Set();
  totalCount = 0;
  loaded = false;
  error = null;

  /** `newer(mine, theirs)`: whether an item an event touched is newer than the snapshot's copy. */
  constructor(keep, compare, newer = () => false) {
    this.keep = keep;
    this.compare = compare;
    this.newer = newer;
  }

  onChange(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit() {
    for (const listener of this.#listeners) listener(this);
  }

  get(id) {
    return this.#items.get(String(id)) ?? null;
  }

  list() {
    return [...this.#items.values()].sort(this.compare);
  }

  get size() {
    return this.#items.size;
  }

  /** Replaces the contents with a query result that was requested at `requestedAt` (epoch ms). */
  snapshot(nodes, totalCount, requestedAt) {
    const next = new Map();
    for (const node of nodes) {
      const id = String(node.id);
      const mine = this.#items.get(id) ?? this.#gone.get(id);
      // a query answered after a newer event (or move) must not bring the older copy back
      const keepMine = mine && (this.#touchedAt.get(id) ?? 0) > requestedAt && this.newer(mine, node);
      const item = keepMine ? mine : node;
      if (this.keep(item)) next.set(id, item);
    }
    for (const [id, item] of this.#items) {
      const touched = this.#touchedAt.get(id) ?? 0;
      if (!next.has(id) && touched > requestedAt && this.keep(item)) next.set(id, item);
    }
    this.#items = next;
    for (const [id, touched] of this.#touchedAt) {
      if (!next.has(id) && touched <= requestedAt) this.#touchedAt.delete(id);
    }
    for (const id of this.#gone.keys()) if (!this.#touchedAt.has(id) || next.has(id)) this.#gone.delete(id);
    this.totalCount = Math.max(totalCount ?? 0, next.size);
    this.loaded = true;
    this.error = null;
    this.emit();
  }

  /**
   * Applies an event (a whole item or a partial one). Returns `added`, `updated`, `removed`,
   * or `unknown` (a partial update for an id never seen: the caller should re-query).
   */
  upsert(patch, { partial = false } = {}) {
    const id = String(patch.id);
    const old = this.#items.get(id);
    if (!old && partial) return this.keep(patch) ? 'unknown' : 'ignored';
    if (old && this.newer(old, patch)) return 'ignored'; // an event older than what is shown
    const item = old ? merge(old, patch) : patch;
    this.#touchedAt.set(id, Date.now());
    let result;
    if (!this.keep(item)) {
      result = old ? 'removed' : 'ignored';
      this.#items.delete(id);
      if (old) this.#gone.set(id, item);
    } else {
      result = old ? 'updated' : 'added';
      this.#items.set(id, item);
    }
    if (result !== 'ignored') {
      if (result === 'added') this.totalCount += 1;
      if (result === 'removed') this.totalCount = Math.max(0, this.totalCount - 1);
      this.emit();
    }
    return result;
  }

  fail(error) {
    this.error = error;
    this.emit();
  }

  clear() {
    this.#items.clear();
    this.#touchedAt.clear();
    this.#gone.clear();
    this.totalCount = 0;
    this.loaded = false;
    this.error = null;
    this.emit();
  }
}

export function createAlertStore() {
  const store = new KeyedStore((a) => LISTED_ALERT_STATUSES.has(a.status), compareAlerts);
  /** Unacknowledged alarms (active or cleared): what the operator still owes a look at. */
  store.unackedCount = () => store.list().filter((a) => a.status.endsWith('_UNACK')).length;
  /** Links a work order opened after its alarm was listed. */
  store.attachWorkOrder = (alertId, workOrder) => {
    const alert = store.get(alertId);
    if (alert && !alert.workOrder) store.upsert({ id: alert.id, workOrder });
  };
  return store;
}

export function createWorkOrderStore() {
  return new KeyedStore((w) => !w.status || OPEN_WORK_ORDER_STATUSES.has(w.status), compareWorkOrders);
}

export function createBoardStore() {
  const listed = new Set(BOARD_STATUSES);
  return new KeyedStore((w) => !w.status || listed.has(w.status), compareByDeadline, isNewerVersion);
}

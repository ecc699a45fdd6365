/**
 * The monitoring desk's queries, each coalesced and retried while it fails (refresh.js): the
 * alarm list, the opened work orders, and what decorates the header (who is signed in, the site).
 */
import { createRefresher } from './refresh.js';
import { problemOf } from './banner-view.js';

const RETRY_MS = 15_000; // a failed query is retried (network down, server restarting)

/**
 * @param {{ api: object, alerts: object, workOrders: object, isActive(): boolean,
 *           setProblem(source: string, problem: object|null): void,
 *           onMe(staff: object): void, onBuildings(buildings: object[]): void }} deps
 */
export function createDeskQueries({ api, alerts, workOrders, isActive, setProblem, onMe, onBuildings }) {
  function refresher(source, load, onData, store) {
    const onError = (err) => {
      if (err) store.fail(err);
      setProblem(source, err ? problemOf(err) : null);
    };
    return createRefresher({ load, retryMs: RETRY_MS, isActive, onData, onError });
  }

  /** For what only decorates the header (operator, site): no banner, retried only on network errors. */
  function quietRefresher(name, onData) {
    const retryOn = (err) => err.kind === 'network';
    return createRefresher({
      load: () => api.request(name),
      retryMs: RETRY_MS,
      isActive,
      onData,
      onError() {},
      retryOn,
    });
  }

  /**
   * The alarm list, one request: ActiveAlerts' `alerts` (not yet cleared) plus its
   * `clearedUnacked` (cleared but unacknowledged, which the list keeps until acknowledged,
   * ISA-18.2). The store keys rows by id, so an alarm that cleared between the two selections
   * and comes back in both is listed once.
   */
  async function loadAlerts() {
    const { alerts: active, clearedUnacked } = await api.request('ActiveAlerts');
    const nodes = [...active.nodes, ...clearedUnacked.nodes];
    return { nodes, totalCount: active.totalCount + clearedUnacked.totalCount };
  }

  return {
    alerts: refresher('alerts', loadAlerts, (d, at) => alerts.snapshot(d.nodes, d.totalCount, at), alerts),
    workOrders: refresher(
      'workOrders',
      () => api.request('OpenWorkOrders'),
      (d, at) => workOrders.snapshot(d.workOrders.nodes, d.workOrders.totalCount, at),
      workOrders,
    ),
    me: quietRefresher('Me', (d) => d.me && onMe(d.me)),
    buildings: quietRefresher('Buildings', (d) => onBuildings(d.buildings ?? [])),
  };
}

/**
 * The service desk on the operator's one screen: a tab strip over the monitoring desk, the
 * call console, the work order board (with the opened work order beside it) and, for the
 * supervisor and up, the escalations. Board and escalations are queried on start and on every
 * re-sync, and kept current by workOrderOpened / workOrderChanged (live.js). Incidents, callbacks
 * and the shift handover are resident-loop.js's.
 */
import { h } from './dom.js';
import { createBoardStore } from './store.js';
import { createRefresher } from './refresh.js';
import { watchesEscalations } from './lifecycle.js';
import { createDeskTabs } from './desk-tabs.js';
import { createCallConsole } from './call-console.js';
import { createBoardView } from './board-view.js';
import { createWorkOrderPanel } from './wo-panel.js';
import { createEscalationsView } from './escalations-view.js';
import { createResidentLoop } from './resident-loop.js';
import { createKpiView } from './kpi-view.js';
import { problemOf } from './banner-view.js';

const RETRY_MS = 15_000;

/**
 * @param {{ api: object, setProblem(source: string, problem: object|null): void, beeper: object,
 *           monitorPanes: HTMLElement[], isActive(): boolean }} deps
 */
export function createServiceDesk({ api, setProblem, beeper, monitorPanes, isActive }) {
  let role = null;
  const board = createBoardStore();
  const tabsEl = h('nav', { class: 'desk-tabs', testid: 'desk-tabs' });
  const consoleEl = h('section', { class: 'panel console', testid: 'call-console' });
  const boardEl = h('section', { class: 'panel board', testid: 'board' });
  const panelEl = h('aside', { class: 'panel wo-panel' });
  const escEl = h('section', { class: 'panel escalations', testid: 'escalations' });
  const kpiEl = h('section', { class: 'panel kpis' });
  const loop = createResidentLoop({
    api,
    onOpenWorkOrder: (id) => (tabs.show('board'), openWorkOrder(id)),
    setCount: (id, n) => tabs.setCount(id, n),
  });
  const areas = [
    h('main', { class: 'sd-area console-area' }, consoleEl),
    h('main', { class: 'sd-area board-area' }, boardEl, panelEl),
    h('main', { class: 'sd-area esc-area' }, escEl),
    h('main', { class: 'sd-area kpi-area' }, kpiEl),
    ...loop.areas,
  ];

  const tabs = createDeskTabs(tabsEl, {
    tabs: [
      { id: 'monitor', label: 'tab.monitor', panes: monitorPanes },
      { id: 'console', label: 'tab.console', panes: [areas[0]] },
      { id: 'board', label: 'tab.board', panes: [areas[1]] },
      { id: 'escalations', label: 'tab.escalations', panes: [areas[2]] },
      { id: 'kpis', label: 'tab.kpis', panes: [areas[3]] },
      { id: 'incidents', label: 'tab.incidents', panes: [areas[4]] },
      { id: 'callbacks', label: 'tab.callbacks', panes: [areas[5]] },
    ],
    onShow: (id) => {
      if (id === 'console') callConsole.focus();
      else if (id === 'kpis') kpiView.load();
      else loop.shown(id);
    },
  });
  tabsEl.append(loop.handoverButton);
  const callConsole = createCallConsole(consoleEl, {
    api,
    onWorkOrder: (wo) => {
      if (board.upsert(wo, { partial: true }) === 'unknown') refreshers.board.refresh();
      loop.changed(); // a request joined an incident: its counts moved
    },
  });
  const boardView = createBoardView(boardEl, { onOpen: openWorkOrder, onRetry: () => refreshers.board.refresh() });
  const panel = createWorkOrderPanel(panelEl, {
    api,
    getRole: () => role,
    onMoved: (wo) => board.upsert(wo, { partial: true }),
    onClose: closeWorkOrder,
  });
  const escalations = createEscalationsView(escEl, {
    onOpen: (id) => (tabs.show('board'), openWorkOrder(id)),
    onCount: (n) => tabs.setCount('escalations', n),
  });
  const kpiView = createKpiView(kpiEl, { api });
  board.onChange(() => boardView.render(board));

  function refresher(source, name, onData, store) {
    return createRefresher({
      load: () => api.request(name),
      retryMs: RETRY_MS,
      isActive: () => isActive() && role !== null,
      onData,
      onError: (err) => {
        if (err && store) store.fail(err);
        setProblem(source, err ? problemOf(err) : null);
      },
    });
  }
  const refreshers = {
    board: refresher(
      'board',
      'BoardWorkOrders',
      (d, at) => board.snapshot(d.workOrders.nodes, d.workOrders.totalCount, at),
      board,
    ),
    notifications: refresher('notifications', 'Notifications', (d) => {
      const fresh = escalations.set(d.notifications);
      if (fresh.length) beeper.beep('MAJOR');
    }),
  };
  const watching = () => watchesEscalations(role);

  function openWorkOrder(id) {
    boardView.select(id);
    areas[1].classList.add('has-panel');
    panel.open(String(id));
  }

  function closeWorkOrder() {
    panel.close();
    boardView.select(null);
    areas[1].classList.remove('has-panel');
  }

  document.addEventListener('keydown', (e) => {
    if (!tabsEl.isConnected || role === null) return;
    if (e.key === 'F2') {
      e.preventDefault();
      tabs.show('console');
    } else if (
      e.key === 'Escape' &&
      tabs.active === 'board' &&
      panel.workOrderId &&
      !document.querySelector('dialog[open]')
    ) {
      closeWorkOrder();
    }
  });

  return {
    tabsEl,
    areas,
    start(staff) {
      role = staff?.role ?? null;
      tabs.setVisible([
        'monitor',
        'console',
        'board',
        ...(watching() ? ['escalations', 'kpis'] : []),
        ...loop.tabsFor(role),
      ]);
      loop.start(staff);
      this.resync();
    },
    stop() {
      role = null;
      for (const r of Object.values(refreshers)) r.cancel();
      closeWorkOrder();
      callConsole.reset();
      board.clear();
      escalations.clear();
      loop.stop();
      kpiView.clear();
      tabs.show('monitor');
    },
    resync() {
      refreshers.board.refresh();
      if (watching()) refreshers.notifications.refresh();
      loop.resync();
    },
    workOrderOpened(wo) {
      board.upsert(wo);
      if (watching()) refreshers.notifications.refresh();
      loop.changed();
    },
    workOrderChanged(change) {
      const before = board.get(change.id);
      if (board.upsert(change, { partial: true }) === 'unknown') refreshers.board.refresh();
      panel.changed(change);
      callConsole.workOrderChanged(change);
      const escalated = change.escalationLevel > 0 && before?.escalationLevel !== change.escalationLevel;
      if (escalated && watching()) refreshers.notifications.refresh();
      loop.changed();
    },
    /** Live: an alarm raised or changed (it may open or end an incident). */
    alertChanged: () => loop.changed(),
    incidentChanged: () => loop.incidentChanged(),
    setAlarmCount: (n) => tabs.setCount('monitor', n),
    relabel() {
      tabs.relabel();
      callConsole.relabel();
      boardView.relabel();
      panel.relabel();
      escalations.relabel();
      loop.relabel();
      kpiView.relabel();
    },
    tick(now = Date.now()) {
      boardView.tick(now);
      panel.tick(now);
      escalations.tick(now);
      loop.tick(now);
    },
  };
}

/**
 * The monitoring desk's wiring: session → screens → data. Views render the stores; the
 * stores are fed by queries (on load, on every reconnect, and on a slow safety timer) and by
 * the live subscriptions. Nothing here ever needs a page reload.
 */
import { createApi } from './api.js';
import { h } from './dom.js';
import { t, getLang, onLangChange } from './i18n.js';
import { createAlertStore, createWorkOrderStore } from './store.js';
import { readSession, saveSession, clearSession, watchExpiry } from './session.js';
import { createLive } from './live.js';
import { createDeskQueries } from './desk-queries.js';
import { createBeeper } from './sound.js';
import { askAcknowledgeNote, closeAcknowledgeDialog } from './ack-dialog.js';
import { createLoginView } from './login-view.js';
import { createHeaderView } from './header-view.js';
import { createAlertsView } from './alerts-view.js';
import { createWorkOrdersView } from './work-orders-view.js';
import { createDetailView } from './detail-view.js';
import { createBanner, problemOf } from './banner-view.js';
import { createServiceDesk } from './service-desk.js';
import { createTechScreen, isTechView } from './tech-screen.js';

const WORK_ORDERS_REFRESH_MS = 60_000; // safety net and server-computed `overdue` flags
const ALERTS_RESYNC_MS = 5 * 60_000; // safety net: a dropped event can't linger for long

let session = readSession();
const api = createApi({ getToken: () => session?.token ?? null, onUnauthenticated: () => logout('login.expired') });
const alerts = createAlertStore();
const workOrders = createWorkOrderStore();
const beeper = createBeeper();
document.documentElement.lang = getLang();

// ---- screens ----
const app = document.getElementById('app');
const loginRoot = h('main', { class: 'login-screen' });
const headerEl = h('header', { class: 'app-header' });
const bannerEl = h('div', { class: 'banner', testid: 'error-banner', role: 'alert' });
const alarmsEl = h('section', { class: 'panel alarms' });
const detailEl = h('section', { class: 'panel detail' });
const sideEl = h('aside', { class: 'panel side' });
const mainEl = h('main', { class: 'desk-main' }, alarmsEl, detailEl, sideEl);
const banner = createBanner(bannerEl);
const setProblem = (source, problem) => banner.set(source, problem);
const isActive = () => session !== null;
const serviceDesk = createServiceDesk({ api, setProblem, beeper, monitorPanes: [mainEl], isActive });
const deskRoot = h('div', { class: 'desk' }, headerEl, serviceDesk.tabsEl, bannerEl, mainEl, ...serviceDesk.areas);
const onConnection = (connection) => header.set({ connection });
const tech = createTechScreen({ api, headerEl, bannerEl, onConnection, setProblem });

const login = createLoginView(loginRoot, { api, onLoggedIn: startSession });
const header = createHeaderView(headerEl, { onLogout: () => logout('login.loggedOut'), onSound: setSound });
const alertsView = createAlertsView(alarmsEl, {
  onSelect: selectAlert,
  onAck: acknowledge,
  onRetry: () => refreshAlerts(),
});
const woView = createWorkOrdersView(sideEl, { onSelect: selectWorkOrder, onRetry: () => refreshWorkOrders() });
const detail = createDetailView(detailEl, { api, alerts, onClose: closeDetail });

/** Only the active screen is in the document (so each data-testid is unique on the page). */
const showScreen = (root) => app.replaceChildren(root);

function updateTitle() {
  const unacked = alerts.unackedCount();
  document.title = `${unacked ? `(${unacked}) ` : ''}${t('app.title')} · FacilityDesk`;
}

alerts.onChange(() => {
  alertsView.render(alerts);
  detail.refresh();
  updateTitle();
  serviceDesk.setAlarmCount(alerts.unackedCount());
});
workOrders.onChange(() => woView.render(workOrders));
onLangChange(() => {
  login.render();
  header.render();
  alertsView.relabel();
  woView.relabel();
  detail.relabel();
  banner.render();
  serviceDesk.relabel();
  tech.relabel();
  updateTitle();
});

// ---- queries ----
const refreshers = createDeskQueries({
  api,
  alerts,
  workOrders,
  isActive,
  setProblem,
  onMe: updateStaff,
  onBuildings: (buildings) => header.set({ buildings }),
});
const refreshAlerts = () => refreshers.alerts.refresh();
const refreshWorkOrders = () => refreshers.workOrders.refresh();

function updateStaff(staff) {
  session = { ...session, staff };
  saveSession(session);
  header.set({ staff });
}

// ---- live events ----
const live = createLive({
  api,
  onState: onConnection,
  onResync: () => {
    refreshAlerts();
    refreshWorkOrders();
    serviceDesk.resync();
  },
  onError: (err) => setProblem('live', err && err.kind !== 'network' ? problemOf(err) : null),
  handlers: {
    AlertRaised: ({ alertRaised: alert }) => {
      if (!alert) return;
      if (alerts.upsert(alert) === 'added') beeper.beep(alert.severity);
      alertsView.flash(alert.id);
      serviceDesk.alertChanged();
    },
    AlertChanged: ({ alertChanged: change }) => {
      if (!change) return;
      // the detail pane too: it keeps showing the alarm after a change takes it off the list
      detail.applyAlertChange(change);
      if (alerts.upsert(change, { partial: true }) === 'unknown') refreshAlerts();
      serviceDesk.alertChanged();
    },
    WorkOrderOpened: ({ workOrderOpened: wo }) => {
      if (!wo) return;
      workOrders.upsert(wo);
      woView.flash(wo.id);
      if (wo.alert?.id) alerts.attachWorkOrder(wo.alert.id, { id: wo.id, number: wo.number, status: wo.status });
      serviceDesk.workOrderOpened(wo);
    },
    WorkOrderChanges: ({ workOrderChanged: change }) => {
      if (!change) return;
      if (workOrders.upsert(change, { partial: true }) === 'unknown') refreshWorkOrders();
      serviceDesk.workOrderChanged(change);
    },
    IncidentChanges: ({ incidentChanged: incident }) => incident && serviceDesk.incidentChanged(),
  },
});

// ---- selection and actions ----
function showDetail(alertId, workOrderId) {
  alertsView.select(alertId);
  woView.select(workOrderId);
  mainEl.classList.toggle('has-detail', alertId !== null || workOrderId !== null);
}

function selectAlert(id) {
  showDetail(id, alerts.get(id)?.workOrder?.id ?? null);
  detail.open({ alertId: id });
}

function selectWorkOrder(id) {
  showDetail(workOrders.get(id)?.alert?.id ?? null, id);
  detail.open({ workOrderId: id });
}

function closeDetail() {
  detail.close();
  showDetail(null, null);
}

async function acknowledge(alert) {
  const answer = await askAcknowledgeNote(alert);
  if (!answer || !session) return;
  alertsView.setAckPending(alert.id, true);
  try {
    const data = await api.request('AcknowledgeAlert', { id: alert.id, note: answer.note });
    detail.applyAlertChange(data.acknowledgeAlert);
    alerts.upsert(data.acknowledgeAlert, { partial: true });
    setProblem('ack', null);
  } catch (err) {
    alertsView.setAckPending(alert.id, false);
    const reason = err.kind === 'network' ? t('error.network') : err.message;
    if (err.kind !== 'auth') setProblem('ack', { key: 'error.ackFailed', params: { detail: reason } });
  }
}

function setSound(on) {
  beeper.setEnabled(on);
  header.set({ sound: beeper.enabled });
}

document.addEventListener('keydown', (e) => {
  const open = detail.alertId !== null || detail.workOrderId !== null;
  if (e.key === 'Escape' && open && !document.querySelector('dialog[open]')) closeDetail();
});

// ---- session lifecycle ----
let timers = [];
let stopExpiry = () => {};

function startSession(newSession) {
  session = newSession;
  saveSession(session);
  startDesk();
}

function startDesk() {
  login.hide();
  if (isTechView(session.staff)) {
    stopExpiry = watchExpiry(session.token, () => logout('login.expired'));
    showScreen(tech.root);
    header.set({ staff: session.staff, connection: 'reconnecting', sound: beeper.enabled });
    tech.start();
    return;
  }
  deskRoot.prepend(headerEl, serviceDesk.tabsEl, bannerEl);
  showScreen(deskRoot);
  header.set({ staff: session.staff, connection: 'reconnecting', sound: beeper.enabled });
  stopExpiry = watchExpiry(session.token, () => logout('login.expired'));
  for (const r of Object.values(refreshers)) r.refresh();
  serviceDesk.start(session.staff);
  live.start();
  timers = [
    setInterval(() => (header.tick(), woView.tick(), detail.tick(), serviceDesk.tick()), 1_000),
    setInterval(() => alertsView.tick(), 15_000),
    setInterval(() => (refreshWorkOrders(), detail.reload(), serviceDesk.resync()), WORK_ORDERS_REFRESH_MS),
    setInterval(refreshAlerts, ALERTS_RESYNC_MS),
  ];
  updateTitle();
}

function logout(messageKey) {
  if (!session) return;
  session = null;
  clearSession();
  stopExpiry();
  live.stop();
  tech.stop();
  serviceDesk.stop();
  timers.forEach(clearInterval);
  for (const r of Object.values(refreshers)) r.cancel();
  closeAcknowledgeDialog();
  closeDetail();
  alerts.clear();
  workOrders.clear();
  banner.clear();
  showScreen(loginRoot);
  login.show(messageKey);
  updateTitle();
}

if (session) startDesk();
else {
  showScreen(loginRoot);
  login.show();
  updateTitle();
}

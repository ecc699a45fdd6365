/**
 * The active alarm list: one row per alarm episode, keyed by id and updated in place (so
 * focus and the new-alarm highlight survive updates). Severity is colour *and* text
 * (WCAG 1.4.1 Use of Color); unacknowledged rows carry an Acknowledge button.
 */
import { h, fill, reconcile } from './dom.js';
import { t, tEnum, faultName, formatTime, formatRelative, formatNumber, getLang } from './i18n.js';
import { severityChip, alertStatus } from './parts.js';

const COLUMNS = [
  'severity',
  'fault',
  'equipment',
  'building',
  'raisedAt',
  'occurrences',
  'status',
  'workOrder',
  'action',
];
const FLASH_MS = 6_000;

/**
 * @param {HTMLElement} root
 * @param {{ onSelect(alertId: string): void, onAck(alert: object): void, onRetry(): void }} handlers
 */
export function createAlertsView(root, { onSelect, onAck, onRetry }) {
  const title = h('h2', { id: 'alarms-title' });
  const count = h('span', { class: 'count-badge', testid: 'alert-count', 'aria-live': 'polite' });
  const unacked = h('span', { class: 'unacked-badge' });
  const truncated = h('span', { class: 'muted small' });
  const headRow = h('tr');
  const tbody = h('tbody');
  const table = h('table', { class: 'alarm-table', 'aria-labelledby': 'alarms-title' }, h('thead', {}, headRow), tbody);
  const state = h('div', { class: 'panel-state', role: 'status' });
  const rows = new Map(); // alert id → <tr>
  let selectedId = null;
  let lastStore = null;

  fill(
    root,
    h('header', { class: 'panel-head' }, title, count, unacked, h('span', { class: 'spacer' }), truncated),
    h('div', { class: 'table-wrap' }, table, state),
  );

  renderHead();
  function renderHead() {
    title.textContent = t('alerts.title');
    fill(
      headRow,
      COLUMNS.map((c) => h('th', { scope: 'col', class: `col-${c}` }, t(`col.${c}`))),
    );
  }

  function renderRow(tr, alert) {
    const unack = alert.status.endsWith('_UNACK');
    const cleared = alert.status.startsWith('CLEARED');
    const sev = String(alert.severity).toLowerCase();
    const flashing = tr.classList.contains('is-new');
    tr.className = `alarm-row sev-${sev}${unack ? ' is-unack' : ''}${cleared ? ' is-cleared' : ''}${flashing ? ' is-new' : ''}`;
    if (alert.id === selectedId) tr.classList.add('is-selected');
    Object.assign(tr.dataset, {
      alertId: alert.id,
      faultCode: alert.faultCode,
      status: alert.status,
      severity: alert.severity,
    });
    const equipment = alert.equipment ?? {};
    const building = equipment.building;
    const wo = alert.workOrder;
    const ack = unack
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn-ack',
            testid: 'ack-button',
            onclick: (e) => (e.stopPropagation(), onAck(alert)),
          },
          t('ack.button'),
        )
      : null;
    fill(
      tr,
      h('td', { class: 'col-severity' }, severityChip(alert.severity)),
      h(
        'td',
        { class: 'col-fault' },
        h('div', { class: 'strong' }, faultName(alert.faultCode)),
        h('div', { class: 'code' }, alert.faultCode),
      ),
      h(
        'td',
        { class: 'col-equipment' },
        h('div', { class: 'mono' }, equipment.code ?? '—'),
        equipment.name ? h('div', { class: 'muted small' }, equipment.name) : null,
      ),
      h(
        'td',
        { class: 'col-building' },
        building?.name ?? '—',
        building?.code ? h('div', { class: 'code' }, building.code) : null,
      ),
      h(
        'td',
        { class: 'col-raisedAt' },
        h('div', { class: 'num' }, formatTime(alert.raisedAt)),
        h('div', { class: 'muted small', dataset: { relTs: alert.raisedAt ?? '' } }, formatRelative(alert.raisedAt)),
      ),
      h('td', { class: 'col-occurrences num' }, formatNumber(alert.occurrences ?? 1, 0)),
      h('td', { class: 'col-status' }, alertStatus(alert.status)),
      h(
        'td',
        { class: 'col-workOrder' },
        wo
          ? h('span', { class: 'mono link', testid: 'alert-work-order' }, wo.number)
          : h('span', { class: 'muted' }, '—'),
      ),
      h('td', { class: 'col-action' }, ack),
    );
    tr.setAttribute(
      'aria-label',
      `${tEnum('sev', alert.severity)} ${faultName(alert.faultCode)} ${equipment.code ?? ''}`,
    );
  }

  function createRow(id) {
    const tr = h('tr', {
      testid: 'alert-row',
      tabindex: '0',
      onclick: () => onSelect(id),
      onkeydown: (e) => {
        if ((e.key === 'Enter' || e.key === ' ') && e.target === tr) {
          e.preventDefault();
          onSelect(id);
        }
      },
    });
    rows.set(id, tr);
    return tr;
  }

  function renderState(store, alerts) {
    state.hidden = alerts.length > 0;
    table.hidden = alerts.length === 0;
    delete state.dataset.testid;
    state.className = 'panel-state';
    if (alerts.length > 0) return;
    if (!store.loaded && store.error) {
      state.dataset.testid = 'alerts-error';
      state.classList.add('is-error');
      const detail =
        store.error.kind === 'network' ? t('error.network') : t('error.query', { detail: store.error.message });
      fill(
        state,
        h('p', { class: 'state-title' }, t('alerts.loadFailed')),
        h('p', { class: 'muted' }, detail),
        h('button', { type: 'button', class: 'btn', onclick: onRetry }, t('error.retry')),
      );
    } else if (!store.loaded) {
      fill(state, h('p', { class: 'muted' }, t('alerts.loading')));
    } else {
      state.dataset.testid = 'alerts-empty';
      state.classList.add('is-ok');
      fill(
        state,
        h('span', { class: 'ok-mark', 'aria-hidden': 'true' }, '✓'),
        h('p', { class: 'state-title' }, t('alerts.empty')),
      );
    }
  }

  /** Renders the store: creates, updates, reorders and removes rows as needed. */
  function render(store = lastStore) {
    if (!store) return;
    lastStore = store;
    const alerts = store.list();
    const lang = getLang();
    count.textContent = String(alerts.length);
    count.dataset.count = String(alerts.length);
    const unackedCount = store.unackedCount();
    unacked.textContent = t('alerts.unacked', { count: unackedCount });
    unacked.hidden = unackedCount === 0;
    truncated.textContent =
      store.totalCount > alerts.length ? t('alerts.truncated', { shown: alerts.length, total: store.totalCount }) : '';
    reconcile(tbody, rows, alerts, {
      create: createRow,
      render: renderRow,
      signature: (alert, id) => `${lang}|${selectedId === id}|${JSON.stringify(alert)}`,
    });
    renderState(store, alerts);
  }

  return {
    render,
    relabel() {
      renderHead();
      render();
    },
    /** Refreshes the relative times ("3 分钟前") without touching anything else. */
    tick() {
      for (const el of tbody.querySelectorAll('[data-rel-ts]')) el.textContent = formatRelative(el.dataset.relTs);
    },
    /** Briefly highlights a row that a subscription just brought in. */
    flash(id) {
      const tr = rows.get(String(id));
      if (!tr) return;
      tr.classList.remove('is-new');
      void tr.offsetWidth; // restart the CSS animation
      tr.classList.add('is-new');
      setTimeout(() => tr.classList.remove('is-new'), FLASH_MS);
    },
    select(id) {
      selectedId = id === null ? null : String(id);
      render();
    },
    setAckPending(id, pending) {
      const button = rows.get(String(id))?.querySelector('[data-testid="ack-button"]');
      if (button) button.disabled = pending;
    },
  };
}

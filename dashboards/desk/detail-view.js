/**
 * The detail pane: what the operator needs about one alarm or work order. The work order
 * (WorkOrder query) with its due-time countdown and the emergency plan's steps as an ordered
 * checklist, a one-line summary of the alarm, and the equipment's telemetry chart. The pane
 * keeps its own copy of the alarm and applies the alarm's changes to it (`applyAlertChange`),
 * so it stays current after the alarm has left the list (cleared and acknowledged).
 */
import { h, fill } from './dom.js';
import { t, tEnum, faultName, formatTime, formatRelative, formatNumber, getLang } from './i18n.js';
import { severityChip, alertStatus, workOrderStatus, workOrderTitle, dueCountdown, tickCountdowns } from './parts.js';
import { merge } from './store.js';
import { createTelemetryChart } from './telemetry-chart.js';

/**
 * @param {HTMLElement} root
 * @param {{ api: object, alerts: object, onClose(): void }} deps  alerts: the alert store
 */
export function createDetailView(root, { api, alerts, onClose }) {
  const title = h('h2', { id: 'detail-title' });
  const closeButton = h('button', {
    type: 'button',
    class: 'btn btn-quiet',
    testid: 'detail-close',
    onclick: () => onClose(),
  });
  const summary = h('div', { class: 'alarm-summary' });
  const woCard = h('div', { class: 'card wo-card' });
  const chartCard = h('div', { class: 'card chart-card' });
  const chart = createTelemetryChart(chartCard, { api });
  root.dataset.testid = 'detail-pane';
  root.setAttribute('aria-labelledby', 'detail-title');
  fill(
    root,
    h('header', { class: 'panel-head' }, title, h('span', { class: 'spacer' }), closeButton),
    summary,
    h('div', { class: 'detail-body' }, woCard, chartCard),
  );
  root.hidden = true;

  /**
   * { alertId, alert, workOrderId, workOrder, loading, error }. `alert` is the pane's copy:
   * the list's while the alarm is listed (the list gets every change too), else the last one
   * seen with every change applied since.
   */
  let current = null;
  let generation = 0;

  /** Takes the list's copy of the alarm, when it is listed; returns the pane's copy. */
  function syncAlert() {
    if (!current) return null;
    const listed = current.alertId ? alerts.get(current.alertId) : null;
    if (listed) current.alert = listed;
    return current.alert;
  }

  function renderHeader() {
    closeButton.textContent = `✕ ${t('detail.close')}`;
    const alert = current.alert;
    const wo = current.workOrder;
    const code = alert?.faultCode ?? wo?.alert?.faultCode;
    const equipment = alert?.equipment ?? wo?.equipment;
    title.textContent =
      [code ? faultName(code) : wo?.title, equipment?.code, equipment?.name].filter(Boolean).join(' · ') ||
      t('detail.workOrder');
    if (!alert) return fill(summary);
    const status = alertStatus(alert.status);
    Object.assign(status.dataset, { testid: 'detail-alert-status', status: alert.status });
    // once cleared, the value that raised the alarm is no longer the latest reading
    const cleared = Boolean(alert.clearedAt) || String(alert.status).startsWith('CLEARED');
    const at = (key, iso, testid) =>
      iso ? h('span', { class: 'num', testid, dataset: { ts: iso } }, t(key, { time: formatTime(iso) })) : null;
    fill(
      summary,
      severityChip(alert.severity),
      status,
      at('detail.clearedAt', alert.clearedAt, 'detail-cleared-at'),
      at('detail.acknowledgedAt', alert.acknowledgedAt, 'detail-acknowledged-at'),
      h('span', { class: 'code' }, alert.faultCode),
      h(
        'span',
        { class: 'num' },
        formatTime(alert.raisedAt),
        ' ',
        h('span', { class: 'muted' }, formatRelative(alert.raisedAt)),
      ),
      alert.occurrences
        ? h(
            'span',
            {},
            h('span', { class: 'muted' }, `${t('detail.occurrences')} `),
            h('span', { class: 'num strong', testid: 'detail-occurrences' }, formatNumber(alert.occurrences, 0)),
          )
        : null,
      !cleared && alert.lastValue !== null && alert.lastValue !== undefined
        ? h(
            'span',
            {},
            h('span', { class: 'muted' }, `${t('detail.lastValue')} `),
            h('span', { class: 'num strong' }, formatNumber(alert.lastValue, 2)),
            alert.metric ? h('span', { class: 'code' }, ` ${alert.metric}`) : null,
          )
        : null,
      alert.message
        ? h('span', { class: 'clip' }, h('span', { class: 'muted' }, `${t('detail.message')} `), alert.message)
        : null,
    );
  }

  const field = (label, ...value) => [h('dt', {}, label), h('dd', {}, ...value)];

  /** The Chinese text in zh-CN when the platform has one, else the English. */
  const localized = (text, textZh) => (getLang() === 'zh-CN' && textZh ? textZh : text);

  function renderWorkOrder() {
    const wo = current.workOrder;
    const heading = h('h3', { class: 'card-title' }, t('detail.workOrder'));
    if (current.error)
      return fill(
        woCard,
        heading,
        h(
          'p',
          { class: 'is-error', role: 'alert' },
          current.error.kind === 'network' ? t('error.network') : t('error.query', { detail: current.error.message }),
        ),
      );
    if (current.loading) return fill(woCard, heading, h('p', { class: 'muted' }, t('detail.loading')));
    if (!wo) return fill(woCard, heading, h('p', { class: 'muted' }, t('detail.noWorkOrder')));
    const plan = wo.emergencyPlan;
    const steps = [...(wo.steps ?? [])].sort((a, b) => a.position - b.position);
    fill(
      woCard,
      h(
        'div',
        { class: 'wo-head' },
        heading,
        h('span', { class: 'mono wo-big', testid: 'work-order-number' }, wo.number),
        workOrderStatus(wo.status),
      ),
      wo.title ? h('p', { class: 'strong', testid: 'work-order-title' }, workOrderTitle(wo)) : null,
      h(
        'dl',
        { class: 'facts' },
        field(t('detail.priority'), tEnum('prio', wo.priority)),
        field(t('detail.department'), tEnum('dept', wo.department)),
        field(t('detail.source'), tEnum('src', wo.source)),
        field(t('detail.createdAt'), h('span', { class: 'num' }, formatTime(wo.createdAt))),
        field(
          t('detail.dueAt'),
          h('span', { class: 'num' }, formatTime(wo.dueAt)),
          wo.dueAt ? dueCountdown(wo.dueAt, 'due-countdown') : null,
        ),
      ),
      plan
        ? h(
            'p',
            { class: 'plan' },
            h('span', { class: 'muted' }, `${t('detail.plan')} `),
            h('span', { testid: 'plan-title' }, localized(plan.title, plan.titleZh)),
            plan.responseMinutes
              ? h('span', { class: 'muted' }, ` · ${t('detail.response', { minutes: plan.responseMinutes })}`)
              : null,
          )
        : null,
      h('h4', { class: 'steps-title' }, t('detail.steps')),
      steps.length
        ? h(
            'ol',
            { class: 'steps' },
            steps.map((s) =>
              h(
                'li',
                {
                  testid: 'plan-step',
                  class: s.done ? 'is-done' : '',
                  dataset: { done: String(Boolean(s.done)), position: String(s.position) },
                },
                h('span', { class: 'check', role: 'img', 'aria-label': s.done ? '✓' : '○' }, s.done ? '☑' : '☐'),
                h('span', {}, localized(s.text, s.textZh)),
              ),
            ),
          )
        : h('p', { class: 'muted small' }, t('detail.noSteps')),
    );
  }

  function render() {
    if (!current) return;
    syncAlert();
    renderHeader();
    renderWorkOrder();
  }

  async function loadWorkOrder(id) {
    const mine = ++generation;
    // A reload keeps showing the work order it has; a first load says it is loading.
    Object.assign(current, { workOrderId: id, loading: current.workOrder?.id !== id, error: null });
    render();
    try {
      const data = await api.request('WorkOrder', { id });
      if (mine !== generation) return;
      Object.assign(current, { workOrder: data.workOrder, loading: false });
      if (!current.alertId && data.workOrder?.alert?.id) current.alertId = data.workOrder.alert.id;
      if (!current.chartLoaded) startChart();
    } catch (err) {
      if (mine === generation) Object.assign(current, { loading: false, error: err });
    }
    if (mine === generation) render();
  }

  function startChart() {
    const alert = syncAlert();
    const wo = current.workOrder;
    const equipmentId = alert?.equipment?.id ?? wo?.equipment?.id;
    const faultCode = alert?.faultCode ?? wo?.alert?.faultCode;
    if (!equipmentId) return;
    current.chartLoaded = true;
    chart.load({ equipmentId, faultCode, metric: alert?.metric ?? null });
  }

  return {
    /** Opens an alarm (`alertId`) or a work order (`workOrderId`). */
    open({ alertId = null, workOrderId = null }) {
      generation++;
      chart.destroy();
      current = { alertId, alert: null, workOrderId, workOrder: null, loading: false, error: null, chartLoaded: false };
      root.hidden = false;
      const alert = syncAlert();
      const woId = workOrderId ?? alert?.workOrder?.id ?? null;
      if (alert) startChart();
      if (woId) loadWorkOrder(woId);
      else render();
    },
    close() {
      generation++;
      current = null;
      chart.destroy();
      root.hidden = true;
    },
    /** The alert store changed: refresh the summary; fetch a work order opened meanwhile. */
    refresh() {
      if (!current) return;
      const alert = syncAlert();
      if (!current.workOrderId && alert?.workOrder?.id) return loadWorkOrder(alert.workOrder.id);
      renderHeader();
    },
    /**
     * A change of an alarm (alertChanged, or the acknowledge mutation's answer): applied to
     * the pane's copy when it is the alarm shown, listed or not.
     */
    applyAlertChange(change) {
      if (!current || !change || String(change.id) !== String(current.alertId)) return;
      const alert = current.alert ?? syncAlert();
      if (!alert) return; // opened from a work order whose alarm the desk has not seen
      current.alert = merge(alert, change);
      renderHeader();
    },
    /** Reloads the work order (its status may have moved on). */
    reload() {
      if (current?.workOrderId && !current.loading) loadWorkOrder(current.workOrderId);
    },
    relabel() {
      render();
      chart.relabel();
    },
    tick: (now = Date.now()) => tickCountdowns(root, now),
    get alertId() {
      return current?.alertId ?? null;
    },
    get workOrderId() {
      return current?.workOrderId ?? null;
    },
  };
}

/**
 * The supervisor's KPI page (绩效考核): the service KPIs of the last 30 days, 90 days or 12
 * months over every site the caller may see (operations/DeskKpis.graphql), as figures and two
 * charts drawn with the vendor Chart.js UMD (global `Chart`): calls and requests per operator,
 * work orders and the share resolved in time per department. Queried when the tab is shown and
 * when the period changes; a late answer for an older period is dropped.
 */
import { h, fill } from './dom.js';
import { t, tEnum, formatNumber } from './i18n.js';

const RANGES = { month: 30, quarter: 90, year: 365 };
const DAY_MS = 24 * 3600_000;

/** the figures, in the order they are shown, and how each reads */
const FIGURES = [
  ['calls', 'int'],
  ['requests', 'int'],
  ['complaints', 'int'],
  ['workOrdersOpened', 'int'],
  ['workOrdersClosed', 'int'],
  ['respondedInTimePct', 'pct'],
  ['resolvedInTimePct', 'pct'],
  ['medianRespondMinutes', 'minutes'],
  ['medianResolveMinutes', 'minutes'],
  ['callbacksDone', 'int'],
  ['callbacksOnTimePct', 'pct'],
  ['avgSatisfaction', 'score'],
  ['incidents', 'int'],
];

const cssVar = (name, fallback) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

function formatFigure(value, how) {
  if (value === null || value === undefined) return t('kpi.none');
  if (how === 'pct') return `${formatNumber(value, 1)} %`;
  if (how === 'score') return `${formatNumber(value, 2)} / 5`;
  if (how === 'minutes')
    return value < 120
      ? t('kpi.minutes', { n: formatNumber(value, 0) })
      : t('kpi.hours', { n: formatNumber(value / 60, 1) });
  return formatNumber(value, 0);
}

/**
 * @param {HTMLElement} root
 * @param {{ api: { request(name: string, variables: object): Promise<any> } }} deps
 */
export function createKpiView(root, { api }) {
  const title = h('h2', { id: 'kpi-title' });
  const periodLabel = h('span', { class: 'muted small' });
  const buttons = new Map();
  const rangeBar = h('div', { class: 'kpi-ranges', role: 'group', 'aria-labelledby': 'kpi-title' });
  for (const id of Object.keys(RANGES)) {
    const button = h('button', {
      type: 'button',
      class: 'kpi-range',
      testid: `kpi-range-${id}`,
      onclick: () => choose(id),
    });
    buttons.set(id, button);
    rangeBar.append(button);
  }
  const status = h('p', { class: 'panel-state muted', role: 'status', testid: 'kpi-status' });
  const tiles = h('dl', { class: 'kpi-tiles', testid: 'kpi-tiles' });
  const operatorTitle = h('h3', { class: 'card-title' });
  const departmentTitle = h('h3', { class: 'card-title' });
  const operatorCanvas = h('canvas', { role: 'img', testid: 'kpi-operator-chart' });
  const departmentCanvas = h('canvas', { role: 'img', testid: 'kpi-department-chart' });
  const operatorNote = h('p', { class: 'muted small' });
  const departmentNote = h('p', { class: 'muted small' });
  fill(
    root,
    h('header', { class: 'panel-head' }, title, periodLabel, h('span', { class: 'spacer' }), rangeBar),
    status,
    tiles,
    h(
      'div',
      { class: 'kpi-charts' },
      h(
        'section',
        { class: 'card kpi-chart' },
        operatorTitle,
        h('div', { class: 'kpi-chart-box' }, operatorCanvas),
        operatorNote,
      ),
      h(
        'section',
        { class: 'card kpi-chart' },
        departmentTitle,
        h('div', { class: 'kpi-chart-box' }, departmentCanvas),
        departmentNote,
      ),
    ),
  );
  root.dataset.testid = 'kpi-view';

  let range = 'month';
  let kpis = null;
  let state = { key: null, params: {} };
  let generation = 0;
  const charts = { operator: null, department: null };

  function choose(id) {
    range = id;
    load();
  }

  async function load() {
    const mine = ++generation;
    const to = new Date();
    const from = new Date(to.getTime() - RANGES[range] * DAY_MS);
    setState('kpi.loading');
    render();
    try {
      const data = await api.request('DeskKpis', { from: from.toISOString(), to: to.toISOString() });
      if (mine !== generation) return; // a newer period was asked meanwhile
      kpis = data.serviceKpis;
      setState(null);
    } catch (err) {
      if (mine !== generation) return;
      setState('kpi.failed', { detail: err.kind === 'network' ? t('error.network') : err.message });
    }
    render();
  }

  function setState(key, params = {}) {
    state = { key, params };
    root.dataset.state = key === null ? 'ready' : key === 'kpi.loading' ? 'loading' : 'error';
  }

  function renderTiles() {
    fill(
      tiles,
      ...FIGURES.map(([field, how]) =>
        h(
          'div',
          { class: 'kpi-tile', testid: `kpi-${field}` },
          h('dt', { class: 'muted small' }, t(`kpi.${field}`)),
          h('dd', { class: 'kpi-value num' }, kpis ? formatFigure(kpis[field], how) : t('kpi.none')),
        ),
      ),
    );
  }

  function drawCharts() {
    if (typeof window.Chart !== 'function') {
      operatorNote.textContent = departmentNote.textContent = t('kpi.chartUnavailable');
      return;
    }
    const text = cssVar('--muted', '#8b98a9');
    const grid = cssVar('--chart-grid', '#223042');
    const blue = cssVar('--chart-line', '#4aa3ff');
    const amber = '#f0b429';
    const green = '#3ecf8e';
    const axes = (extra = {}) => ({
      x: { ticks: { color: text }, grid: { color: grid } },
      y: { beginAtZero: true, ticks: { color: text, precision: 0 }, grid: { color: grid } },
      ...extra,
    });
    const legend = { labels: { color: text } };
    const operators = kpis?.byOperator ?? [];
    const departments = kpis?.byDepartment ?? [];
    operatorNote.textContent = operators.length ? '' : t('kpi.operatorEmpty');
    departmentNote.textContent = departments.length ? '' : t('kpi.departmentEmpty');
    const operatorData = {
      labels: operators.map((o) => o.staff.name || o.staff.username),
      datasets: [
        { label: t('kpi.calls'), data: operators.map((o) => o.calls), backgroundColor: blue },
        { label: t('kpi.requests'), data: operators.map((o) => o.requests), backgroundColor: amber },
      ],
    };
    const departmentData = {
      labels: departments.map((d) => tEnum('dept', d.department)),
      datasets: [
        {
          type: 'bar',
          label: t('kpi.departmentWorkOrders'),
          data: departments.map((d) => d.workOrders),
          backgroundColor: blue,
          yAxisID: 'y',
        },
        {
          type: 'line',
          label: t('kpi.resolvedInTimePct'),
          data: departments.map((d) => d.resolvedInTimePct),
          borderColor: green,
          backgroundColor: green,
          yAxisID: 'pct',
        },
      ],
    };
    operatorCanvas.setAttribute('aria-label', `${t('kpi.byOperator')}: ${operators.length}`);
    departmentCanvas.setAttribute('aria-label', `${t('kpi.byDepartment')}: ${departments.length}`);
    charts.operator?.destroy();
    charts.department?.destroy();
    const common = { animation: false, responsive: true, maintainAspectRatio: false };
    charts.operator = new window.Chart(operatorCanvas, {
      type: 'bar',
      data: operatorData,
      options: {
        ...common,
        indexAxis: 'y',
        plugins: { legend },
        scales: axes({
          x: { beginAtZero: true, ticks: { color: text, precision: 0 }, grid: { color: grid } },
          y: { ticks: { color: text }, grid: { color: grid } },
        }),
      },
    });
    charts.department = new window.Chart(departmentCanvas, {
      data: departmentData,
      options: {
        ...common,
        plugins: { legend },
        scales: axes({
          pct: {
            position: 'right',
            min: 0,
            max: 100,
            ticks: { color: text, callback: (v) => `${v} %` },
            grid: { drawOnChartArea: false },
          },
        }),
      },
    });
  }

  function render() {
    title.textContent = t('kpi.title');
    periodLabel.textContent = `${t('kpi.period')}: ${t(`kpi.range.${range}`)}`;
    for (const [id, button] of buttons) {
      button.textContent = t(`kpi.range.${id}`);
      button.setAttribute('aria-pressed', String(id === range));
    }
    operatorTitle.textContent = t('kpi.byOperator');
    departmentTitle.textContent = t('kpi.byDepartment');
    status.hidden = !state.key;
    status.textContent = state.key ? t(state.key, state.params) : '';
    status.classList.toggle('is-error', root.dataset.state === 'error');
    renderTiles();
    drawCharts();
  }

  render();
  return {
    load,
    relabel: render,
    clear() {
      generation++;
      kpis = null;
      charts.operator?.destroy();
      charts.department?.destroy();
      charts.operator = charts.department = null;
      setState(null);
      render();
    },
  };
}

/**
 * The telemetry chart of the detail pane: the alarm's equipment over the last hour, one
 * point per minute (the Telemetry query's mean per `every`), drawn with the vendor Chart.js
 * UMD (global `Chart`). The x axis is a category axis of HH:mm labels, so no date adapter.
 */
import { h, fill } from './dom.js';
import { t, tEnum, formatHourMinute, formatNumber } from './i18n.js';

const WINDOW_MS = 60 * 60 * 1000;
const EVERY = '1m';
const REFRESH_MS = 60_000;

/** The metric that shows each fault best (the fault rules' metrics); DEVICE_OFFLINE has none. */
export function metricForFault(faultCode) {
  const code = String(faultCode ?? '');
  // reported by the device itself (event rules): no metric of theirs, but for a leak probe's
  if (code === 'DEVICE_OFFLINE' || ['PUMP_FAULT', 'BREAKER_TRIP', 'BOILER_FAULT'].includes(code)) return null;
  if (code.startsWith('WATER_PRESSURE_') || code === 'HEATING_PRESSURE_LOW') return 'pressure_kpa';
  if (code === 'WATER_LEAK' || code === 'LEAK_DETECTED') return 'leak';
  if (code === 'TANK_LEVEL_LOW') return 'level_pct';
  if (code === 'POWER_PHASE_LOSS' || code === 'VOLTAGE_OUT_OF_RANGE') return 'voltage_l1_v';
  if (code === 'OVERCURRENT') return 'current_l1_a';
  if (code.startsWith('HEATING_SUPPLY_')) return 'supply_temp_c';
  return undefined; // unknown code: the caller may fall back on the alarm's own metric
}

const cssVar = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/**
 * @param {HTMLElement} root  the chart's card (gets data-testid="telemetry-chart")
 * @param {{ api: { request(name: string, variables: object): Promise<any> } }} deps
 */
export function createTelemetryChart(root, { api }) {
  const heading = h('h3', { class: 'card-title' });
  const canvas = h('canvas', { role: 'img' });
  const box = h('div', { class: 'chart-box' }, canvas);
  const message = h('p', { class: 'chart-message muted', role: 'status' });
  root.dataset.testid = 'telemetry-chart';
  fill(root, heading, box, message);

  let chart = null;
  let target = null; // { equipmentId, metric, faultCode }
  let points = [];
  let generation = 0;
  let timer = null;
  let status = { state: 'none', key: 'chart.none', params: {} };

  function show(state, key = null, params = {}) {
    status = { state, key, params };
    root.dataset.state = state;
    box.hidden = state !== 'ready';
    message.hidden = !key;
    message.textContent = key ? t(key, params) : '';
    message.classList.toggle('is-error', state === 'error');
  }

  function draw() {
    const labels = points.map((p) => formatHourMinute(p.ts));
    const values = points.map((p) => (typeof p.value === 'number' ? p.value : null));
    const leak = target.metric === 'leak';
    const line = cssVar('--chart-line') || '#4aa3ff';
    const grid = cssVar('--chart-grid') || '#263140';
    const text = cssVar('--muted') || '#8b98a9';
    const label = tEnum('metric', target.metric);
    canvas.setAttribute('aria-label', `${label}: ${values.filter((v) => v !== null).length}`);
    if (chart) {
      chart.data.labels = labels;
      chart.data.datasets[0].data = values;
      chart.data.datasets[0].label = label;
      chart.update('none');
      return;
    }
    chart = new window.Chart(canvas, {
      type: 'line',
      data: {
        labels,
        datasets: [
          {
            label,
            data: values,
            borderColor: line,
            backgroundColor: line,
            borderWidth: 2,
            pointRadius: 0,
            pointHoverRadius: 3,
            stepped: leak,
            spanGaps: false,
            tension: 0,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c) => `${label}: ${formatNumber(c.parsed.y, 2)}` } },
        },
        scales: {
          x: { type: 'category', ticks: { color: text, maxTicksLimit: 7, maxRotation: 0 }, grid: { color: grid } },
          y: {
            ticks: { color: text, ...(leak ? { stepSize: 1 } : {}) },
            grid: { color: grid },
            ...(leak ? { min: 0, max: 1 } : {}),
          },
        },
      },
    });
  }

  async function fetchPoints() {
    if (!target?.metric) return;
    const mine = ++generation;
    const to = new Date();
    const from = new Date(to.getTime() - WINDOW_MS);
    try {
      const data = await api.request('Telemetry', {
        equipmentId: target.equipmentId,
        metric: target.metric,
        from: from.toISOString(),
        to: to.toISOString(),
        every: EVERY,
      });
      if (mine !== generation) return; // a newer request (or a close) won
      points = data.telemetry ?? [];
      if (!points.some((p) => typeof p.value === 'number')) return show('empty', 'chart.empty');
      if (typeof window.Chart !== 'function') return show('error', 'chart.unavailable');
      show('ready');
      draw();
    } catch (err) {
      if (mine === generation)
        show('error', 'chart.failed', { detail: err.kind === 'network' ? t('error.network') : err.message });
    }
  }

  function destroyChart() {
    chart?.destroy();
    chart = null;
  }

  return {
    /** Charts `metric` (or the fault's metric) of an equipment; re-queries every minute. */
    load({ equipmentId, faultCode, metric = null }) {
      clearInterval(timer);
      destroyChart();
      generation++;
      points = [];
      const chosen = metricForFault(faultCode);
      target = { equipmentId, faultCode, metric: chosen === undefined ? metric : chosen };
      heading.textContent = target.metric
        ? t('chart.title', { metric: tEnum('metric', target.metric) })
        : t('chart.titlePlain');
      if (!equipmentId || !target.metric) return show('none', chosen === null ? 'chart.none' : 'chart.unknown');
      show('loading', 'detail.loading');
      fetchPoints();
      timer = setInterval(fetchPoints, REFRESH_MS);
    },
    /** Re-labels (language change): the HH:mm labels and headings. */
    relabel() {
      if (!target) return;
      heading.textContent = target.metric
        ? t('chart.title', { metric: tEnum('metric', target.metric) })
        : t('chart.titlePlain');
      show(status.state, status.key, status.params);
      if (chart) {
        destroyChart();
        draw();
      }
    },
    destroy() {
      clearInterval(timer);
      generation++;
      destroyChart();
      target = null;
    },
  };
}

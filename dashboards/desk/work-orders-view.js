/**
 * The "opened work orders" side panel: the open work orders (query) plus those a
 * subscription reports, newest first, each with a due-time countdown that turns red
 * once overdue. Clicking an item opens it in the detail pane. An item's title is the plan's
 * Chinese one in zh-CN (parts.js `workOrderTitle`).
 */
import { h, fill, reconcile } from './dom.js';
import { t, tEnum, faultName, formatTime, formatRelative, getLang } from './i18n.js';
import { workOrderStatus, workOrderTitle, dueCountdown, tickCountdowns } from './parts.js';

const FLASH_MS = 6_000;

/**
 * @param {HTMLElement} root
 * @param {{ onSelect(workOrderId: string): void, onRetry(): void }} handlers
 */
export function createWorkOrdersView(root, { onSelect, onRetry }) {
  const title = h('h2', { id: 'wo-title' });
  const count = h('span', { class: 'count-badge', testid: 'work-order-count' });
  const list = h('ul', { class: 'wo-list', 'aria-labelledby': 'wo-title' });
  const state = h('div', { class: 'panel-state', role: 'status' });
  const items = new Map(); // work order id → <li>
  let selectedId = null;
  let lastStore = null;

  fill(root, h('header', { class: 'panel-head' }, title, count), h('div', { class: 'list-wrap' }, list, state));

  function renderItem(li, wo) {
    const status = String(wo.status ?? 'OPEN');
    li.className = `wo-item${wo.id === selectedId ? ' is-selected' : ''}${li.classList.contains('is-new') ? ' is-new' : ''}`;
    Object.assign(li.dataset, { workOrderId: wo.id, status });
    const fault = wo.alert?.faultCode;
    const title = workOrderTitle(wo);
    const headline = fault ? faultName(fault) : title || '—';
    const meta = [wo.equipment?.code, tEnum('dept', wo.department)].filter((x) => x && x !== '—').join(' · ');
    fill(
      li,
      h(
        'div',
        { class: 'wo-line' },
        h('span', { class: 'mono strong' }, wo.number ?? '—'),
        workOrderStatus(status),
        wo.priority ? h('span', { class: 'prio' }, tEnum('prio', wo.priority)) : null,
      ),
      h('div', { class: 'wo-headline' }, headline, fault ? h('span', { class: 'code' }, ` ${fault}`) : null),
      title && fault ? h('div', { class: 'muted small clip', testid: 'work-order-title' }, title) : null,
      meta ? h('div', { class: 'muted small' }, meta) : null,
      h(
        'div',
        { class: 'wo-line small' },
        h('span', { class: 'num muted' }, formatTime(wo.createdAt, { seconds: false })),
        h('span', { class: 'muted', dataset: { relTs: wo.createdAt ?? '' } }, formatRelative(wo.createdAt)),
        h('span', { class: 'spacer' }),
        wo.dueAt ? dueCountdown(wo.dueAt) : null,
      ),
    );
  }

  function createItem(id) {
    const li = h('li', {
      testid: 'work-order-item',
      tabindex: '0',
      role: 'button',
      onclick: () => onSelect(id),
      onkeydown: (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(id);
        }
      },
    });
    items.set(id, li);
    return li;
  }

  function renderState(store, workOrders) {
    state.hidden = workOrders.length > 0;
    state.className = 'panel-state small';
    if (workOrders.length > 0) return;
    if (!store.loaded && store.error) {
      state.classList.add('is-error');
      fill(
        state,
        h('p', {}, t('wo.loadFailed')),
        h('button', { type: 'button', class: 'btn', onclick: onRetry }, t('error.retry')),
      );
    } else {
      fill(state, h('p', { class: 'muted' }, store.loaded ? t('wo.empty') : t('detail.loading')));
    }
  }

  function render(store = lastStore) {
    if (!store) return;
    lastStore = store;
    title.textContent = t('wo.title');
    const workOrders = store.list();
    count.textContent = String(workOrders.length);
    count.dataset.count = String(workOrders.length);
    const lang = getLang();
    reconcile(list, items, workOrders, {
      create: createItem,
      render: renderItem,
      signature: (wo, id) => `${lang}|${selectedId === id}|${JSON.stringify(wo)}`,
    });
    renderState(store, workOrders);
  }

  return {
    render,
    relabel: () => render(),
    /** Every second: countdowns; relative times change slowly but cost nothing. */
    tick(now = Date.now()) {
      tickCountdowns(list, now);
      for (const el of list.querySelectorAll('[data-rel-ts]')) el.textContent = formatRelative(el.dataset.relTs, now);
    },
    flash(id) {
      const li = items.get(String(id));
      if (!li) return;
      li.classList.remove('is-new');
      void li.offsetWidth;
      li.classList.add('is-new');
      setTimeout(() => li.classList.remove('is-new'), FLASH_MS);
    },
    select(id) {
      selectedId = id === null ? null : String(id);
      render();
    },
  };
}

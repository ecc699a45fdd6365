/**
 * The supervisor's escalations: the notifications routed to the caller's role (a response or
 * a resolution overdue, a complaint filed, a low callback score — about a work order, or about
 * a callback that has none: then the resident and the score), newest first. Re-queried when the live feed reports
 * a work order escalating (workOrderChanged with a higher escalationLevel); new ones flash.
 */
import { h, fill, reconcile } from './dom.js';
import { t, tEnum, formatTime, formatRelative } from './i18n.js';
import { workOrderStatus } from './parts.js';

const FLASH_MS = 6_000;

/**
 * @param {HTMLElement} root
 * @param {{ onOpen(workOrderId: string): void, onCount(count: number): void }} handlers
 */
export function createEscalationsView(root, { onOpen, onCount }) {
  const title = h('h2', { id: 'esc-title' });
  const count = h('span', { class: 'count-badge', testid: 'escalation-count' });
  const list = h('ul', { class: 'esc-list', 'aria-labelledby': 'esc-title', 'aria-live': 'polite' });
  const state = h('p', { class: 'panel-state muted', testid: 'escalations-empty' });
  fill(root, h('header', { class: 'panel-head' }, title, count), h('div', { class: 'list-wrap' }, list, state));
  const nodes = new Map();
  let items = [];
  let loaded = false;
  const seen = new Set();

  /** what the notice is about: a work order, else a callback (a low score with no work order), else a
   * request (a complaint that joined an incident's work order) */
  function subjectLine(n) {
    if (n.workOrder || (!n.callback && !n.serviceRequest))
      return h(
        'div',
        { class: 'wo-line' },
        h('span', { class: 'mono strong' }, n.workOrder?.number ?? '—'),
        n.workOrder?.status ? workOrderStatus(n.workOrder.status) : null,
        h('span', { class: 'clip' }, n.workOrder?.title ?? ''),
      );
    if (n.callback)
      return h(
        'div',
        { class: 'wo-line' },
        h('span', { class: 'strong' }, n.callback.resident?.name ?? '—'),
        h('span', { class: 'muted' }, tEnum('cbr', n.callback.reason)),
        h('span', { class: 'clip' }, t('esc.score', { score: n.callback.satisfaction ?? '—' })),
      );
    return h(
      'div',
      { class: 'wo-line' },
      h('span', { class: 'mono strong' }, n.serviceRequest.number),
      h('span', { class: 'clip' }, n.serviceRequest.description),
    );
  }

  function renderItem(li, n) {
    li.className = `esc-item esc-${String(n.kind).toLowerCase()}${li.classList.contains('is-new') ? ' is-new' : ''}`;
    Object.assign(li.dataset, { kind: n.kind, number: n.workOrder?.number ?? '', workOrderId: n.workOrder?.id ?? '' });
    fill(
      li,
      h(
        'div',
        { class: 'wo-line' },
        h('span', { class: 'esc-kind strong' }, tEnum('nk', n.kind)),
        h('span', { class: 'spacer' }),
        h('span', { class: 'num muted', dataset: { relTs: n.createdAt } }, formatRelative(n.createdAt)),
      ),
      subjectLine(n),
      h('div', { class: 'muted small num' }, formatTime(n.createdAt)),
    );
  }

  function create(id) {
    const li = h('li', {
      testid: 'escalation-item',
      tabindex: '0',
      role: 'button',
      onclick: () => open(id),
      onkeydown: (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), open(id)),
    });
    nodes.set(id, li);
    return li;
  }

  function open(id) {
    const n = items.find((i) => String(i.id) === id);
    if (n?.workOrder?.id) onOpen(n.workOrder.id);
  }

  function render() {
    title.textContent = t('esc.title');
    count.textContent = String(items.length);
    reconcile(list, nodes, items, {
      create,
      render: renderItem,
      signature: (n) => `${document.documentElement.lang}|${JSON.stringify(n)}`,
    });
    state.hidden = items.length > 0;
    state.textContent = loaded ? t('esc.empty') : t('detail.loading');
  }

  return {
    /** A Notifications answer; returns the ids that are new since the last one. */
    set(connection) {
      const fresh = [];
      items = connection.nodes;
      for (const n of items) {
        if (loaded && !seen.has(n.id)) fresh.push(n.id);
        seen.add(n.id);
      }
      loaded = true;
      render();
      for (const id of fresh) {
        const li = nodes.get(String(id));
        li?.classList.add('is-new');
        setTimeout(() => li?.classList.remove('is-new'), FLASH_MS);
      }
      onCount(items.length);
      return fresh;
    },
    clear() {
      items = [];
      loaded = false;
      seen.clear();
      render();
    },
    relabel: render,
    tick(now = Date.now()) {
      for (const el of list.querySelectorAll('[data-rel-ts]')) el.textContent = formatRelative(el.dataset.relTs, now);
    },
  };
}

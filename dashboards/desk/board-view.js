/**
 * The work order board: one column per status, a card per work order with the deadline it is
 * racing now (respond, then resolve) as a countdown, overdue cards in red, escalated ones
 * marked. A department filter narrows it. A card opens with a click or Enter; arrow keys move
 * between cards. Fed by the board store (query + workOrderOpened / workOrderChanged).
 */
import { h, fill, reconcile } from './dom.js';
import { t, tEnum } from './i18n.js';
import { BOARD_STATUSES, nextDeadline } from './store.js';
import { workOrderStatus, workOrderTitle, deadlineCountdown, tickCountdowns } from './parts.js';

const DEPARTMENTS = ['ENGINEERING', 'SECURITY', 'ENVIRONMENT', 'CUSTOMER_SERVICE'];

/**
 * @param {HTMLElement} root
 * @param {{ onOpen(id: string): void, onRetry(): void }} handlers
 */
export function createBoardView(root, { onOpen, onRetry }) {
  const title = h('h2', { id: 'board-title' });
  const count = h('span', { class: 'count-badge', testid: 'board-count' });
  const deptLabel = h('span');
  const dept = h('select', { testid: 'board-dept', onchange: () => render() });
  const state = h('div', { class: 'panel-state small', role: 'status' });
  const columns = new Map(); // status → { el, heading, list, nodes }
  const grid = h('div', { class: 'board-grid', 'aria-labelledby': 'board-title' });
  for (const status of BOARD_STATUSES) {
    const heading = h('h3', { class: 'board-col-head' });
    const list = h('ul', { class: 'board-list', dataset: { status } });
    const el = h('section', { class: 'board-col', testid: 'board-column', dataset: { status } }, heading, list);
    columns.set(status, { el, heading, list, nodes: new Map() });
    grid.append(el);
  }
  fill(
    root,
    h(
      'header',
      { class: 'panel-head' },
      title,
      count,
      h('span', { class: 'spacer' }),
      h('label', {}, deptLabel, ' ', dept),
    ),
    state,
    grid,
  );
  let lastStore = null;
  let selectedId = null;

  function renderCard(li, wo) {
    const deadline = nextDeadline(wo);
    li.className = `board-card${wo.overdue ? ' is-overdue' : ''}${wo.id === selectedId ? ' is-selected' : ''}`;
    Object.assign(li.dataset, {
      workOrderId: wo.id,
      number: wo.number ?? '',
      status: wo.status ?? '',
      overdue: String(Boolean(wo.overdue)),
      escalation: String(wo.escalationLevel ?? 0),
    });
    fill(
      li,
      h(
        'div',
        { class: 'wo-line' },
        h('span', { class: 'mono strong' }, wo.number ?? '—'),
        wo.priority
          ? h('span', { class: `prio prio-${String(wo.priority).toLowerCase()}` }, tEnum('prio', wo.priority))
          : null,
        wo.escalationLevel > 0
          ? h(
              'span',
              { class: 'esc-badge', testid: 'escalation-badge' },
              t('board.escalated', { level: wo.escalationLevel }),
            )
          : null,
      ),
      h('div', { class: 'board-title clip', testid: 'board-card-title' }, workOrderTitle(wo)),
      h(
        'div',
        { class: 'muted small clip' },
        [wo.unit?.code, tEnum('dept', wo.department), wo.assignee?.name ?? t('board.unassigned')]
          .filter(Boolean)
          .join(' · '),
      ),
      deadline?.at
        ? h(
            'div',
            { class: 'wo-line small' },
            h('span', { class: 'muted' }, t(`board.${deadline.kind}`)),
            deadlineCountdown(wo, deadline.at, `board-${deadline.kind}-due`),
            wo.overdue ? h('span', { class: 'overdue-flag' }, t('board.overdue')) : null,
          )
        : wo.overdue
          ? h('div', { class: 'overdue-flag small' }, t('board.overdue'))
          : null,
    );
  }

  function createCard(id) {
    return h('li', {
      testid: 'board-card',
      tabindex: '0',
      role: 'button',
      onclick: () => onOpen(id),
      onkeydown: (e) => onCardKey(e, id),
    });
  }

  /** Enter/Space opens; arrows move between cards (up/down in a column, left/right across). */
  function onCardKey(e, id) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(id);
      return;
    }
    const cards = [...grid.querySelectorAll('.board-card')];
    const index = cards.indexOf(e.currentTarget);
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
    if (!step || index < 0) return;
    e.preventDefault();
    cards[Math.min(cards.length - 1, Math.max(0, index + step))]?.focus();
  }

  function relabelStatic() {
    title.textContent = t('tab.board');
    deptLabel.textContent = t('board.filterDept');
    const chosen = dept.value;
    fill(
      dept,
      h('option', { value: '' }, t('board.all')),
      DEPARTMENTS.map((d) => h('option', { value: d }, tEnum('dept', d))),
    );
    dept.value = chosen;
  }

  function render(store = lastStore) {
    if (!store) return;
    lastStore = store;
    const chosen = dept.value;
    const all = store.list().filter((wo) => !chosen || wo.department === chosen);
    count.textContent = String(all.length);
    count.dataset.count = String(all.length);
    for (const [status, column] of columns) {
      const items = all.filter((wo) => wo.status === status);
      fill(column.heading, workOrderStatus(status), h('span', { class: 'muted' }, ` ${items.length}`));
      reconcile(column.list, column.nodes, items, {
        create: (id) => {
          const li = createCard(id);
          column.nodes.set(id, li);
          return li;
        },
        render: renderCard,
        signature: (wo, id) => `${document.documentElement.lang}|${selectedId === id}|${JSON.stringify(wo)}`,
      });
    }
    state.hidden = store.loaded || !store.error;
    if (!state.hidden)
      fill(
        state,
        h('p', {}, t('wo.loadFailed')),
        h('button', { type: 'button', class: 'btn', onclick: onRetry }, t('error.retry')),
      );
  }

  relabelStatic();
  return {
    render,
    relabel() {
      relabelStatic();
      render();
    },
    /** Every second: countdowns, and a card turns red the moment its countdown passes zero. */
    tick(now = Date.now()) {
      tickCountdowns(grid, now);
      for (const card of grid.querySelectorAll('.board-card')) {
        const late = card.dataset.overdue === 'true' || card.querySelector('.due.is-overdue') !== null;
        card.classList.toggle('is-overdue', late);
      }
    },
    select(id) {
      selectedId = id === null ? null : String(id);
      render();
    },
  };
}

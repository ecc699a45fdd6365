/**
 * The technician's screen, made for a phone: my open work orders (MyWorkOrders) as large
 * cards, nearest deadline first, each with start / hold / resolve and a note. Re-queried when
 * the live feed reports a change (a new dispatch to me, a move by someone else).
 */
import { h, fill, reconcile } from './dom.js';
import { t, tEnum } from './i18n.js';
import { workOrderStatus, workOrderTitle, deadlineCountdown, tickCountdowns } from './parts.js';
import { compareByDeadline, isNewerVersion, nextDeadline } from './store.js';
import { movesFor, moveLabel, moveWorkOrder } from './lifecycle.js';

/**
 * @param {HTMLElement} root
 * @param {{ api: object, onProblem(err: Error|null): void }} deps
 */
export function createTechView(root, { api, onProblem }) {
  const title = h('h2', { id: 'tech-title' });
  const count = h('span', { class: 'count-badge', testid: 'tech-count' });
  const list = h('ul', { class: 'tech-list', 'aria-labelledby': 'tech-title' });
  const state = h('p', { class: 'panel-state muted', testid: 'tech-empty' });
  fill(root, h('header', { class: 'panel-head' }, title, count), list, state);
  let items = [];
  let loaded = false;
  const messages = new Map(); // work order id → { text, kind } of its last move
  const notes = new Map(); // work order id → the note being typed (kept across re-renders)
  let inFlight = null;
  let again = false;

  const nodes = new Map(); // work order id → its <li>, redrawn only when what it shows changed

  function renderCard(li, wo) {
    // a redraw while the technician types (their own move's answer, a change from elsewhere)
    // replaces the textarea: the note is kept in `notes`, and the focus and caret move to the
    // new one, so the next keystroke is not lost into a detached element
    const typing = li.querySelector('[data-testid="tech-note"]');
    const caret = typing && document.activeElement === typing ? [typing.selectionStart, typing.selectionEnd] : null;
    const deadline = nextDeadline(wo);
    const note = h('textarea', { rows: '2', testid: 'tech-note', oninput: (e) => notes.set(wo.id, e.target.value) });
    note.value = notes.get(wo.id) ?? '';
    note.setAttribute('aria-label', t('tech.note'));
    note.placeholder = t('tech.note');
    const moves = movesFor(wo.status, 'TECHNICIAN');
    note.hidden = moves.length === 0;
    const message = messages.get(wo.id);
    const request = wo.serviceRequest;
    li.className = `tech-card${wo.overdue ? ' is-overdue' : ''}`;
    Object.assign(li.dataset, { number: wo.number, status: wo.status, workOrderId: wo.id });
    fill(
      li,
      h(
        'div',
        { class: 'wo-line' },
        h('span', { class: 'mono strong' }, wo.number),
        workOrderStatus(wo.status),
        h('span', { class: 'prio' }, tEnum('prio', wo.priority)),
      ),
      h('div', { class: 'tech-title strong' }, workOrderTitle(wo)),
      request ? h('div', { class: 'tech-desc' }, request.description) : null,
      h(
        'div',
        { class: 'muted' },
        [wo.unit?.code, request?.resident?.name, request?.resident?.phone].filter(Boolean).join(' · '),
      ),
      deadline?.at
        ? h(
            'div',
            { class: 'wo-line' },
            h('span', { class: 'muted' }, t(`board.${deadline.kind}`)),
            deadlineCountdown(wo, deadline.at),
          )
        : null,
      note,
      h(
        'div',
        { class: 'tech-actions' },
        moves.map((m) =>
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-primary btn-big',
              testid: `tech-${m.to}`,
              dataset: { move: m.name },
              onclick: (e) => move(wo, m.to, e.currentTarget),
            },
            moveLabel(m),
          ),
        ),
      ),
      message
        ? h('p', { class: `small${message.kind === 'error' ? ' is-error' : ''}`, testid: 'tech-message' }, message.text)
        : null,
    );
    if (caret && !note.hidden) {
      note.focus();
      note.setSelectionRange(caret[0], caret[1]);
    }
  }

  function render() {
    title.textContent = t('tech.title');
    count.textContent = String(items.length);
    const lang = document.documentElement.lang;
    reconcile(list, nodes, items, {
      create: (id) => {
        const li = h('li', { testid: 'tech-wo' });
        nodes.set(id, li);
        return li;
      },
      render: renderCard,
      // a card being typed into is not redrawn by someone else's change: the note and the focus stay
      signature: (wo) => `${lang}|${JSON.stringify(wo)}|${JSON.stringify(messages.get(wo.id) ?? null)}`,
    });
    state.hidden = items.length > 0;
    state.textContent = loaded ? t('tech.empty') : t('detail.loading');
  }

  async function load() {
    const { workOrders } = await api.request('TechnicianWorkOrders');
    // an answer overtaken by my own move keeps the moved copy (else the next move names a stale version)
    const mine = new Map(items.map((wo) => [wo.id, wo]));
    items = workOrders.nodes
      .map((wo) => (mine.has(wo.id) && isNewerVersion(mine.get(wo.id), wo) ? mine.get(wo.id) : wo))
      .sort(compareByDeadline);
    loaded = true;
    onProblem(null);
    render();
  }

  /** One query in flight and at most one queued behind it (a change may land while one runs). */
  function refresh() {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = load()
      .catch((err) => err.kind !== 'auth' && onProblem(err))
      .finally(() => {
        inFlight = null;
        if (!again) return;
        again = false;
        refresh();
      });
    return inFlight;
  }

  async function move(wo, to, button) {
    button.disabled = true;
    try {
      const sent = notes.get(wo.id);
      const moved = await moveWorkOrder(api, wo, to, { note: (sent ?? '').trim() || undefined });
      // forget the note that went with the move, not one typed while it was on its way
      if (notes.get(wo.id) === sent) notes.delete(wo.id);
      messages.set(wo.id, { text: t('move.done', { status: tEnum('wos', moved.status) }), kind: 'ok' });
      const i = items.findIndex((x) => x.id === wo.id);
      if (i >= 0) items[i] = { ...items[i], ...moved };
      render();
    } catch (err) {
      messages.set(wo.id, { text: err.userMessage ?? err.message, kind: 'error' });
      render();
    }
    refresh();
  }

  render();
  return {
    refresh,
    /** workOrderChanged: re-query (a dispatch to me is a work order my list does not hold yet). */
    changed: () => refresh(),
    clear() {
      items = [];
      loaded = false;
      messages.clear();
      notes.clear();
      render();
    },
    relabel: render,
    tick: (now) => tickCountdowns(list, now),
  };
}

/**
 * A work order opened from the board: its card, the request and resident behind it, its
 * history (who, when, from, to, note) and the moves the signed-in role makes from its status.
 * A move names the version the panel loaded; a CONFLICT reloads the work order and says so,
 * INVALID_TRANSITION and FORBIDDEN are explained. Dispatch asks for a technician first.
 */
import { h, fill } from './dom.js';
import { t, tEnum, formatTime } from './i18n.js';
import { workOrderStatus, workOrderTitle, deadlineCountdown, tickCountdowns } from './parts.js';
import { movesFor, moveLabel, needsNote, moveWorkOrder } from './lifecycle.js';
import { createDispatchForm } from './dispatch-form.js';
import { isNewerVersion } from './store.js';

/**
 * @param {HTMLElement} root
 * @param {{ api: object, getRole(): string, onMoved(wo: object): void, onClose(): void }} deps
 */
export function createWorkOrderPanel(root, { api, getRole, onMoved, onClose }) {
  const heading = h('h2', { testid: 'wo-panel-number' });
  const closeButton = h('button', {
    type: 'button',
    class: 'btn btn-quiet',
    testid: 'wo-panel-close',
    onclick: () => onClose(),
  });
  const body = h('div', { class: 'wo-panel-body' });
  const note = h('textarea', { rows: '2', testid: 'move-note' });
  const noteLabel = h('span');
  const actions = h('div', { class: 'move-actions', testid: 'move-actions' });
  const message = h('p', { class: 'small', testid: 'move-message', role: 'status' });
  const dispatch = createDispatchForm({
    api,
    onDispatched: (wo) => applyMoved(wo),
    onConflict: () => reload({ keepMessage: true }),
  });
  fill(
    root,
    h('header', { class: 'panel-head' }, heading, h('span', { class: 'spacer' }), closeButton),
    body,
    h(
      'div',
      { class: 'wo-panel-actions' },
      h('label', { class: 'note-label' }, noteLabel, note),
      actions,
      dispatch.el,
      message,
    ),
  );
  root.dataset.testid = 'wo-panel';
  root.hidden = true;
  let current = null; // the loaded work order
  let generation = 0;

  function say(text, kind) {
    message.textContent = text;
    message.dataset.kind = kind ?? '';
    message.className = `small${kind === 'error' ? ' is-error' : ''}`;
  }

  const withTestId = (el, id) => ((el.dataset.testid = id), el);
  const row = (label, ...value) => [h('dt', {}, label), h('dd', {}, ...value)];

  function render() {
    closeButton.textContent = `✕ ${t('detail.close')}`;
    noteLabel.textContent = t('wo.note');
    if (!current) return fill(body, h('p', { class: 'muted' }, t('detail.loading')));
    const wo = current;
    heading.textContent = `${t('detail.workOrder')} ${wo.number}`;
    root.dataset.status = wo.status;
    root.dataset.version = String(wo.version);
    const request = wo.serviceRequest;
    fill(
      body,
      h('p', { class: 'strong' }, workOrderTitle(wo)),
      h(
        'dl',
        { class: 'facts' },
        row(t('detail.status'), withTestId(workOrderStatus(wo.status), 'wo-panel-status')),
        row(t('detail.priority'), tEnum('prio', wo.priority)),
        row(t('detail.department'), tEnum('dept', wo.department)),
        row(t('wo.assignee'), wo.assignee ? `${wo.assignee.name} (${wo.assignee.username})` : t('board.unassigned')),
        wo.unit ? row(t('req.unit'), wo.unit.code) : [],
        row(
          t('wo.respondBy'),
          formatTime(wo.respondBy),
          ' ',
          wo.respondedAt ? '✓' : deadlineCountdown(wo, wo.respondBy),
        ),
        row(
          t('wo.resolveBy'),
          formatTime(wo.resolveBy),
          ' ',
          wo.resolvedAt ? '✓' : deadlineCountdown(wo, wo.resolveBy),
        ),
        request
          ? row(t('wo.request'), `${request.number} · ${tEnum('cat', request.category)} · ${request.description}`)
          : [],
        request?.resident
          ? row(t('wo.resident'), [request.resident.name, request.resident.phone].filter(Boolean).join(' '))
          : [],
      ),
      wo.alertClearedAt
        ? h('p', { class: 'muted' }, t('wo.alertCleared', { time: formatTime(wo.alertClearedAt) }))
        : null,
      h('h3', { class: 'card-title' }, t('wo.history')),
      h(
        'ol',
        { class: 'history', testid: 'wo-history' },
        (wo.history ?? []).map((e) =>
          h(
            'li',
            { testid: 'history-entry', dataset: { from: e.from ?? '', to: e.to } },
            h('span', { class: 'num muted' }, formatTime(e.at)),
            ' ',
            // a line that does not move the status (an escalation, a note) shows the status once
            e.from && e.from !== e.to ? [tEnum('wos', e.from), ' → '] : null,
            h('span', { class: 'strong' }, tEnum('wos', e.to)),
            ' · ',
            e.by?.name ?? e.by?.username ?? t('wo.system'),
            e.note ? h('div', { class: 'small' }, e.note) : null,
          ),
        ),
      ),
    );
    renderActions();
  }

  function renderActions() {
    const moves = movesFor(current.status, getRole());
    fill(
      actions,
      moves.map((m) =>
        h(
          'button',
          {
            type: 'button',
            class: `btn${m.to === 'CANCELLED' ? '' : ' btn-primary'}`,
            testid: `move-${m.to}`,
            dataset: { move: m.name },
            onclick: () => move(m.to),
          },
          moveLabel(m),
        ),
      ),
    );
    note.parentElement.hidden = moves.length === 0;
    dispatch.relabel();
  }

  async function move(to) {
    if (to === 'DISPATCHED') return dispatch.open(current);
    dispatch.close();
    const text = note.value.trim();
    if (needsNote(to) && !text) {
      say(t('move.noteRequired'), 'error');
      note.focus();
      return;
    }
    for (const b of actions.querySelectorAll('button')) b.disabled = true;
    try {
      const moved = await moveWorkOrder(api, current, to, { note: text || undefined });
      note.value = '';
      applyMoved(moved);
    } catch (err) {
      say(err.userMessage ?? err.message, 'error');
      if (err.conflict) await reload({ keepMessage: true });
      else renderActions();
    }
  }

  function applyMoved(moved) {
    current = { ...current, ...moved };
    dispatch.close();
    render();
    say(t('move.done', { status: tEnum('wos', current.status) }), 'ok');
    onMoved(current);
  }

  async function reload({ keepMessage = false } = {}) {
    if (!current?.id) return;
    const mine = ++generation;
    try {
      const { workOrder } = await api.request('WorkOrderCard', { id: current.id });
      // an answer overtaken by a move made meanwhile would bring back the version it replaced
      if (mine !== generation || isNewerVersion(current, workOrder)) return;
      current = workOrder;
      dispatch.update(workOrder);
      render();
      if (!keepMessage) say('');
      onMoved(current);
    } catch (err) {
      if (mine === generation) say(t('call.failed', { detail: err.message }), 'error');
    }
  }

  return {
    get workOrderId() {
      return current?.id ?? null;
    },
    open(id) {
      current = { id };
      generation++;
      root.hidden = false;
      dispatch.close();
      say('');
      fill(body, h('p', { class: 'muted' }, t('detail.loading')));
      fill(actions);
      return reload().then(() => actions.querySelector('button')?.focus());
    },
    close() {
      generation++;
      current = null;
      root.hidden = true;
    },
    /** A workOrderChanged event: reload when it is the open one and moved on (someone else acted). */
    changed(change) {
      if (current?.id === String(change.id) && change.version !== current.version) reload({ keepMessage: true });
    },
    relabel: () => current?.number && render(),
    tick: (now) => tickCountdowns(body, now),
  };
}

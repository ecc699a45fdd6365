/**
 * The operator's callback list: the callbacks still to do that are theirs (or nobody's yet), the
 * most overdue first and those due now marked, with the resident, why, and the attempts so far. ↑/↓ move
 * through the list, Enter opens the record dialog (callback-dialog.js). Re-queried when the list
 * is shown, on every re-sync, and after a work order or incident moves (which may schedule one).
 */
import { h, fill, reconcile } from './dom.js';
import { t, tEnum, formatRelative } from './i18n.js';
import { dueCountdown } from './parts.js';
import { recordCallbackDialog, closeCallbackDialog } from './callback-dialog.js';

/**
 * @param {HTMLElement} root
 * @param {{ api: object, onCount(n: number): void }} deps
 */
export function createCallbacksView(root, { api, onCount }) {
  const title = h('h2', { id: 'cb-title' });
  const count = h('span', { class: 'count-badge', testid: 'callback-count' });
  const hint = h('span', { class: 'muted small' });
  const message = h('p', { class: 'small', role: 'status', testid: 'callback-message' });
  const list = h('ul', { class: 'cb-list', testid: 'callback-list', 'aria-labelledby': 'cb-title' });
  const state = h('p', { class: 'panel-state muted', testid: 'callbacks-empty' });
  fill(
    root,
    h('header', { class: 'panel-head' }, title, count, h('span', { class: 'spacer' }), hint),
    message,
    h('div', { class: 'list-wrap' }, list, state),
  );
  const nodes = new Map();
  let items = [];
  let loaded = false;
  let loading = null;
  let again = false;

  function renderItem(li, cb) {
    const dueNow = Date.parse(cb.dueAt) <= Date.now();
    li.className = `cb-item${dueNow ? ' is-due' : ''}`;
    Object.assign(li.dataset, {
      callbackId: cb.id,
      reason: cb.reason,
      status: cb.status,
      resident: cb.resident?.name ?? '',
      incidentId: cb.incident?.id ?? '',
      dueNow: String(dueNow),
    });
    fill(
      li,
      h(
        'div',
        { class: 'wo-line' },
        h('span', { class: 'strong', testid: 'callback-resident' }, cb.resident?.name ?? '—'),
        cb.resident?.phone ? h('span', { class: 'mono muted' }, cb.resident.phone) : null,
        h('span', { class: 'spacer' }),
        dueCountdown(cb.dueAt, 'callback-due'),
      ),
      h(
        'div',
        { class: 'wo-line small' },
        h('span', { testid: 'callback-reason' }, tEnum('cbr', cb.reason)),
        cb.workOrder ? h('span', { class: 'mono muted' }, cb.workOrder.number) : null,
        cb.incident?.number ? h('span', { class: 'mono muted' }, cb.incident.number) : null,
        cb.attempts ? h('span', { class: 'muted' }, t('cb.attempts', { count: cb.attempts })) : null,
        cb.lastAttemptAt ? h('span', { class: 'muted' }, formatRelative(cb.lastAttemptAt)) : null,
      ),
    );
  }

  function create(id) {
    const li = h('li', {
      testid: 'callback-item',
      tabindex: '0',
      role: 'button',
      onclick: () => record(id),
      onkeydown: (e) => keydown(e, id),
    });
    nodes.set(id, li);
    return li;
  }

  function keydown(e, id) {
    if (e.key === 'Enter' || e.key === ' ') return void (e.preventDefault(), record(id));
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = items.findIndex((cb) => String(cb.id) === id);
    const next = items[at + (e.key === 'ArrowDown' ? 1 : -1)];
    if (next) nodes.get(String(next.id))?.focus();
  }

  async function record(id) {
    const cb = items.find((c) => String(c.id) === id);
    if (!cb) return;
    const answer = await recordCallbackDialog(cb, async (input) => {
      const { recordCallback } = await api.request('DeskRecordCallback', { input: { ...input, version: cb.version } });
      return recordCallback;
    });
    if (answer) message.textContent = t('cb.saved', { status: tEnum('cbs', answer.status) });
    await load(); // also after a cancel: a CONFLICT there means someone else changed it
    (nodes.get(id) ?? list.firstElementChild)?.focus();
  }

  function render() {
    title.textContent = t('cb.title');
    hint.textContent = t('cb.hint');
    count.textContent = String(items.length);
    reconcile(list, nodes, items, {
      create,
      render: renderItem,
      signature: (cb) => `${document.documentElement.lang}|${JSON.stringify(cb)}`,
    });
    state.hidden = items.length > 0;
    state.textContent = loaded ? t('cb.empty') : t('detail.loading');
    root.dataset.state = loaded ? 'ready' : 'loading';
  }

  async function load() {
    if (loading) return void (again = true);
    loading = api.request('DeskCallbacks');
    try {
      const { callbacks } = await loading;
      items = [...callbacks.nodes].sort((a, b) => String(a.dueAt).localeCompare(String(b.dueAt)));
      loaded = true;
      render();
      onCount(items.filter((cb) => Date.parse(cb.dueAt) <= Date.now()).length); // the tab counts those due now
    } catch (err) {
      if (err.kind !== 'auth') message.textContent = t('call.failed', { detail: err.message });
    } finally {
      loading = null;
      if (again) {
        again = false;
        load();
      }
    }
  }

  render();
  return {
    refresh: load,
    focus: () => list.firstElementChild?.focus(),
    clear() {
      closeCallbackDialog();
      items = [];
      loaded = false;
      message.textContent = '';
      render();
    },
    relabel: render,
  };
}

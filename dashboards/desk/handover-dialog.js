/**
 * The shift handover (交接班) in one dialog: the handover waiting for this operator (someone
 * else's closed shift nobody has taken over yet: their notes and the open items the platform
 * listed) with "take over"; closing my own shift with notes, after which the generated open
 * items are shown; and, for the hotline manager and up, the handover log (DeskShifts: the
 * platform's currentShift is the handover waiting, shifts the log).
 */
import { h, fill } from './dom.js';
import { t, tEnum, formatTime } from './i18n.js';

const itemList = (items, testid) =>
  h(
    'ul',
    { class: 'plain shift-items', testid },
    items.map((item) =>
      h(
        'li',
        { testid: 'shift-item', dataset: { kind: item.kind, refId: item.refId ?? '' } },
        h('span', { class: 'strong' }, tEnum('oik', item.kind)),
        ` · ${item.summary ?? ''}`,
      ),
    ),
  );

/**
 * @param {{ api: object, showsLog(): boolean, mayClose(): boolean, onPending(shift: object|null): void }} deps
 */
export function createHandoverDialog({ api, showsLog, mayClose, onPending }) {
  const heading = h('h2', { id: 'shift-title' });
  const pendingEl = h('section', { class: 'shift-pending', testid: 'shift-pending' });
  const notesLabel = h('span');
  const notes = h('textarea', { rows: '3', maxlength: '2000', testid: 'shift-notes' });
  const closeButton = h('button', { type: 'button', class: 'btn btn-primary', testid: 'shift-close' });
  const closedEl = h('div', { testid: 'shift-closed' });
  const closeSection = h(
    'section',
    { class: 'shift-close' },
    h('label', { class: 'field' }, notesLabel, notes),
    closeButton,
    closedEl,
  );
  const logHeading = h('h3', { class: 'card-title' });
  const logEl = h('ul', { class: 'plain shift-log', testid: 'shift-log' });
  const logSection = h('section', { class: 'shift-log-section' }, logHeading, logEl);
  const message = h('p', { class: 'small', role: 'status', testid: 'shift-message' });
  const dismiss = h('button', { type: 'button', class: 'btn', testid: 'shift-dismiss' });
  const dialog = h(
    'dialog',
    { class: 'ack-dialog handover-dialog', testid: 'handover-dialog', 'aria-labelledby': 'shift-title' },
    heading,
    pendingEl,
    closeSection,
    logSection,
    message,
    h('div', { class: 'dialog-actions' }, dismiss),
  );
  closeButton.addEventListener('click', () => closeShift());
  notes.addEventListener('keydown', (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && closeShift());
  dismiss.addEventListener('click', () => dialog.close());
  let shifts = [];
  let pending = null;
  let closed = null;

  function render() {
    heading.textContent = t('shift.handover');
    notesLabel.textContent = t('shift.notes');
    closeButton.textContent = t('shift.closeSubmit');
    logHeading.textContent = t('shift.log');
    dismiss.textContent = t('shift.close2');
    pendingEl.hidden = !pending || !mayClose();
    closeSection.hidden = !mayClose();
    if (pending)
      fill(
        pendingEl,
        h(
          'p',
          { class: 'strong' },
          t('shift.pending', { name: pending.closedBy?.name ?? '—', time: formatTime(pending.closedAt) }),
        ),
        pending.notes ? h('p', { testid: 'shift-pending-notes' }, pending.notes) : null,
        itemList(pending.openItems ?? [], 'shift-pending-items'),
        h(
          'button',
          { type: 'button', class: 'btn btn-primary', testid: 'shift-take-over', onclick: () => takeOver(pending) },
          t('shift.takeOver'),
        ),
      );
    fill(
      closedEl,
      closed
        ? [
            h('p', { class: 'strong' }, t('shift.closed', { count: closed.openItems.length })),
            itemList(closed.openItems, 'shift-open-items'),
          ]
        : null,
    );
    logSection.hidden = !showsLog();
    fill(
      logEl,
      shifts.length
        ? shifts.map((s) =>
            h(
              'li',
              { testid: 'shift-log-entry', dataset: { shiftId: s.id } },
              h('span', { class: 'num muted' }, formatTime(s.closedAt ?? s.openedAt, { seconds: false })),
              ` ${t('shift.by', { from: s.closedBy?.name ?? '—', to: s.takenOverBy?.name ?? t('shift.open') })}`,
              ` · ${t('shift.openItems')} ${s.openItems?.length ?? 0}`,
              s.notes ? ` · ${s.notes}` : null,
            ),
          )
        : h('li', { class: 'muted' }, t('shift.empty')),
    );
  }

  // what the last action did stays until the next one: a reload clears only its own failure
  function say(text, kind = 'ok') {
    message.textContent = text;
    message.dataset.kind = kind;
  }

  async function load() {
    try {
      const data = await api.request('DeskShifts');
      shifts = data.shifts.nodes;
      pending = data.currentShift;
      if (message.dataset.kind === 'load-error') say('');
    } catch (err) {
      if (err.kind !== 'auth') say(t('call.failed', { detail: err.message }), 'load-error');
    }
    render();
    onPending(pending);
  }

  async function closeShift() {
    if (closeButton.disabled) return;
    closeButton.disabled = true;
    try {
      closed = (await api.request('DeskCloseShift', { notes: notes.value.trim() || null })).closeShift;
      notes.value = '';
    } catch (err) {
      say(t('call.failed', { detail: err.message }), 'error');
    } finally {
      closeButton.disabled = false;
    }
    await load();
  }

  async function takeOver(shift) {
    try {
      await api.request('DeskTakeOverShift', { id: shift.id, expectedVersion: shift.version });
      say(t('shift.takenOver'));
    } catch (err) {
      say(t('call.failed', { detail: err.message }), 'error');
    }
    await load();
  }

  document.body.append(dialog);
  return {
    async open() {
      closed = null;
      say('');
      render();
      if (!dialog.open) dialog.showModal();
      await load();
      (pendingEl.hidden ? notes : pendingEl.querySelector('button'))?.focus();
    },
    refresh: load,
    close: () => dialog.open && dialog.close(),
    relabel: render,
  };
}

/**
 * The acknowledge prompt: a modal <dialog> with an optional note (not window.prompt, which
 * blocks the page, and with it the live updates, while it is open).
 */
import { h } from './dom.js';
import { t, tEnum, faultName } from './i18n.js';

let dialog = null;
let parts = null;

function build() {
  const heading = h('h2', { id: 'ack-title' });
  const what = h('p', { class: 'strong' });
  const label = h('label', { for: 'ack-note' });
  const note = h('textarea', { id: 'ack-note', testid: 'ack-note', rows: '3', maxlength: '500' });
  const cancel = h('button', { type: 'button', class: 'btn', testid: 'ack-cancel', value: 'cancel' });
  const confirm = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'ack-confirm', value: 'confirm' });
  const form = h(
    'form',
    { method: 'dialog' },
    heading,
    what,
    label,
    note,
    h('div', { class: 'dialog-actions' }, cancel, confirm),
  );
  dialog = h('dialog', { class: 'ack-dialog', testid: 'ack-dialog', 'aria-labelledby': 'ack-title' }, form);
  cancel.addEventListener('click', () => dialog.close('cancel'));
  // Ctrl/Cmd+Enter confirms from the note field (Enter alone makes a new line).
  note.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) dialog.close('confirm');
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    dialog.close('confirm');
  });
  document.body.append(dialog);
  parts = { heading, what, label, note, cancel, confirm };
}

/**
 * Asks for an optional note. Resolves with `{ note }` (note null when left empty) on confirm,
 * or null when cancelled (Esc, Cancel).
 */
export function askAcknowledgeNote(alert) {
  if (!dialog) build();
  if (dialog.open) dialog.close('cancel');
  const { heading, what, label, note, cancel, confirm } = parts;
  heading.textContent = t('ack.title');
  what.textContent = `${tEnum('sev', alert.severity)} · ${faultName(alert.faultCode)} · ${alert.equipment?.code ?? ''}`;
  label.textContent = t('ack.note');
  cancel.textContent = t('ack.cancel');
  confirm.textContent = t('ack.confirm');
  note.value = '';
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => resolve(dialog.returnValue === 'confirm' ? { note: note.value.trim() || null } : null),
      { once: true },
    );
    dialog.showModal();
    note.focus();
  });
}

/** Closes the prompt if it is open (logout). */
export function closeAcknowledgeDialog() {
  if (dialog?.open) dialog.close('cancel');
}

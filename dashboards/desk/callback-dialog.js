/**
 * Recording a callback, keyboard first: R reached / N not reached, a digit 1–5 for the
 * satisfaction, the comment, Ctrl+Enter saves (RecordCallback); Esc cancels. Not reached counts
 * an attempt (three make the callback unreachable); a score of 1 or 2 reopens the work order.
 */
import { h, fill } from './dom.js';
import { t, tEnum } from './i18n.js';

let dialog = null;
let parts = null;

function build() {
  const heading = h('h2', { id: 'cb-dialog-title' });
  const who = h('p', { class: 'strong', testid: 'callback-dialog-who' });
  const reachedLabel = h('span');
  const notReachedLabel = h('span');
  const reached = h('input', { type: 'radio', name: 'cb-reached', value: 'yes', testid: 'callback-reached' });
  const notReached = h('input', { type: 'radio', name: 'cb-reached', value: 'no', testid: 'callback-not-reached' });
  const scoreLegend = h('legend');
  const scores = [1, 2, 3, 4, 5].map((n) =>
    h('input', { type: 'radio', name: 'cb-score', value: String(n), testid: `callback-score-${n}` }),
  );
  const scoreBox = h(
    'fieldset',
    { class: 'cb-scores' },
    scoreLegend,
    scores.map((input, i) => h('label', { class: 'check' }, input, ` ${i + 1}`)),
  );
  const commentLabel = h('span');
  const comment = h('textarea', { rows: '3', maxlength: '1000', testid: 'callback-comment' });
  const error = h('p', { class: 'small is-error', role: 'alert', testid: 'callback-error' });
  const cancel = h('button', { type: 'button', class: 'btn', testid: 'callback-cancel' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'callback-save' });
  const form = h(
    'form',
    { method: 'dialog' },
    heading,
    who,
    h(
      'div',
      { class: 'form-row' },
      h('label', { class: 'check' }, reached, ' ', reachedLabel),
      h('label', { class: 'check' }, notReached, ' ', notReachedLabel),
    ),
    scoreBox,
    h('label', { class: 'field' }, commentLabel, comment),
    error,
    h('div', { class: 'dialog-actions' }, cancel, save),
  );
  dialog = h('dialog', { class: 'ack-dialog', testid: 'callback-dialog', 'aria-labelledby': 'cb-dialog-title' }, form);
  const sync = () => (scoreBox.disabled = !reached.checked);
  reached.addEventListener('change', sync);
  notReached.addEventListener('change', sync);
  cancel.addEventListener('click', () => dialog.close('cancel'));
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return void (e.preventDefault(), form.requestSubmit());
    if (e.target === comment || e.ctrlKey || e.altKey || e.metaKey) return;
    const key = e.key.toLowerCase();
    if (key === 'r' || key === 'n') {
      e.preventDefault();
      (key === 'r' ? reached : notReached).checked = true;
      sync();
    } else if (/^[1-5]$/.test(e.key) && reached.checked) {
      e.preventDefault();
      scores[Number(e.key) - 1].checked = true;
    }
  });
  document.body.append(dialog);
  parts = { heading, who, reached, notReached, reachedLabel, notReachedLabel, scores, scoreBox, scoreLegend };
  Object.assign(parts, { commentLabel, comment, error, cancel, save, form, sync });
}

/**
 * Opens the dialog for `callback`; `record(input)` runs RecordCallback and resolves with its answer
 * (or throws, shown in the dialog, which stays open). Resolves with the answer, or null if cancelled.
 */
export function recordCallbackDialog(callback, record) {
  if (!dialog) build();
  if (dialog.open) dialog.close('cancel');
  const p = parts;
  p.heading.textContent = t('cb.record');
  p.who.textContent = [
    callback.resident?.name,
    callback.resident?.phone,
    tEnum('cbr', callback.reason),
    callback.workOrder?.number,
  ]
    .filter(Boolean)
    .join(' · ');
  p.reachedLabel.textContent = `${t('cb.reached')} (R)`;
  p.notReachedLabel.textContent = `${t('cb.notReached')} (N)`;
  p.scoreLegend.textContent = t('cb.satisfaction');
  p.commentLabel.textContent = t('cb.comment');
  p.cancel.textContent = t('cb.cancel');
  p.save.textContent = t('cb.save');
  p.form.reset();
  p.reached.checked = true;
  p.sync();
  fill(p.error);
  return new Promise((resolve) => {
    let answer = null;
    const submit = async (e) => {
      e.preventDefault();
      const reached = p.reached.checked;
      const score = p.scores.find((s) => s.checked);
      if (reached && !score) return void (p.error.textContent = t('cb.needScore'));
      p.save.disabled = true;
      try {
        answer = await record({
          id: callback.id,
          reached,
          satisfaction: reached ? Number(score.value) : null,
          comment: p.comment.value.trim() || null,
        });
        dialog.close('saved');
      } catch (err) {
        p.error.textContent = t('call.failed', { detail: err.message });
      } finally {
        p.save.disabled = false;
      }
    };
    p.form.addEventListener('submit', submit);
    dialog.addEventListener(
      'close',
      () => {
        p.form.removeEventListener('submit', submit);
        resolve(answer);
      },
      { once: true },
    );
    dialog.showModal();
    p.reached.focus();
  });
}

/** Closes the dialog if it is open (logout). */
export function closeCallbackDialog() {
  if (dialog?.open) dialog.close('cancel');
}

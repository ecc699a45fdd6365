/**
 * Dispatching a work order: a department and one of its technicians (AssignableStaff), then
 * TransitionWorkOrder to DISPATCHED with the version the desk saw. Used by the call console
 * (right after filing a request) and by the board's work order panel.
 */
import { h, fill } from './dom.js';
import { t, tEnum } from './i18n.js';
import { moveWorkOrder } from './lifecycle.js';

const DEPARTMENTS = ['ENGINEERING', 'SECURITY', 'ENVIRONMENT', 'CUSTOMER_SERVICE'];

/**
 * @param {{ api: object, onDispatched(wo: object): void, onConflict?(wo: object): void }} deps
 */
export function createDispatchForm({ api, onDispatched, onConflict = () => {} }) {
  const heading = h('h4', { class: 'card-title' });
  const deptLabel = h('span');
  const techLabel = h('span');
  const department = h('select', { testid: 'dispatch-department', onchange: () => loadStaff() });
  // Enter on the technician dispatches (a select does not submit its form by itself)
  const technician = h('select', {
    testid: 'dispatch-technician',
    onkeydown: (e) => e.key === 'Enter' && (e.preventDefault(), dispatch()),
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'dispatch-submit' });
  const message = h('p', { class: 'small', testid: 'dispatch-message', role: 'status' });
  const form = h(
    'form',
    { class: 'dispatch-form', testid: 'dispatch-form', onsubmit: (e) => (e.preventDefault(), dispatch()) },
    heading,
    h(
      'div',
      { class: 'form-row' },
      h('label', {}, deptLabel, department),
      h('label', {}, techLabel, technician),
      submit,
    ),
    message,
  );
  form.hidden = true;
  let workOrder = null;
  let staffLoad = 0;

  function relabel() {
    heading.textContent = workOrder ? `${t('dispatch.title')} ${workOrder.number}` : t('dispatch.title');
    deptLabel.textContent = t('req.department');
    techLabel.textContent = t('dispatch.technician');
    submit.textContent = t('dispatch.submit');
    const chosen = department.value;
    fill(
      department,
      DEPARTMENTS.map((d) => h('option', { value: d }, tEnum('dept', d))),
    );
    department.value = chosen || workOrder?.department || 'ENGINEERING';
  }

  function say(text, kind = 'ok') {
    message.textContent = text;
    message.dataset.kind = kind;
    message.className = `small${kind === 'error' ? ' is-error' : ''}`;
  }

  async function loadStaff() {
    const load = ++staffLoad;
    fill(technician, h('option', { value: '' }, t('detail.loading')));
    technician.dataset.state = 'loading';
    try {
      const { assignableStaff } = await api.request('AssignableStaff', { department: department.value });
      if (load !== staffLoad) return;
      const staff = assignableStaff ?? [];
      fill(
        technician,
        h('option', { value: '' }, staff.length ? t('dispatch.pick') : t('dispatch.noStaff')),
        staff.map((s) => h('option', { value: s.id, dataset: { username: s.username } }, `${s.name} (${s.username})`)),
      );
      if (staff.length === 1) technician.value = staff[0].id;
      technician.dataset.state = 'ready';
    } catch (err) {
      if (load !== staffLoad) return;
      technician.dataset.state = 'error';
      say(t('call.failed', { detail: err.message }), 'error');
    }
  }

  async function dispatch() {
    if (!workOrder || submit.disabled) return;
    if (!technician.value) {
      say(t('dispatch.pick'), 'error');
      technician.focus();
      return;
    }
    const name = technician.selectedOptions[0]?.textContent ?? '';
    submit.disabled = true;
    try {
      const moved = await moveWorkOrder(api, workOrder, 'DISPATCHED', {
        assigneeId: technician.value,
        department: department.value,
      });
      workOrder = { ...workOrder, ...moved };
      say(t('dispatch.done', { name }));
      form.dataset.state = 'done';
      onDispatched(workOrder);
    } catch (err) {
      say(err.userMessage ?? err.message, 'error');
      if (err.conflict) onConflict(workOrder);
    } finally {
      submit.disabled = false;
    }
  }

  return {
    el: form,
    relabel,
    /** Shows the form for `wo` ({ id, number, version, department }); focuses the technician. */
    open(wo, { focus = true } = {}) {
      workOrder = wo;
      form.hidden = false;
      form.dataset.state = 'open';
      department.value = '';
      relabel();
      say('');
      loadStaff().then(() => focus && technician.focus());
    },
    /** The work order was reloaded (a conflict): dispatch with its new version. */
    update(wo) {
      if (workOrder && wo.id === workOrder.id) workOrder = { ...workOrder, ...wo };
    },
    close() {
      workOrder = null;
      form.hidden = true;
    },
  };
}

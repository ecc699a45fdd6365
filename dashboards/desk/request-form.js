/**
 * Filing a request during a call, keyboard first: category (type its digit), unit, description,
 * priority, department, and for an inquiry the answer given on the spot; Ctrl+Enter files it
 * (CreateServiceRequest). A request that opened a work order goes straight to the dispatch form.
 * When the caller is affected by an active incident, the form offers to join it (preselected):
 * the request then joins the incident's work order instead of opening a duplicate.
 */
import { h, fill } from './dom.js';
import { t, tEnum } from './i18n.js';
import { workOrderStatus } from './parts.js';
import { createDispatchForm } from './dispatch-form.js';

const CATEGORIES = ['REPAIR', 'INQUIRY', 'BUSINESS', 'COMPLAINT', 'SUGGESTION'];
const PRIORITIES = ['NORMAL', 'HIGH', 'URGENT', 'LOW'];
const DEPARTMENTS = ['ENGINEERING', 'SECURITY', 'ENVIRONMENT', 'CUSTOMER_SERVICE'];
/** the department a category's work order usually goes to (the operator may change it) */
const DEFAULT_DEPARTMENT = {
  REPAIR: 'ENGINEERING',
  COMPLAINT: 'CUSTOMER_SERVICE',
  BUSINESS: 'CUSTOMER_SERVICE',
  INQUIRY: 'CUSTOMER_SERVICE',
};

/**
 * @param {HTMLElement} root
 * @param {{ api: object, getCall(): object|null, onFiled(request: object): void, onDispatched(wo: object): void }} deps
 */
export function createRequestForm(root, { api, getCall, onFiled, onDispatched }) {
  const labels = {};
  const field = (key, control) => h('label', { class: `field field-${key}` }, (labels[key] = h('span')), control);
  const category = h('select', { testid: 'req-category', onchange: () => categoryChanged() });
  const unit = h('select', { testid: 'req-unit' });
  const description = h('textarea', { rows: '2', testid: 'req-description' });
  const priority = h('select', { testid: 'req-priority' });
  const department = h('select', { testid: 'req-department' });
  const answer = h('textarea', { rows: '2', testid: 'req-answer' });
  const incident = h('select', { testid: 'req-incident' });
  const incidentField = field('incident', incident);
  const answerField = field('answer', answer);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'req-submit' });
  const message = h('p', { class: 'small', testid: 'req-message', role: 'status' });
  const heading = h('h3', { class: 'card-title' });
  const filedHeading = h('h4', { class: 'muted small' });
  const filed = h('ul', { class: 'plain', testid: 'call-requests' });
  const dispatch = createDispatchForm({ api, onDispatched: (wo) => (markDispatched(wo), onDispatched(wo)) });
  const form = h(
    'form',
    {
      class: 'request-form',
      testid: 'request-form',
      onsubmit: (e) => (e.preventDefault(), file()),
      onkeydown: (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && (e.preventDefault(), file()),
    },
    heading,
    h(
      'div',
      { class: 'form-grid' },
      field('category', category),
      field('unit', unit),
      field('priority', priority),
      field('department', department),
      incidentField,
    ),
    field('description', description),
    answerField,
    h('div', { class: 'form-row' }, submit, message),
  );
  fill(root, form, dispatch.el, filedHeading, filed);
  let resident = null;
  let incidents = []; // the call's active incidents a request may join
  const requests = []; // the requests filed during this call, newest first

  function relabel() {
    heading.textContent = t('req.title');
    for (const [key, label] of Object.entries({
      category: 'req.category',
      unit: 'req.unit',
      description: 'req.description',
      priority: 'req.priority',
      department: 'req.department',
      answer: 'req.answer',
      incident: 'inc.join',
    }))
      labels[key].textContent = t(label);
    submit.textContent = t('req.submit');
    filedHeading.textContent = t('req.thisCall');
    options(
      category,
      CATEGORIES.map((c, i) => [c, `${i + 1} · ${tEnum('cat', c)}`]),
    );
    options(
      priority,
      PRIORITIES.map((p) => [p, tEnum('prio', p)]),
    );
    options(
      department,
      DEPARTMENTS.map((d) => [d, tEnum('dept', d)]),
    );
    renderUnits();
    renderIncidents();
    renderFiled();
    dispatch.relabel();
  }

  function options(select, entries) {
    const chosen = select.value;
    fill(
      select,
      entries.map(([value, label]) => h('option', { value }, label)),
    );
    if (chosen) select.value = chosen;
  }

  function renderUnits() {
    const chosen = unit.value;
    const units = resident?.units ?? [];
    fill(
      unit,
      h('option', { value: '' }, t('req.noUnit')),
      units.map((u) => h('option', { value: u.id }, [u.building?.code, u.code].filter(Boolean).join(' '))),
    );
    unit.value = units.some((u) => u.id === chosen) ? chosen : (units[0]?.id ?? '');
  }

  function renderIncidents() {
    incidentField.hidden = !incidents.length;
    const chosen = incident.value;
    fill(
      incident,
      incidents.map((i) => h('option', { value: i.id }, [i.number, i.title].filter(Boolean).join(' · '))),
      h('option', { value: '' }, t('inc.noJoin')),
    );
    incident.value = incidents.some((i) => i.id === chosen) ? chosen : (incidents[0]?.id ?? '');
  }

  function categoryChanged() {
    answerField.hidden = category.value !== 'INQUIRY';
    department.value = DEFAULT_DEPARTMENT[category.value] ?? department.value;
  }

  function renderFiled() {
    fill(
      filed,
      requests.map((r) =>
        h(
          'li',
          {
            testid: 'call-request',
            dataset: { number: r.number, category: r.category, status: r.status, incidentId: r.incidentId },
          },
          h('span', { class: 'mono strong' }, r.number),
          ` ${tEnum('cat', r.category)} · ${tEnum('rqs', r.status)}`,
          r.workOrder
            ? [
                ' · ',
                h('span', { class: 'mono', testid: 'call-request-wo' }, r.workOrder.number),
                ' ',
                workOrderStatus(r.workOrder.status),
              ]
            : null,
        ),
      ),
    );
  }

  function say(text, kind = 'ok') {
    message.textContent = text;
    message.className = `small${kind === 'error' ? ' is-error' : ''}`;
    message.dataset.kind = kind;
  }

  async function file() {
    const call = getCall();
    if (!call || submit.disabled) return;
    const text = description.value.trim();
    if (!text) return (say(t('req.required'), 'error'), description.focus());
    const input = {
      category: category.value,
      description: text,
      callId: call.id,
      priority: priority.value,
      department: department.value,
    };
    if (resident) input.residentId = resident.id;
    if (unit.value) input.unitId = unit.value;
    if (category.value === 'INQUIRY' && answer.value.trim()) input.answer = answer.value.trim();
    if (incidents.length && incident.value) input.incidentId = incident.value;
    submit.disabled = true;
    try {
      const { createServiceRequest: request } = await api.request('CreateServiceRequest', { input });
      requests.unshift({ ...request, incidentId: input.incidentId ?? '' });
      renderFiled();
      description.value = '';
      answer.value = '';
      say(
        `${t('req.filed', { number: request.number })}${request.workOrder ? ` → ${request.workOrder.number}` : ` · ${t('req.closed')}`}`,
      );
      onFiled(request);
      // a request that joined an incident shares its work order, already being handled
      if (request.workOrder && !input.incidentId) dispatch.open(request.workOrder);
      else category.focus();
    } catch (err) {
      say(t('call.failed', { detail: err.message }), 'error');
    } finally {
      submit.disabled = false;
    }
  }

  function markDispatched(wo) {
    for (const r of requests) if (r.workOrder?.id === wo.id) r.workOrder = { ...r.workOrder, ...wo };
    renderFiled();
    category.focus();
  }

  relabel();
  categoryChanged();
  return {
    relabel,
    /** The resident the request is for (with `units`), or null for an unknown caller. */
    setResident(next) {
      resident = next;
      renderUnits();
    },
    /** The call's active incidents: the form offers to join one (the first is preselected). */
    setIncidents(list) {
      incidents = list;
      renderIncidents();
    },
    /** A new call: an empty form, focused on the category. */
    reset() {
      requests.length = 0;
      description.value = '';
      answer.value = '';
      category.value = CATEGORIES[0];
      categoryChanged();
      dispatch.close();
      say('');
      renderFiled();
    },
    focus: () => category.focus(),
  };
}

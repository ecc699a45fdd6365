/**
 * A staff-opened incident, keyboard first: planned (a scheduled water stop, a power cut for
 * maintenance) or manual (a fault staff learned of with no sensor: it starts now); title, kind,
 * the buildings (one checkbox each), start and end, the text residents are told; Ctrl+Enter
 * creates it (CreateIncident). The platform resolves the affected units.
 */
import { h, fill } from './dom.js';
import { t, tEnum } from './i18n.js';

const KINDS = ['WATER', 'ELECTRIC', 'HEATING', 'OTHER'];
const SOURCES = ['PLANNED', 'MANUAL'];

/** `<input type=datetime-local>` value ↔ ISO (the browser's local time). */
const toLocalInput = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const fromLocalInput = (value) => (value ? new Date(value).toISOString() : null);

/**
 * @param {{ api: object, onCreated(message: string): void }} deps
 */
export function createIncidentForm({ api, onCreated }) {
  const labels = {};
  const field = (key, control) => h('label', { class: `field field-${key}` }, (labels[key] = h('span')), control);
  const name = h('input', { type: 'text', testid: 'incident-title', maxlength: '200' });
  const kind = h('select', { testid: 'incident-kind-select' });
  // a manual incident is happening now: its start is now and the start field is hidden
  const source = h('select', { testid: 'incident-source-select', onchange: () => showStart() });
  const buildingsBox = h('fieldset', { class: 'inc-buildings', testid: 'incident-buildings-select' });
  const legend = h('legend');
  const startsAt = h('input', { type: 'datetime-local', testid: 'incident-starts' });
  const endsAt = h('input', { type: 'datetime-local', testid: 'incident-ends' });
  const text = h('textarea', { rows: '3', testid: 'incident-text' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'incident-create' });
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => close() });
  const message = h('p', { class: 'small', role: 'status', testid: 'incident-form-message' });
  const el = h(
    'form',
    {
      class: 'incident-form',
      testid: 'incident-form',
      hidden: true,
      onsubmit: (e) => (e.preventDefault(), create()),
      onkeydown: (e) => {
        const action = e.key === 'Escape' ? close : e.key === 'Enter' && (e.ctrlKey || e.metaKey) ? create : null;
        if (!action) return;
        e.preventDefault();
        action();
      },
    },
    h('div', { class: 'form-grid' }, field('name', name), field('kind', kind), field('source', source)),
    buildingsBox,
    h('div', { class: 'form-grid' }, field('startsAt', startsAt), field('endsAt', endsAt)),
    field('text', text),
    h('div', { class: 'form-row' }, submit, cancel, message),
  );
  let buildings = [];

  function relabel() {
    for (const [key, label] of Object.entries({
      name: 'inc.name',
      kind: 'inc.kind',
      source: 'inc.source',
      startsAt: 'inc.startsAt',
      endsAt: 'inc.endsAt',
      text: 'inc.text',
    }))
      labels[key].textContent = t(label);
    legend.textContent = t('inc.buildings');
    submit.textContent = t('inc.create');
    cancel.textContent = t('cb.cancel');
    const chosen = kind.value;
    fill(
      kind,
      KINDS.map((k) => h('option', { value: k }, tEnum('ik', k))),
    );
    kind.value = chosen || 'WATER';
    const chosenSource = source.value;
    fill(
      source,
      SOURCES.map((k) => h('option', { value: k }, tEnum('isrc', k))),
    );
    source.value = chosenSource || 'PLANNED';
  }

  const isManual = () => source.value === 'MANUAL';

  function showStart() {
    labels.startsAt.parentElement.hidden = isManual();
  }

  function renderBuildings() {
    const checked = new Set([...buildingsBox.querySelectorAll('input:checked')].map((i) => i.value));
    fill(
      buildingsBox,
      legend,
      buildings.map((b) =>
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            value: b.id,
            testid: 'incident-building',
            dataset: { code: b.code },
            checked: checked.has(b.id),
          }),
          ` ${b.code}${b.name ? ` ${b.name}` : ''}`,
        ),
      ),
    );
  }

  async function open() {
    el.hidden = false;
    message.textContent = '';
    if (!startsAt.value) startsAt.value = toLocalInput(new Date(Date.now() + 60 * 60_000));
    name.focus();
    try {
      buildings = (await api.request('Buildings')).buildings ?? [];
      renderBuildings();
    } catch (err) {
      message.textContent = t('call.failed', { detail: err.message });
    }
  }

  function close() {
    el.hidden = true;
    el.reset();
    showStart();
  }

  async function create() {
    const buildingIds = [...buildingsBox.querySelectorAll('input:checked')].map((i) => i.value);
    if (!name.value.trim() || !buildingIds.length || (!isManual() && !startsAt.value)) {
      message.textContent = t('inc.required');
      message.className = 'small is-error';
      return;
    }
    const input = {
      title: name.value.trim(),
      kind: kind.value,
      buildingIds,
      startsAt: isManual() ? new Date().toISOString() : fromLocalInput(startsAt.value),
      endsAt: fromLocalInput(endsAt.value),
      planned: !isManual(),
      textForResidents: text.value.trim() || null,
    };
    submit.disabled = true;
    try {
      const { createIncident: created } = await api.request('DeskCreateIncident', { input });
      close();
      onCreated(t('inc.created', { number: created.number, count: created.affectedUnits?.totalCount ?? 0 }));
    } catch (err) {
      message.textContent = t('call.failed', { detail: err.message });
      message.className = 'small is-error';
    } finally {
      submit.disabled = false;
    }
  }

  relabel();
  return { el, open, close, relabel };
}

/**
 * The call console's view of who is calling: one card per matched resident with their units,
 * preferred contact time and notes, their open requests (with the work orders they opened)
 * and their last calls (CallerContext). A card is selected with a click or Enter; the request
 * form files for the selected resident.
 */
import { h, fill } from './dom.js';
import { t, tEnum, formatTime } from './i18n.js';
import { workOrderStatus } from './parts.js';
import { callerIncidents } from './caller-incidents.js';

/**
 * @param {HTMLElement} root
 * @param {{ api: object, onSelect(resident: object|null): void }} deps
 *   onSelect gets the selected resident with `units` (their current occupancies' units)
 */
export function createCallerCards(root, { api, onSelect }) {
  let residents = []; // [{ id, name, context?, error? }]
  let incidents = []; // the call's activeIncidents: shown above the cards
  let selectedId = null;
  let generation = 0;

  const section = (label, testid, items) =>
    h(
      'div',
      { class: 'caller-section', testid },
      h('h4', { class: 'muted small' }, label),
      items.length ? h('ul', { class: 'plain' }, items) : h('p', { class: 'muted small' }, t('res.none')),
    );

  function card(resident) {
    const ctx = resident.context;
    const r = ctx?.resident ?? resident;
    const selected = resident.id === selectedId;
    const occupancies = r.occupancies ?? [];
    return h(
      'article',
      {
        class: `caller-card${selected ? ' is-selected' : ''}`,
        testid: 'caller-card',
        tabindex: '0',
        'aria-pressed': String(selected),
        dataset: { residentId: resident.id },
        onclick: () => select(resident.id),
        onkeydown: (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), select(resident.id)),
      },
      h(
        'div',
        { class: 'wo-line' },
        h('span', { class: 'caller-name strong', testid: 'caller-name' }, r.name),
        r.phone ? h('span', { class: 'mono muted' }, r.phone) : null,
      ),
      (r.tags ?? []).length
        ? h(
            'div',
            { class: 'tags' },
            r.tags.map((tag) => h('span', { class: 'tag' }, tag)),
          )
        : null,
      r.preferredContactTime
        ? h('div', { class: 'small' }, `${t('res.contactTime')}: ${r.preferredContactTime}`)
        : null,
      r.notes ? h('div', { class: 'small' }, `${t('res.notes')}: ${r.notes}`) : null,
      resident.error ? h('p', { class: 'is-error small' }, resident.error) : null,
      !ctx && !resident.error ? h('p', { class: 'muted small' }, t('detail.loading')) : null,
      ctx
        ? [
            section(
              t('res.units'),
              'caller-units',
              occupancies.map((o) =>
                h(
                  'li',
                  { class: o.until ? 'muted' : '', testid: 'caller-unit' },
                  [o.unit?.building?.code, o.unit?.code].filter(Boolean).join(' '),
                  ` · ${tEnum('rel', o.relation)}`,
                  o.until ? ` · ${t('res.moved')} ${o.until}` : null,
                ),
              ),
            ),
            section(
              t('res.openRequests'),
              'caller-open-requests',
              ctx.serviceRequests.nodes.map((sr) =>
                h(
                  'li',
                  { testid: 'caller-request', dataset: { number: sr.number } },
                  h('span', { class: 'mono' }, sr.number),
                  ` ${tEnum('cat', sr.category)} · ${sr.description} `,
                  sr.workOrder
                    ? [
                        h('span', { class: 'mono muted' }, sr.workOrder.number),
                        ' ',
                        workOrderStatus(sr.workOrder.status),
                      ]
                    : null,
                ),
              ),
            ),
            section(
              t('res.recentCalls'),
              'caller-recent-calls',
              ctx.calls.nodes.map((c) =>
                h(
                  'li',
                  { testid: 'caller-call' },
                  h('span', { class: 'num muted' }, formatTime(c.startedAt, { seconds: false })),
                  ` ${tEnum('chan', c.channel)} · ${c.operator?.name ?? '—'}${c.summary ? ` · ${c.summary}` : ''}`,
                ),
              ),
            ),
          ]
        : null,
    );
  }

  function render() {
    fill(root, callerIncidents(incidents), residents.map(card));
  }

  function selected() {
    const resident = residents.find((r) => r.id === selectedId);
    if (!resident) return null;
    const occupancies = resident.context?.resident?.occupancies ?? [];
    return { ...resident, units: occupancies.filter((o) => !o.until).map((o) => o.unit) };
  }

  function select(id) {
    selectedId = id;
    render();
    onSelect(selected());
  }

  async function load(resident, mine) {
    try {
      resident.context = await api.request('CallerContext', { residentId: resident.id });
      resident.error = null;
    } catch (err) {
      resident.error = t('call.failed', { detail: err.message });
    }
    if (mine !== generation) return;
    render();
    if (resident.id === selectedId) onSelect(selected());
  }

  return {
    /** The residents a call matched: the first is selected; each card loads its context. */
    show(matched) {
      const mine = ++generation;
      residents = matched.map((r) => ({ id: r.id, name: r.name }));
      selectedId = residents[0]?.id ?? null;
      render();
      onSelect(selected());
      return Promise.all(residents.map((r) => load(r, mine)));
    },
    /** Reloads the cards (a request was filed, or the live feed says a work order moved). */
    refresh() {
      const mine = ++generation;
      return Promise.all(residents.map((r) => load(r, mine)));
    },
    /** Whether a card shows this work order (among the open requests). */
    showsWorkOrder: (id) =>
      residents.some((r) => r.context?.serviceRequests.nodes.some((sr) => sr.workOrder?.id === String(id))),
    /** The call's active incidents (StartCall's activeIncidents), shown above the cards. */
    setIncidents(list) {
      incidents = list;
      render();
    },
    clear() {
      generation++;
      residents = [];
      incidents = [];
      selectedId = null;
      render();
    },
    relabel: render,
  };
}

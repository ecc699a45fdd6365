/**
 * The incidents panel: every active incident (water, power, heating) with its kind, the buildings
 * and how many units it affects, the calls and requests it explains, its work order and its
 * announcement. A draft announcement is published from here (PublishAnnouncement with the
 * incident, so it goes to the affected units); a planned or manual incident is ended here
 * (an alert-opened one ends by itself). The list is re-queried on every incidentChanged event
 * and, as a fallback, on the alarm and work order events that may open or end one.
 */
import { h, fill, reconcile } from './dom.js';
import { t, tEnum, formatTime } from './i18n.js';
import { workOrderStatus } from './parts.js';
import { createIncidentForm } from './incident-form.js';

/**
 * @param {HTMLElement} root
 * @param {{ api: object, onOpenWorkOrder(id: string): void, onCount(n: number): void,
 *           mayEdit(): boolean, mayPublish(): boolean }} deps  what the signed-in role may do
 */
export function createIncidentsView(root, { api, onOpenWorkOrder, onCount, mayEdit, mayPublish }) {
  const title = h('h2', { id: 'inc-title' });
  const count = h('span', { class: 'count-badge', testid: 'incident-count' });
  const newButton = h('button', {
    type: 'button',
    class: 'btn',
    testid: 'incident-new',
    onclick: () => form.open(),
  });
  const message = h('p', { class: 'small', testid: 'incident-message', role: 'status' });
  const list = h('ul', { class: 'inc-list', testid: 'incident-list', 'aria-labelledby': 'inc-title' });
  const state = h('p', { class: 'panel-state muted', testid: 'incidents-empty' });
  const form = createIncidentForm({ api, onCreated: (created) => (say(created), load()) });
  fill(
    root,
    h('header', { class: 'panel-head' }, title, count, h('span', { class: 'spacer' }), newButton),
    form.el,
    message,
    h('div', { class: 'list-wrap' }, list, state),
  );
  const nodes = new Map();
  let items = [];
  let loaded = false;
  let loading = null;
  let again = false;

  const stat = (key, n, testid) => h('span', { class: 'inc-stat num', testid }, t(key, { count: n ?? 0 }));

  function announcement(inc) {
    // the draft waiting to be published, else the latest (the list is oldest first)
    const a = inc.announcements?.find((x) => x.status === 'DRAFT') ?? inc.announcements?.at(-1);
    if (!a) return h('div', { class: 'muted small', testid: 'incident-announcement' }, t('inc.noAnnouncement'));
    const draft = a.status === 'DRAFT' && mayPublish();
    return h(
      'div',
      { class: 'inc-announcement', testid: 'incident-announcement', dataset: { status: a.status ?? '' } },
      h('span', { class: 'muted small' }, `${t('inc.announcement')} · ${tEnum('as', a.status)} · `),
      h('span', { class: 'strong' }, a.title),
      draft
        ? h(
            'button',
            { type: 'button', class: 'btn btn-primary', testid: 'incident-publish', onclick: () => publish(inc, a) },
            t('inc.publish'),
          )
        : null,
    );
  }

  function renderItem(li, inc) {
    li.className = `inc-item inc-${String(inc.kind).toLowerCase()}`;
    Object.assign(li.dataset, { number: inc.number, status: inc.status, incidentId: inc.id, source: inc.source });
    const wo = inc.workOrder;
    const manual = inc.source !== 'ALERT' && mayEdit();
    fill(
      li,
      h(
        'div',
        { class: 'wo-line' },
        h('span', { class: 'inc-kind strong', testid: 'incident-kind' }, tEnum('ik', inc.kind)),
        h('span', { class: 'mono' }, inc.number),
        h('span', { class: 'clip strong' }, inc.title),
        h('span', { class: 'spacer' }),
        h('span', { class: 'muted small' }, `${tEnum('isrc', inc.source)} · ${tEnum('is', inc.status)}`),
      ),
      h(
        'div',
        { class: 'wo-line' },
        h(
          'span',
          { testid: 'incident-buildings' },
          `${t('inc.buildings')}: ${inc.buildings.map((b) => b.code).join(', ')}`,
        ),
        stat('inc.units', inc.affectedUnits?.totalCount, 'incident-units'),
        stat('inc.calls', inc.calls?.totalCount, 'incident-calls'),
        stat('inc.requests', inc.requests?.totalCount, 'incident-requests'),
        inc.alerts?.length ? stat('inc.alerts', inc.alerts.length, 'incident-alerts') : null,
      ),
      h(
        'div',
        { class: 'wo-line muted small num' },
        t('inc.since', { time: formatTime(inc.startedAt, { seconds: false }) }),
        inc.endsAt ? ` · ${t('inc.until', { time: formatTime(inc.endsAt, { seconds: false }) })}` : null,
      ),
      h(
        'div',
        { class: 'wo-line' },
        wo
          ? h(
              'button',
              { type: 'button', class: 'link mono', testid: 'incident-wo', onclick: () => onOpenWorkOrder(wo.id) },
              wo.number,
            )
          : h('span', { class: 'muted small' }, t('inc.noWorkOrder')),
        wo ? workOrderStatus(wo.status) : null,
        h('span', { class: 'spacer' }),
        manual
          ? h('button', { type: 'button', class: 'btn', testid: 'incident-end', onclick: () => end(inc) }, t('inc.end'))
          : null,
      ),
      announcement(inc),
    );
  }

  function render() {
    title.textContent = t('inc.title');
    newButton.textContent = t('inc.new');
    newButton.hidden = !mayEdit();
    count.textContent = String(items.length);
    reconcile(list, nodes, items, {
      create: (id) => {
        const li = h('li', { testid: 'incident-item', tabindex: '0' });
        nodes.set(id, li);
        return li;
      },
      render: renderItem,
      signature: (inc) => `${document.documentElement.lang}|${mayEdit()}|${mayPublish()}|${JSON.stringify(inc)}`,
    });
    state.hidden = items.length > 0;
    state.textContent = loaded ? t('inc.empty') : t('detail.loading');
    root.dataset.state = loaded ? 'ready' : 'loading';
    form.relabel();
  }

  function say(text, kind = 'ok') {
    message.textContent = text;
    message.className = `small${kind === 'error' ? ' is-error' : ''}`;
    message.dataset.kind = kind;
  }

  /** One query at a time; events arriving meanwhile ask for one more afterwards. */
  async function load() {
    if (loading) return void (again = true);
    loading = api.request('DeskIncidents');
    try {
      const { incidents } = await loading;
      items = incidents.nodes;
      loaded = true;
      if (message.dataset.kind === 'error') say('');
      render();
      onCount(items.length);
    } catch (err) {
      if (err.kind !== 'auth') say(t('call.failed', { detail: err.message }), 'error');
    } finally {
      loading = null;
      if (again) {
        again = false;
        load();
      }
    }
  }

  async function publish(inc, a) {
    try {
      const input = { title: a.title, body: a.body ?? inc.textForResidents ?? a.title, kind: a.kind ?? 'OUTAGE' };
      // the notice leaves the feed when the stop is announced to end, as its draft says
      // (schema/announcements/announcement-incident.listener.ts); without it, publishing clears the expiry
      if (inc.endsAt && Date.parse(inc.endsAt) > Date.now()) input.expiresAt = inc.endsAt;
      const { publishAnnouncement: done } = await api.request('DeskPublishAnnouncement', {
        input: { ...input, incidentId: inc.id },
      });
      say(t('inc.published', { count: done.recipients?.totalCount ?? 0 }));
    } catch (err) {
      say(t('call.failed', { detail: err.message }), 'error');
    }
    load();
  }

  async function end(inc) {
    const li = nodes.get(String(inc.id));
    const note = li?.querySelector('[data-testid="incident-end-note"]');
    if (!note) {
      // first press: ask for an optional note in place, the second press ends it
      const input = h('input', {
        class: 'inc-end-note',
        testid: 'incident-end-note',
        placeholder: t('inc.endNote'),
        'aria-label': t('inc.endNote'),
        onkeydown: (e) => e.key === 'Enter' && (e.preventDefault(), end(inc)),
      });
      li?.append(input);
      input.focus();
      return;
    }
    try {
      await api.request('DeskEndIncident', { id: inc.id, note: note.value.trim() || null });
      say(t('inc.ended', { number: inc.number }));
    } catch (err) {
      say(t('call.failed', { detail: err.message }), 'error');
    }
    load();
  }

  render();
  return {
    refresh: load,
    clear() {
      items = [];
      loaded = false;
      say('');
      form.close();
      render();
    },
    relabel: render,
  };
}

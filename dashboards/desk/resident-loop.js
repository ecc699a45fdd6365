/**
 * Closing the loop with residents on the desk: the incidents tab, the operator's callback list
 * and the shift handover (a button at the end of the tab strip, with a dot while a handover
 * waits to be taken over). service-desk.js adds the two tabs and forwards the live events:
 * incidentChanged re-queries the incidents; an alarm raised or changed, a work order opened or
 * moved, a request filed here (each may schedule a callback or change an incident's counts)
 * re-query both lists, a burst of them coalesced into one query each.
 */
import { h } from './dom.js';
import { t } from './i18n.js';
import { tickCountdowns } from './parts.js';
import { watchesEscalations } from './lifecycle.js';
import { createIncidentsView } from './incidents-view.js';
import { createCallbacksView } from './callbacks-view.js';
import { createHandoverDialog } from './handover-dialog.js';

const COALESCE_MS = 500; // a burst of alarm / work order events makes one re-query

// Who may do what, as the platform's resolvers authorise it (schema/incidents/incident-roles.ts,
// schema/announcements, schema/callbacks/callback-lifecycle.ts, schema/desk/shifts): the desk
// offers only what the signed-in role may do.
const INCIDENT_EDITORS = ['MANAGER', 'SUPERVISOR', 'HOTLINE_MANAGER', 'AFFAIRS_OFFICER'];
const PUBLISHERS = ['MANAGER', 'SUPERVISOR', 'HOTLINE_MANAGER', 'RELATIONS_OFFICER'];
const CALLBACK_WORKERS = ['HOTLINE_OPERATOR', 'HOTLINE_MANAGER', 'SUPERVISOR', 'MANAGER'];
const SHIFT_WORKERS = ['HOTLINE_OPERATOR', 'HOTLINE_MANAGER', 'SUPERVISOR'];
const SHIFT_LOG_READERS = [...SHIFT_WORKERS, 'MANAGER'];
const may = (roles, staff) => roles.includes(staff?.role);

/**
 * @param {{ api: object, onOpenWorkOrder(id: string): void, setCount(tab: string, n: number): void }} deps
 */
export function createResidentLoop({ api, onOpenWorkOrder, setCount }) {
  let staff = null;
  const incidentsEl = h('section', { class: 'panel incidents', testid: 'incidents' });
  const callbacksEl = h('section', { class: 'panel callbacks', testid: 'callbacks' });
  const incidents = createIncidentsView(incidentsEl, {
    api,
    onOpenWorkOrder,
    onCount: (n) => setCount('incidents', n),
    mayEdit: () => may(INCIDENT_EDITORS, staff),
    mayPublish: () => may(PUBLISHERS, staff),
  });
  const callbacks = createCallbacksView(callbacksEl, { api, onCount: (n) => setCount('callbacks', n) });
  const handoverButton = h('button', {
    type: 'button',
    class: 'btn handover-button',
    testid: 'handover-open',
    onclick: () => handover.open(),
  });
  const handover = createHandoverDialog({
    api,
    showsLog: () => watchesEscalations(staff?.role),
    mayClose: () => may(SHIFT_WORKERS, staff),
    onPending: (shift) => (handoverButton.dataset.pending = String(Boolean(shift))),
  });
  let timer = null;

  function relabel() {
    handoverButton.textContent = t('shift.handover');
    incidents.relabel();
    callbacks.relabel();
    handover.relabel();
  }

  function refreshAll() {
    if (!staff) return;
    incidents.refresh();
    if (may(CALLBACK_WORKERS, staff)) callbacks.refresh();
  }

  /** An event that may have opened or ended an incident or scheduled a callback. */
  function soon() {
    if (timer || !staff) return;
    timer = setTimeout(() => {
      timer = null;
      refreshAll();
    }, COALESCE_MS);
  }

  relabel();
  return {
    areas: [
      h('main', { class: 'sd-area incidents-area' }, incidentsEl),
      h('main', { class: 'sd-area callbacks-area' }, callbacksEl),
    ],
    handoverButton,
    /** The tabs this role sees. */
    tabsFor: (role) => ['incidents', ...(CALLBACK_WORKERS.includes(role) ? ['callbacks'] : [])],
    start(next) {
      staff = next;
      handoverButton.hidden = !may(SHIFT_LOG_READERS, staff);
      relabel();
      refreshAll();
      if (!handoverButton.hidden) handover.refresh();
    },
    stop() {
      staff = null;
      clearTimeout(timer);
      timer = null;
      incidents.clear();
      callbacks.clear();
      handover.close();
    },
    resync: refreshAll,
    /** Live: an incident opened, changed or ended. */
    incidentChanged: () => staff && incidents.refresh(),
    /** Live: an alarm was raised or changed, or a work order moved. */
    changed: soon,
    shown(id) {
      if (id === 'callbacks') callbacks.refresh().then(() => callbacks.focus());
      if (id === 'incidents') incidents.refresh();
    },
    relabel,
    tick: (now) => tickCountdowns(callbacksEl, now),
  };
}

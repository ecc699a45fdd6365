/**
 * Closing the loop with residents on the desk: the incidents tab, the operator's callback list
 * and the shift handover (a button at the end of the tab strip, with a dot while a handover
 * waits to be taken over). service-desk.js adds the two tabs and forwards the events:
 * incidentChanged re-queries the incidents; alarms and work orders moving re-query both lists
 * (they may open or end an incident, or schedule a callback), coalesced into one query each.
 */
import { h } from './dom.js';
import { t } from './i18n.js';
import { tickCountdowns } from './parts.js';
import { watchesEscalations } from './lifecycle.js';
import { createIncidentsView } from './incidents-view.js';
import { createCallbacksView } from './callbacks-view.js';
import { createHandoverDialog, pendingHandover } from './handover-dialog.js';

const COALESCE_MS = 500; // a burst of alarm / work order events makes one re-query

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
    getStaff: () => staff,
    showsLog: () => watchesEscalations(staff?.role),
    onChanged: (shifts) => {
      handoverButton.dataset.pending = String(Boolean(pendingHandover(shifts, staff?.username)));
    },
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
    callbacks.refresh();
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
    start(next) {
      staff = next;
      refreshAll();
      handover.refresh();
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

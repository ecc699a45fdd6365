/**
 * The technician's whole screen (a phone): the header, the banner and their work orders, live
 * through their own workOrderChanged subscription. Technicians get it on sign-in; anyone can
 * open it with /desk/?view=tech.
 */
import { h } from './dom.js';
import { createLive } from './live.js';
import { createTechView } from './tech-view.js';
import { problemOf } from './banner-view.js';

/** Whether this sign-in gets the technician's screen instead of the desk. */
export const isTechView = (staff) =>
  staff?.role === 'TECHNICIAN' || new URLSearchParams(location.search).get('view') === 'tech';

/**
 * @param {{ api: object, headerEl: HTMLElement, bannerEl: HTMLElement, onConnection(state: string): void,
 *           setProblem(source: string, problem: object|null): void }} deps
 */
export function createTechScreen({ api, headerEl, bannerEl, onConnection, setProblem }) {
  const listEl = h('section', { class: 'panel tech-panel', testid: 'tech-view' });
  const root = h('div', { class: 'desk tech-screen' }, listEl);
  const view = createTechView(listEl, {
    api,
    onProblem: (err) => setProblem('tech', err && err.kind !== 'network' ? problemOf(err) : null),
  });
  const live = createLive({
    api,
    onState: onConnection,
    onResync: () => view.refresh(),
    onError: (err) => setProblem('live', err && err.kind !== 'network' ? problemOf(err) : null),
    handlers: { WorkOrderChanges: ({ workOrderChanged }) => workOrderChanged && view.changed(workOrderChanged) },
  });
  let timer = null;
  let running = false;

  return {
    root,
    start() {
      running = true;
      root.prepend(headerEl, bannerEl);
      view.refresh();
      live.start();
      timer = setInterval(() => view.tick(Date.now()), 1_000);
    },
    stop() {
      if (!running) return;
      running = false;
      live.stop();
      clearInterval(timer);
      view.clear();
    },
    relabel: () => view.relabel(),
  };
}

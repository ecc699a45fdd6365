/**
 * The desk's tab strip: monitoring (the alarm desk), the call console, the work order board
 * and, for the supervisor and up, escalations. Alt+1…4 switches, F2 goes to the call console's
 * number field. A tab shows a count (alarms unacknowledged, escalations) so nothing hides.
 */
import { h, fill } from './dom.js';
import { t } from './i18n.js';

/**
 * @param {HTMLElement} root
 * @param {{ tabs: Array<{ id: string, label: string, panes: HTMLElement[] }>, onShow(id: string): void }} options
 */
export function createDeskTabs(root, { tabs, onShow }) {
  const buttons = new Map();
  const counts = new Map();
  const hint = h('span', { class: 'muted small tab-hint' });
  const strip = h('div', { class: 'tab-strip', role: 'tablist' });
  fill(root, strip, h('span', { class: 'spacer' }), hint);
  let active = tabs[0].id;
  let visible = new Set(tabs.map((tab) => tab.id));

  for (const tab of tabs) {
    const count = h('span', { class: 'tab-count', testid: `tab-count-${tab.id}` });
    const button = h('button', {
      type: 'button',
      role: 'tab',
      class: 'tab',
      testid: `tab-${tab.id}`,
      onclick: () => show(tab.id),
    });
    buttons.set(tab.id, { button, count, label: h('span') });
    button.append(buttons.get(tab.id).label, count);
    strip.append(button);
  }

  function render() {
    hint.textContent = t('tab.hint');
    for (const tab of tabs) {
      const { button, count, label } = buttons.get(tab.id);
      label.textContent = t(tab.label);
      button.hidden = !visible.has(tab.id);
      button.setAttribute('aria-selected', String(tab.id === active));
      button.tabIndex = tab.id === active ? 0 : -1;
      const n = counts.get(tab.id) ?? 0;
      count.textContent = n ? String(n) : '';
      count.hidden = !n;
      for (const pane of tab.panes) pane.hidden = tab.id !== active;
    }
  }

  function show(id) {
    if (!visible.has(id)) return;
    active = id;
    render();
    onShow(id);
  }

  document.addEventListener('keydown', (e) => {
    if (!root.isConnected) return;
    const shown = tabs.filter((tab) => visible.has(tab.id));
    if (e.altKey && /^[1-9]$/.test(e.key) && shown[Number(e.key) - 1]) {
      e.preventDefault();
      show(shown[Number(e.key) - 1].id);
    }
  });

  render();
  return {
    show,
    get active() {
      return active;
    },
    /** Which tabs this role sees (the first stays the default). */
    setVisible(ids) {
      visible = new Set(ids);
      if (!visible.has(active)) active = tabs[0].id;
      render();
    },
    setCount(id, n) {
      counts.set(id, n);
      render();
    },
    relabel: render,
  };
}

/**
 * The call console: type or paste the caller's number, Enter starts the call (StartCall), the
 * matched residents appear with their units, open requests and recent calls, a request is filed
 * and its work order dispatched in a few keystrokes, and the call ends with a summary (EndCall).
 * The caller's active incidents (an outage on their unit) head the cards, and a request may join
 * one instead of opening another work order.
 */
import { h, fill } from './dom.js';
import { t, tEnum, formatTime, formatDuration } from './i18n.js';
import { createCallerCards } from './caller-card.js';
import { createRequestForm } from './request-form.js';

const CHANNELS = ['PHONE', 'WALK_IN', 'APP', 'WECHAT'];

/**
 * @param {HTMLElement} root
 * @param {{ api: object, onWorkOrder(wo: object): void }} deps  onWorkOrder: a work order was opened or dispatched here
 */
export function createCallConsole(root, { api, onWorkOrder }) {
  const title = h('h2', { id: 'console-title' });
  const phoneLabel = h('span');
  const phone = h('input', {
    type: 'tel',
    inputmode: 'tel',
    autocomplete: 'off',
    testid: 'call-phone',
    onkeydown: (e) => e.key === 'Enter' && (e.preventDefault(), start()),
  });
  const channel = h('select', { testid: 'call-channel' });
  const startButton = h('button', {
    type: 'button',
    class: 'btn btn-primary',
    testid: 'call-start',
    onclick: () => start(),
  });
  const status = h('p', { class: 'call-status', testid: 'call-status', role: 'status', 'aria-live': 'polite' });
  const cardsEl = h('div', { class: 'caller-cards', testid: 'caller-cards' });
  const requestEl = h('div', { class: 'request-area' });
  const summaryLabel = h('span');
  const summary = h('textarea', { rows: '2', testid: 'call-summary' });
  const endButton = h('button', { type: 'button', class: 'btn', testid: 'call-end', onclick: () => end() });
  const endArea = h('div', { class: 'call-end' }, h('label', { class: 'field' }, summaryLabel, summary), endButton);
  const work = h(
    'div',
    { class: 'console-work' },
    h('div', { class: 'console-caller' }, cardsEl),
    h('div', { class: 'console-request' }, requestEl, endArea),
  );
  fill(
    root,
    h('header', { class: 'panel-head' }, title),
    h('div', { class: 'call-bar' }, h('label', { class: 'field' }, phoneLabel, phone), channel, startButton, status),
    work,
  );
  root.setAttribute('aria-labelledby', 'console-title');

  let call = null; // { id, phone, startedAt, matchedResidents } while a call is on
  let ended = null; // the last call's { durationS } until the next one starts
  let failure = null;
  let busy = false;
  const cards = createCallerCards(cardsEl, { api, onSelect: (resident) => form.setResident(resident) });
  const form = createRequestForm(requestEl, {
    api,
    getCall: () => call,
    onFiled: (request) => {
      if (request.workOrder) onWorkOrder(request.workOrder);
      cards.refresh();
    },
    onDispatched: (wo) => (onWorkOrder(wo), cards.refresh()),
  });

  function render() {
    title.textContent = t('tab.console');
    phoneLabel.textContent = t('call.phone');
    startButton.textContent = busy && !call ? t('call.starting') : t('call.start');
    summaryLabel.textContent = t('call.summary');
    endButton.textContent = t('call.end');
    const chosen = channel.value;
    fill(
      channel,
      CHANNELS.map((c) => h('option', { value: c }, tEnum('chan', c))),
    );
    channel.value = chosen || 'PHONE';
    channel.setAttribute('aria-label', t('call.channel'));
    work.hidden = !call;
    phone.disabled = Boolean(call);
    startButton.disabled = Boolean(call) || busy;
    root.dataset.state = call ? 'active' : 'idle';
    status.dataset.state = call ? 'active' : ended ? 'ended' : 'idle';
    status.className = `call-status${failure ? ' is-error' : ''}`;
    if (failure) status.textContent = failure;
    else if (call) {
      const matched = call.matchedResidents.length;
      status.textContent = [
        t('call.active', { phone: call.phone }),
        t('call.since', { time: formatTime(call.startedAt) }),
        matched ? t('call.matched', { count: matched }) : t('call.noMatch'),
      ].join(' · ');
    } else
      status.textContent = ended
        ? t('call.ended', { duration: formatDuration((ended.durationS ?? 0) * 1000) })
        : t('call.idle');
  }

  async function start() {
    // sent as typed or pasted ("+86 139-…", spaces, dashes): the platform normalises it
    const typed = phone.value.trim();
    if (call || busy || !/\d/.test(typed)) return phone.focus();
    busy = true;
    failure = null;
    render();
    try {
      const { startCall } = await api.request('StartCall', { input: { phone: typed, channel: channel.value } });
      call = { ...startCall, phone: startCall.phone ?? typed };
      ended = null;
      form.reset();
      render();
      cards.show(call.matchedResidents ?? []);
      cards.setIncidents(call.activeIncidents ?? []);
      form.setIncidents(call.activeIncidents ?? []);
      form.focus();
    } catch (err) {
      failure = t('call.failed', { detail: err.message });
    } finally {
      busy = false;
      render();
    }
  }

  async function end() {
    if (!call || busy) return;
    busy = true;
    try {
      const { endCall } = await api.request('EndCall', { id: call.id, summary: summary.value.trim() || null });
      ended = endCall;
      call = null;
      failure = null;
      summary.value = '';
      phone.value = '';
      cards.clear();
      form.setIncidents([]);
    } catch (err) {
      failure = t('call.failed', { detail: err.message });
    } finally {
      busy = false;
      render();
      if (!call) phone.focus();
    }
  }

  render();
  return {
    relabel() {
      render();
      cards.relabel();
      form.relabel();
    },
    /** F2: the number field, to take the next call (or the form, during one). */
    focus: () => (call ? form.focus() : phone.focus()),
    /** A work order moved (live): reload the cards when one shows it among the open requests. */
    workOrderChanged: (change) => call && cards.showsWorkOrder(change.id) && cards.refresh(),
    reset() {
      call = null;
      ended = null;
      failure = null;
      phone.value = '';
      cards.clear();
      render();
    },
  };
}

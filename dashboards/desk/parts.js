/**
 * Display parts shared by the views: severity as colour *and* text (WCAG 1.4.1), status
 * labels, and due-time countdowns that a one-second tick keeps current.
 */
import { h } from './dom.js';
import { t, tEnum, formatDue, getLang } from './i18n.js';

const lower = (value) => String(value ?? '').toLowerCase();

export const severityChip = (severity) =>
  h(
    'span',
    { class: `sev-chip sev-${lower(severity)}` },
    h('span', { class: 'sev-dot', 'aria-hidden': 'true' }),
    tEnum('sev', severity),
  );

export const alertStatus = (status) => h('span', { class: `status status-${lower(status)}` }, tEnum('status', status));

export const workOrderStatus = (status) => h('span', { class: `wo-status wos-${lower(status)}` }, tEnum('wos', status));

/**
 * A work order's title. The platform builds `title` in English (from the plan's title, or the
 * request's category and description), so in zh-CN a work order with an emergency plan is named
 * by the plan's Chinese title and the equipment code, and one opened by a request by the
 * category's Chinese name and the description; otherwise by `title`.
 */
export function workOrderTitle(wo) {
  const zh = getLang() === 'zh-CN';
  const titleZh = zh ? wo?.emergencyPlan?.titleZh : null;
  if (titleZh) return [titleZh, wo.equipment?.code].filter(Boolean).join(' — ');
  const request = zh ? wo?.serviceRequest : null;
  if (request?.category && request.description) return `${tEnum('cat', request.category)}：${request.description}`;
  return wo?.title ?? '';
}

/** "剩余 12 分" / "已超时 3 分 05 秒", red once overdue; `tickCountdowns` updates it. */
export function dueCountdown(iso, testid = null) {
  const due = formatDue(iso);
  return h('span', { class: `due num${due.overdue ? ' is-overdue' : ''}`, testid, dataset: { dueTs: iso } }, due.text);
}

/** A work order's countdown to `iso`; ON_HOLD pauses the SLA clock, so it says so instead. */
export function deadlineCountdown(wo, iso, testid = null) {
  if (wo.status !== 'ON_HOLD') return dueCountdown(iso, testid);
  return h('span', { class: 'due is-paused muted', testid }, t('board.paused'));
}

export function tickCountdowns(root, now = Date.now()) {
  for (const el of root.querySelectorAll('[data-due-ts]')) {
    const due = formatDue(el.dataset.dueTs, now);
    el.textContent = due.text;
    el.classList.toggle('is-overdue', due.overdue);
  }
}

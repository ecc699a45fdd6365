/**
 * What the operator must see first when a resident of an affected unit calls: the incidents
 * active on their units (StartCall's activeIncidents) — the outage they are most likely calling
 * about, with its work order — as a strip above the caller cards.
 */
import { h } from './dom.js';
import { t, tEnum } from './i18n.js';
import { workOrderStatus } from './parts.js';

/** The strip, or null when the caller is affected by no incident. */
export function callerIncidents(incidents) {
  if (!incidents?.length) return null;
  return h(
    'div',
    { class: 'caller-incidents', testid: 'call-incidents', role: 'alert' },
    h('h4', { class: 'small' }, t('inc.onCall')),
    h(
      'ul',
      { class: 'plain' },
      incidents.map((inc) =>
        h(
          'li',
          { testid: 'call-incident', dataset: { incidentId: inc.id, number: inc.number ?? '' } },
          h('span', { class: 'inc-kind strong' }, tEnum('ik', inc.kind)),
          ' ',
          inc.number ? h('span', { class: 'mono' }, inc.number) : null,
          ' ',
          h('span', { class: 'strong' }, inc.title),
          inc.workOrder
            ? [
                ' · ',
                h('span', { class: 'mono muted' }, inc.workOrder.number),
                ' ',
                workOrderStatus(inc.workOrder.status),
              ]
            : null,
        ),
      ),
    ),
  );
}

import { CallChannel } from '../../schema/hotline/calls/call-channel.enum';
import { DEFAULT_DEPARTMENT } from '../../schema/desk/work-orders/work-order-opening';
import { centreDay } from '../../schema/desk/work-orders/work-order-number';
import { WorkOrderPriority, WorkOrderSource, WorkOrderStatus } from '../../schema/desk/work-orders/work-order.enums';
import { closedOnFiling } from '../../schema/hotline/requests/service-request.service';
import { RequestCategory, ServiceRequestStatus } from '../../schema/hotline/requests/service-request.enums';
import { estateHourAfter } from '../../schema/callbacks/callback-timing';
import { addRow, newId, type DemoOccupant, type DemoYear, type Row } from './demo-year-context';
import { planWorkOrder } from './demo-year-work-orders';
import { seasonOf, SEASONAL_REPAIRS } from './demo-year-texts';
import { CALL_SUMMARIES, CATEGORY_WEIGHTS, CHANNEL_WEIGHTS, DEMO_REQUESTS, weighted } from './demo-hotline-texts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** calls on an ordinary day of the demo estate (108 units): a few */
const CALLS_PER_DAY = 4;

/** A call to the hotline and its request, as an operator files them. */
export interface CallPlan {
  startedAt: Date;
  occupant: DemoOccupant | null;
  channel: CallChannel;
  category: RequestCategory;
  text: string;
  answer: string | null;
  incidentId?: string;
}

/** Calls of one estate day (`day`: its midnight), by the season of its month: a few a day, more in winter and summer. */
export function planDayOfCalls(year: DemoYear, day: Date): number {
  const random = year.random;
  const month = Number(centreDay(estateHourAfter(day, 0, 12)).slice(4, 6));
  const season = seasonOf(month);
  const weekend = [0, 6].includes(estateHourAfter(day, 0, 12).getUTCDay());
  const mean = CALLS_PER_DAY * (season === 'winter' ? 1.15 : season === 'summer' ? 1.1 : 0.9) * (weekend ? 0.8 : 1);
  const count = Math.max(1, Math.round(mean * (0.5 + random())));
  for (let i = 0; i < count; i++) {
    const occupant = random() < 0.9 ? year.occupants[Math.floor(random() * year.occupants.length)] : null;
    const category = weighted(random, CATEGORY_WEIGHTS);
    const seasonal = category === RequestCategory.REPAIR && season !== null && random() < 0.45;
    const texts = seasonal
      ? SEASONAL_REPAIRS[season!].map((text) => ({ text, answer: undefined }))
      : DEMO_REQUESTS[category];
    const { text, answer } = texts[Math.floor(random() * texts.length)];
    // office hours in Shanghai, 08:00–20:00, and now and then in the evening
    const hour = random() < 0.9 ? 8 + random() * 12 : 20 + random() * 3;
    planCall(year, {
      startedAt: new Date(day.getTime() + hour * HOUR_MS),
      occupant,
      channel: weighted(random, CHANNEL_WEIGHTS),
      category,
      text,
      answer: answer ?? null,
    });
  }
  return count;
}

/**
 * One call, its request and, unless answered on the spot, the request's work order (finished:
 * demo-year-work-orders.ts). Returns the call's row.
 */
export function planCall(year: DemoYear, plan: CallPlan): Row {
  const random = year.random;
  const operator = random() < 0.7 ? year.staff.operator! : year.staff['hotline-manager']!;
  const siteId = plan.occupant?.siteId ?? null;
  const call = addRow(year, 'call', {
    id: newId(),
    version: 1,
    channel: plan.channel,
    phone: plan.occupant?.phone ?? `1390000${String(Math.floor(random() * 10_000)).padStart(4, '0')}`,
    operator_id: operator,
    site_id: siteId,
    started_at: plan.startedAt,
    ended_at: new Date(plan.startedAt.getTime() + (60 + random() * 540) * 1000),
    recording_ref: `rec/${centreDay(plan.startedAt)}/${plan.startedAt.getTime()}.wav`,
    summary: CALL_SUMMARIES[plan.category],
  });
  if (plan.occupant) addRow(year, 'call_resident', { call_id: call.id, resident_id: plan.occupant.residentId });
  const createdAt = new Date(plan.startedAt.getTime() + MINUTE_MS);
  const closed = closedOnFiling(plan.category, plan.answer);
  const request = addRow(year, 'service_request', {
    id: newId(),
    version: 1,
    number: null,
    category: plan.category,
    status: closed ? ServiceRequestStatus.CLOSED : ServiceRequestStatus.OPEN,
    description: plan.text,
    answer: closed ? plan.answer : null,
    call_id: call.id,
    resident_id: plan.occupant?.residentId ?? null,
    unit_id: plan.occupant?.unitId ?? null,
    site_id: siteId,
    created_by_id: operator,
    department: DEFAULT_DEPARTMENT[plan.category],
    incident_id: plan.incidentId ?? null,
    created_at: createdAt,
    closed_at: closed ? createdAt : null,
  });
  if (closed) return call;
  const priority = random() < 0.15 ? WorkOrderPriority.HIGH : WorkOrderPriority.NORMAL;
  const policy = year.policies.get(`${plan.category}/${priority}`) ?? { respondMinutes: 60, resolveMinutes: 1440 };
  const workOrder = planWorkOrder(year, {
    bucket: 'work_order',
    createdAt,
    title: plan.text,
    priority,
    source: WorkOrderSource.SERVICE_REQUEST,
    department: DEFAULT_DEPARTMENT[plan.category],
    respondMinutes: policy.respondMinutes,
    resolveMinutes: policy.resolveMinutes,
    serviceRequestId: request.id as string,
    unitId: plan.occupant?.unitId ?? null,
    siteId,
    openedBy: operator,
    openNote: 'opened from its service request',
    residentId: plan.occupant?.residentId ?? null,
    complaint: plan.category === RequestCategory.COMPLAINT,
  });
  if (workOrder.status === WorkOrderStatus.CLOSED) request.status = ServiceRequestStatus.CLOSED;
  if (workOrder.status === WorkOrderStatus.CANCELLED) request.status = ServiceRequestStatus.CANCELLED;
  request.closed_at = workOrder.finishedAt;
  year.numbered.push(() => (workOrder.opening.note = `opened from ${String(request.number)}`));
  return call;
}

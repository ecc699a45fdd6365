import type { EntityManager } from '@mikro-orm/postgresql';
import { Notification, NotificationKind } from '../../schema/desk/notifications/notification.entity';
import { SlaPolicy } from '../../schema/desk/sla/sla-policy.entity';
import { WorkOrder } from '../../schema/desk/work-orders/work-order.entity';
import { WorkOrderPriority, WorkOrderSource, WorkOrderStatus } from '../../schema/desk/work-orders/work-order.enums';
import { nextWorkOrderNumber, centreDay } from '../../schema/desk/work-orders/work-order-number';
import { WorkOrderTransition } from '../../schema/desk/work-orders/work-order-transition.entity';
import { Call } from '../../schema/hotline/calls/call.entity';
import { DEFAULT_DEPARTMENT } from '../../schema/desk/work-orders/work-order-opening';
import { ServiceRequest } from '../../schema/hotline/requests/service-request.entity';
import { closedOnFiling } from '../../schema/hotline/requests/service-request.service';
import { nextServiceRequestNumber } from '../../schema/hotline/requests/service-request-number';
import { RequestCategory, ServiceRequestStatus } from '../../schema/hotline/requests/service-request.enums';
import { Occupancy } from '../../schema/residents/occupancy.entity';
import { Role } from '../../schema/staff/role.enum';
import { Staff } from '../../schema/staff/staff.entity';
import {
  CALL_SUMMARIES,
  CATEGORY_WEIGHTS,
  CHANNEL_WEIGHTS,
  DEMO_REQUESTS,
  demoRandom,
  weighted,
} from './demo-hotline-texts';
import { demoLife, demoState, EVERY_STATE, type DemoActor } from './demo-work-order-life';

const DAYS = 7;
const CALLS_PER_DAY = 12;
const HOUR_MS = 3_600_000;

/** The midnight (Asia/Shanghai) the demo week begins at: its first day's calls are after it. */
export function demoWeekStart(now: Date): Date {
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (DAYS - 1) * 24 * HOUR_MS - 8 * HOUR_MS,
  );
}

/**
 * A week of the demo centre's work (only with DEMO on, right after the demo estate): calls on
 * every channel from residents and unknown numbers, requests of every category, and their work
 * orders in every state with the history that led there — so a first `npm start` shows a
 * working centre. Overdue ones are left to the escalation job, which escalates them live.
 * Written row by row (not through the API): the history is in the past.
 */
export async function seedDemoServiceDesk(
  em: EntityManager,
  now: Date,
): Promise<{ calls: number; workOrders: number }> {
  const random = demoRandom(20261129);
  const occupancies = await em.find(
    Occupancy,
    { until: null },
    { populate: ['resident', 'unit.building'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: 120 },
  );
  if (occupancies.length === 0) return { calls: 0, workOrders: 0 };
  const staff = new Map(
    (await em.find(Staff, { username: { $in: ['operator', 'technician', 'supervisor', 'hotline-manager'] } })).map(
      (s) => [s.username as DemoActor, s],
    ),
  );
  const operators = [staff.get('operator'), staff.get('hotline-manager')].filter((s): s is Staff => s !== undefined);
  if (operators.length === 0) return { calls: 0, workOrders: 0 };
  const policies = new Map((await em.find(SlaPolicy, {})).map((p) => [`${p.category}/${p.priority}`, p]));
  const calls: Call[] = [];
  const workOrders: WorkOrder[] = [];
  let forced = 0;
  for (let day = DAYS - 1; day >= 0; day--) {
    for (let i = 0; i < CALLS_PER_DAY; i++) {
      // office hours in Shanghai: 08:00–20:00 (UTC+8)
      const dayStart = demoWeekStart(now).getTime() + (DAYS - 1 - day) * 24 * HOUR_MS;
      const startedAt = new Date(dayStart + (8 + random() * 12) * HOUR_MS);
      if (startedAt.getTime() > now.getTime() - 5 * 60_000) continue;
      const occupancy = random() < 0.9 ? occupancies[Math.floor(random() * occupancies.length)] : null;
      const resident = occupancy?.resident.getEntity() ?? null;
      const unit = occupancy?.unit.getEntity() ?? null;
      const category = weighted(random, CATEGORY_WEIGHTS);
      const texts = DEMO_REQUESTS[category];
      const { text, answer } = texts[Math.floor(random() * texts.length)];
      const call = em.create(Call, {
        channel: weighted(random, CHANNEL_WEIGHTS),
        phone: resident?.phone ?? `1390000${String(Math.floor(random() * 10_000)).padStart(4, '0')}`,
        operator: operators[Math.floor(random() * operators.length)],
        site: unit ? unit.building.getEntity().site : null,
        startedAt,
        endedAt: new Date(startedAt.getTime() + (60 + random() * 540) * 1000),
        recordingRef: `rec/${centreDay(startedAt)}/${startedAt.getTime()}.wav`,
        summary: CALL_SUMMARIES[category],
      });
      if (resident) call.matchedResidents.add(resident);
      calls.push(call);
      const createdAt = new Date(startedAt.getTime() + 60_000);
      const closed = closedOnFiling(category, answer ?? null);
      const request = em.create(ServiceRequest, {
        number: await nextServiceRequestNumber(em, createdAt),
        category,
        status: closed ? ServiceRequestStatus.CLOSED : ServiceRequestStatus.OPEN,
        description: text,
        answer: closed ? (answer ?? null) : null,
        call,
        resident,
        unit,
        site: call.site,
        createdBy: call.operator,
        department: DEFAULT_DEPARTMENT[category],
        createdAt,
        closedAt: closed ? createdAt : null,
      });
      if (closed) continue;
      const ageHours = (now.getTime() - createdAt.getTime()) / HOUR_MS;
      // the first work orders older than six hours take every state in turn, the rest by age
      const state = ageHours > 6 && forced < EVERY_STATE.length ? EVERY_STATE[forced++] : demoState(ageHours, random);
      const priority = random() < 0.15 ? WorkOrderPriority.HIGH : WorkOrderPriority.NORMAL;
      const policy = policies.get(`${category}/${priority}`);
      const life = demoLife(state, createdAt, now, random);
      const respondBy = new Date(createdAt.getTime() + (policy?.respondMinutes ?? 60) * 60_000 + life.pausedMs);
      const workOrder = em.create(WorkOrder, {
        number: await nextWorkOrderNumber(em, createdAt),
        title: text.slice(0, 200),
        status: state,
        priority,
        source: WorkOrderSource.SERVICE_REQUEST,
        department: DEFAULT_DEPARTMENT[category],
        dueAt: respondBy,
        respondBy,
        resolveBy: new Date(createdAt.getTime() + (policy?.resolveMinutes ?? 1440) * 60_000 + life.pausedMs),
        respondedAt: life.respondedAt,
        resolvedAt: life.resolvedAt,
        holdStartedAt: life.holdStartedAt,
        finishedAt: life.finishedAt,
        serviceRequest: request,
        unit,
        site: request.site,
        assignee:
          state === WorkOrderStatus.OPEN || state === WorkOrderStatus.CANCELLED ? null : staff.get('technician'),
        createdAt,
        updatedAt: life.moves.at(-1)?.at ?? createdAt,
      });
      if (state === WorkOrderStatus.CLOSED) request.status = ServiceRequestStatus.CLOSED;
      if (state === WorkOrderStatus.CANCELLED) request.status = ServiceRequestStatus.CANCELLED;
      request.closedAt = life.finishedAt;
      em.create(WorkOrderTransition, {
        workOrder,
        at: createdAt,
        from: null,
        to: WorkOrderStatus.OPEN,
        by: call.operator,
        note: `opened from ${request.number}`,
      });
      for (const move of life.moves) {
        em.create(WorkOrderTransition, {
          workOrder,
          at: move.at,
          from: move.from,
          to: move.to,
          by: staff.get(move.by) ?? null,
          note: move.note,
        });
      }
      if (category === RequestCategory.COMPLAINT) {
        em.create(Notification, {
          workOrder,
          kind: NotificationKind.COMPLAINT_FILED,
          recipientRole: Role.HOTLINE_MANAGER,
          site: request.site,
          createdAt,
        });
      }
      workOrders.push(workOrder);
    }
  }
  await em.flush();
  return { calls: calls.length, workOrders: workOrders.length };
}

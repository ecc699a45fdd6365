import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.service';
import { auditSnapshot } from '../../audit/audit-snapshot';
import { AppError } from '../../common/app-error';
import type { Caller } from '../../context';
import { ServiceRequest } from '../../hotline/requests/service-request.entity';
import { ServiceRequestStatus } from '../../hotline/requests/service-request.enums';
import { OutboxEvent, OutboxTopic } from '../../monitoring/outbox/outbox-event.entity';
import type { OutboxRelay, PublishedEvent } from '../../monitoring/outbox/outbox.relay';
import { Role } from '../../staff/role.enum';
import { Staff } from '../../staff/staff.entity';
import { WorkOrder } from './work-order.entity';
import type { WorkOrderMoveHook } from './work-order-move-hook';
import { WorkOrderStatus } from './work-order.enums';
import { mayMakeMove, platformMove, workOrderMove, type WorkOrderMoveRule } from './work-order-lifecycle';
import { WORK_ORDER_PAYLOAD } from './work-order-payload';
import { resumeClock } from './work-order-sla';
import { WorkOrderTransition } from './work-order-transition.entity';
import type { TransitionWorkOrderInput } from './work-order.inputs';

const MAX_NOTE_LENGTH = 2000;

/** What else happens when a work order is resolved, in the move's transaction (callbacks are scheduled). */
export interface WorkOrderResolvedListener {
  workOrderResolved(em: EntityManager, workOrder: WorkOrder, at: Date): Promise<unknown>;
}

/**
 * `transitionWorkOrder` (service-desk contract): one move of the lifecycle table, in one
 * transaction with its history line, its SLA timestamps, the linked request's end, the
 * WORK_ORDER_CHANGED outbox row and the audit row.
 *
 * Checks, in this order, so an answer never tells more than the caller may know:
 * NOT_FOUND (not there, or of a site the caller may not see) → CONFLICT (the version named is
 * stale: nothing changes) → INVALID_TRANSITION (the lifecycle has no such move) → FORBIDDEN
 * (the caller's role may not make it, or a technician's work order is someone else's) →
 * BAD_USER_INPUT (a missing note or assignee, an assignee who is not an active technician of
 * the work order's site). The row is locked first, so the checks and the change see the same
 * row; the flush's own version condition is a second guard.
 */
export class WorkOrderTransitionService {
  constructor(
    private readonly relay: Pick<OutboxRelay, 'publishCommitted'>,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
    private readonly resolvedListener: WorkOrderResolvedListener | null = null,
    private readonly hooks: readonly WorkOrderMoveHook[] = [],
  ) {}

  async transition(em: EntityManager, caller: Caller, input: TransitionWorkOrderInput): Promise<WorkOrder> {
    const outbox: PublishedEvent[] = [];
    const workOrder = await em.transactional(async (tx) => {
      // scoped count first (another site's id is NOT_FOUND); the lock without the scope's filter
      if ((await tx.count(WorkOrder, { id: input.id })) === 0) throw AppError.notFound('WorkOrder', input.id);
      const found = await tx.findOneOrFail(
        WorkOrder,
        { id: input.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, filters: false },
      );
      if (found.version !== input.version) {
        throw AppError.conflict(`WorkOrder ${input.id} changed since version ${input.version}`, {
          version: found.version,
        });
      }
      const rule = workOrderMove(found.status, input.to);
      if (!rule) throw AppError.invalidTransition('WorkOrder', found.status, `move to ${input.to}`);
      if (!mayMakeMove(rule, caller, found.assignee?.id ?? null)) {
        throw new AppError('FORBIDDEN', `A ${caller.role} may not ${rule.move} this work order`, { move: rule.move });
      }
      const note = input.note?.trim() || null;
      if (note && note.length > MAX_NOTE_LENGTH)
        throw AppError.badInput(`note must be at most ${MAX_NOTE_LENGTH} characters`);
      if (rule.needsNote && !note) throw AppError.badInput(`a note (the reason) is required to ${rule.move}`);
      if (rule.needsAssignee) await this.checkAssignee(tx, found, input.assigneeId ?? null);

      const at = await this.nextLineAt(tx, found.id);
      for (const hook of this.hooks) await hook.beforeMove?.(tx, found, rule.to, at);
      const before = auditSnapshot(found);
      this.apply(found, rule, input, at);
      tx.create(WorkOrderTransition, {
        workOrder: found,
        at,
        from: before.status as WorkOrderStatus,
        to: found.status,
        by: ref(Staff, caller.staffId),
        note,
      });
      await this.endRequest(tx, found, at);
      outbox.push({
        event: tx.create(OutboxEvent, { topic: OutboxTopic.WORK_ORDER_CHANGED, subjectId: found.id }),
        subject: found,
      });
      await tx.flush();
      if (rule.move === 'resolve') await this.resolvedListener?.workOrderResolved(tx, found, at);
      for (const hook of this.hooks) outbox.push(...((await hook.afterMove?.(tx, found, at)) ?? []));
      this.audit.record(tx, caller, {
        action: `workOrder.${rule.move}`,
        entityType: 'WorkOrder',
        entityId: found.id,
        before,
        after: auditSnapshot(found),
      });
      await tx.populate(found, WORK_ORDER_PAYLOAD, { refresh: false });
      return found;
    });
    await this.relay.publishCommitted(outbox);
    return workOrder;
  }

  /**
   * The platform's `reopen` (work-order-lifecycle.ts) inside the caller's transaction `tx`, made on
   * behalf of `caller` (the person whose record prompted it): a RESOLVED, VERIFIED or CLOSED work
   * order goes back to IN_PROGRESS with its history line, the request it carries open again, the
   * WORK_ORDER_CHANGED outbox row (published by the caller after the commit) and the audit row.
   * Returns null — nothing changed — when the work order is in another status.
   */
  async reopenWithin(
    tx: EntityManager,
    caller: Caller,
    workOrderId: string,
    note: string,
  ): Promise<{ workOrder: WorkOrder; published: PublishedEvent } | null> {
    const found = await tx.findOneOrFail(
      WorkOrder,
      { id: workOrderId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, filters: false },
    );
    const rule = platformMove('reopen', found.status);
    if (!rule) return null;
    const before = auditSnapshot(found);
    // the requests that closed with it (before its finishedAt is cleared)
    const closedWith = found.finishedAt ? await this.joinedRequests(tx, found.id, ServiceRequestStatus.CLOSED) : [];
    const finishedAt = found.finishedAt?.getTime();
    const at = await this.nextLineAt(tx, found.id);
    this.apply(found, rule, { id: found.id, version: found.version, to: rule.to }, at);
    tx.create(WorkOrderTransition, {
      workOrder: found,
      at,
      from: before.status as WorkOrderStatus,
      to: found.status,
      by: ref(Staff, caller.staffId),
      note: note.slice(0, MAX_NOTE_LENGTH),
    });
    if (found.serviceRequest) {
      const request = await tx.findOneOrFail(ServiceRequest, { id: found.serviceRequest.id }, { filters: false });
      request.status = ServiceRequestStatus.OPEN;
      request.closedAt = null;
    }
    // the requests that joined its incident and closed with it (not those closed on their own)
    for (const request of closedWith) {
      if (request.closedAt?.getTime() !== finishedAt) continue;
      request.status = ServiceRequestStatus.OPEN;
      request.closedAt = null;
    }
    const event = tx.create(OutboxEvent, { topic: OutboxTopic.WORK_ORDER_CHANGED, subjectId: found.id });
    await tx.flush();
    this.audit.record(tx, caller, {
      action: 'workOrder.reopen',
      entityType: 'WorkOrder',
      entityId: found.id,
      before,
      after: auditSnapshot(found),
    });
    await tx.populate(found, WORK_ORDER_PAYLOAD, { refresh: false });
    return { workOrder: found, published: { event, subject: found } };
  }

  /**
   * The time of the move: now, or 1 ms after the work order's last history line when that is
   * not earlier (two changes within one millisecond), so the history (ordered by time) always
   * lists the moves in the order they were made.
   */
  private async nextLineAt(tx: EntityManager, workOrderId: string): Promise<Date> {
    const now = this.now();
    const [row] = await tx.execute<Array<{ last: Date | string | null }>>(
      'select max(at) as last from work_order_transition where work_order_id = ?',
      [workOrderId],
    );
    const last = row?.last ? new Date(row.last).getTime() : -Infinity;
    return last < now.getTime() ? now : new Date(last + 1);
  }

  /** The move's effects on the row: status, assignee, SLA timestamps (see work-order-sla.ts). */
  private apply(workOrder: WorkOrder, rule: WorkOrderMoveRule, input: TransitionWorkOrderInput, at: Date): void {
    if (workOrder.status === WorkOrderStatus.ON_HOLD) resumeClock(workOrder, at);
    workOrder.status = rule.to;
    workOrder.updatedAt = at;
    switch (rule.move) {
      case 'dispatch':
      case 'redispatch':
        workOrder.assignee = ref(Staff, input.assigneeId!);
        if (input.department) workOrder.department = input.department;
        break;
      case 'start':
      case 'resume':
        workOrder.respondedAt ??= at;
        break;
      case 'hold':
        workOrder.holdStartedAt = at;
        break;
      case 'resolve':
        workOrder.resolvedAt = at;
        break;
      case 'rework':
        // not resolved any more: the resolution deadline counts again
        workOrder.resolvedAt = null;
        break;
      case 'reopen':
        // the fix did not reach the resident: open again, its resolution deadline counts again
        workOrder.resolvedAt = null;
        workOrder.finishedAt = null;
        break;
      case 'close':
      case 'cancel':
        workOrder.finishedAt = at;
        break;
      case 'verify':
        break;
    }
  }

  /** Only an active technician who may see the work order's site can be sent to it. */
  private async checkAssignee(tx: EntityManager, workOrder: WorkOrder, assigneeId: string | null): Promise<void> {
    if (!assigneeId) throw AppError.badInput('assigneeId is required to dispatch');
    const siteId = workOrder.site?.id ?? null;
    const rows = await tx.execute<Array<{ role: Role; active: boolean; of_site: boolean }>>(
      `select s.role, s.active,
              exists (select 1 from staff_site ss where ss.staff_id = s.id and ss.site_id = ?) as of_site
       from staff s where s.id = ?`,
      [siteId, assigneeId],
    );
    const [staff] = rows;
    if (!staff || staff.role !== Role.TECHNICIAN || !staff.active) {
      throw AppError.badInput('the assignee must be an active technician', { assigneeId });
    }
    if (!staff.of_site) throw AppError.badInput("the assignee may not see the work order's site", { assigneeId });
  }

  /**
   * The requests a work order carries end with it: CLOSED when it closes, CANCELLED when it is
   * cancelled — the one that opened it, and every OPEN one that joined its incident and shares it
   * (schema/incidents/incident-requests.ts).
   */
  private async endRequest(tx: EntityManager, workOrder: WorkOrder, at: Date): Promise<void> {
    const status =
      workOrder.status === WorkOrderStatus.CLOSED
        ? ServiceRequestStatus.CLOSED
        : workOrder.status === WorkOrderStatus.CANCELLED
          ? ServiceRequestStatus.CANCELLED
          : null;
    if (!status) return;
    const requests = await this.joinedRequests(tx, workOrder.id, ServiceRequestStatus.OPEN);
    if (workOrder.serviceRequest) {
      requests.push(await tx.findOneOrFail(ServiceRequest, { id: workOrder.serviceRequest.id }, { filters: false }));
    }
    for (const request of requests) {
      request.status = status;
      request.closedAt = at;
    }
  }

  /** The requests in `status` that joined an incident whose work order this is (they share it). */
  private async joinedRequests(
    tx: EntityManager,
    workOrderId: string,
    status: ServiceRequestStatus,
  ): Promise<ServiceRequest[]> {
    const rows = await tx.execute<Array<{ id: string }>>(
      `select r.id from service_request r join incident i on i.id = r.incident_id
        where i.work_order_id = ? and r.status = ?`,
      [workOrderId, status],
    );
    if (rows.length === 0) return [];
    return tx.find(ServiceRequest, { id: { $in: rows.map((r) => r.id) } }, { filters: false, refresh: true });
  }
}

import { LockMode, ref, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../audit/audit-log.service';
import { auditSnapshot } from '../audit/audit-snapshot';
import { AppError } from '../common/app-error';
import { findPage, type Page, type PageRequest } from '../common/connection';
import type { Caller } from '../context';
import type { WorkOrderTransitionService } from '../desk/work-orders/work-order-transition.service';
import { Incident } from '../incidents/incident.entity';
import type { OutboxRelay, PublishedEvent } from '../monitoring/outbox/outbox.relay';
import { Staff } from '../staff/staff.entity';
import { Callback } from './callback.entity';
import { CallbackStatus } from './callback.enums';
import type { CallbackFilter, CancelCallbackInput, RecordCallbackInput } from './callback.inputs';
import { attemptMove, callbackMove, LOW_SATISFACTION } from './callback-lifecycle';
import { notifyLowScore } from './callback-low-score';
import { DEFAULT_CALLBACK_TIMING, type CallbackTiming } from './callback-timing';

/**
 * Working callbacks (incidents contract `Callbacks`, `RecordCallback`; `cancelCallback`). `em` is the caller's,
 * scoped to their sites (a callback of another site is NOT_FOUND).
 */
export class CallbackService {
  constructor(
    private readonly transitions: Pick<WorkOrderTransitionService, 'reopenWithin'>,
    private readonly relay: Pick<OutboxRelay, 'publishCommitted'>,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
    private readonly timing: CallbackTiming = DEFAULT_CALLBACK_TIMING,
  ) {}

  /** Soonest due first. `due: false` lists the DUE ones not due yet. `assignedToMe`: the caller's, and the unassigned ones of their sites. */
  list(em: EntityManager, caller: Caller, filter: CallbackFilter, page: PageRequest): Promise<Page<Callback>> {
    const where: FilterQuery<Callback> = {};
    if (filter.status) where.status = filter.status;
    if (filter.due === true || filter.due === false) {
      // due: DUE and due by now; not due: DUE and due later (a status filter besides must be DUE)
      if (filter.status && filter.status !== CallbackStatus.DUE) where.id = { $in: [] };
      where.status = CallbackStatus.DUE;
      where.dueAt = filter.due ? { $lte: this.now() } : { $gt: this.now() };
    }
    if (filter.assignedToMe === true) where.$or = [{ assignee: caller.staffId }, { assignee: null }];
    return findPage(em, Callback, where, page, { orderBy: { dueAt: 'asc', id: 'asc' } });
  }

  async get(em: EntityManager, id: string): Promise<Callback> {
    const callback = await em.findOne(Callback, { id });
    if (!callback) throw AppError.notFound('Callback', id);
    return callback;
  }

  /**
   * One attempt (the table in callback-lifecycle.ts), in one transaction with its audit row.
   * Reached: the satisfaction (1–5) is required and the callback is DONE; a score of 1 or 2
   * reopens the work order (an incident callback: the incident's work order) on behalf of the
   * caller and notifies the hotline manager. Not reached: the next attempt is due
   * `retryHours` later; the third failure makes it UNREACHABLE. The attempt's recorder takes
   * the callback over (its retries come back to them).
   */
  async record(em: EntityManager, caller: Caller, input: RecordCallbackInput): Promise<Callback> {
    const comment = input.comment?.trim() || null;
    if (input.reached) {
      const s = input.satisfaction;
      if (s === null || s === undefined) throw AppError.badInput('satisfaction (1–5) is required when reached');
      if (!Number.isInteger(s) || s < 1 || s > 5)
        throw AppError.badInput('satisfaction must be 1 to 5', { satisfaction: s });
    } else if (input.satisfaction !== null && input.satisfaction !== undefined) {
      throw AppError.badInput('satisfaction is given only when the resident was reached');
    }
    const published: PublishedEvent[] = [];
    const callback = await em.transactional(async (tx) => {
      if ((await tx.count(Callback, { id: input.id })) === 0) throw AppError.notFound('Callback', input.id);
      const found = await tx.findOneOrFail(
        Callback,
        { id: input.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, filters: false },
      );
      if (input.version !== null && input.version !== undefined && found.version !== input.version) {
        throw AppError.conflict(`Callback ${input.id} changed since version ${input.version}`, {
          version: found.version,
        });
      }
      const move = attemptMove(input.reached, found.attempts);
      const rule = callbackMove(found.status, move);
      if (!rule) throw AppError.invalidTransition('Callback', found.status, move);
      const before = auditSnapshot(found);
      const now = this.now();
      found.status = rule.to;
      found.lastAttemptAt = now;
      found.comment = comment ?? found.comment;
      found.assignee = ref(Staff, caller.staffId);
      // every call made counts, the one that reached the resident too (all before it failed)
      found.attempts += 1;
      if (input.reached) {
        found.satisfaction = input.satisfaction!;
        found.doneAt = now;
      } else {
        if (rule.to === CallbackStatus.DUE) found.dueAt = new Date(now.getTime() + this.timing.retryHours * 3_600_000);
      }
      await tx.flush();
      let reopened: string | null = null;
      if (input.reached && found.satisfaction! <= LOW_SATISFACTION) {
        const workOrderId = await this.workOrderOf(tx, found);
        if (workOrderId) {
          const note = `reopened: callback satisfaction ${found.satisfaction}${comment ? ` — ${comment}` : ''}`;
          const result = await this.transitions.reopenWithin(tx, caller, workOrderId, note);
          if (result) {
            published.push(result.published);
            reopened = workOrderId;
          }
          await notifyLowScore(tx, { workOrderId }, now);
        } else {
          // a move-in or periodic callback: nothing to reopen, but somebody must hear of it
          await notifyLowScore(tx, { callbackId: found.id }, now);
        }
      }
      this.audit.record(tx, caller, {
        action: 'callback.record',
        entityType: 'Callback',
        entityId: found.id,
        before,
        after: { ...auditSnapshot(found), reopenedWorkOrder: reopened },
      });
      return found;
    });
    await this.relay.publishCommitted(published);
    return callback;
  }

  /**
   * Staff cancel a DUE callback (cancelCallback: the resident asked not to be called, a
   * duplicate…), at the version they saw, with a reason, in one transaction with its audit row.
   * A done, unreachable or cancelled one is INVALID_TRANSITION.
   */
  async cancel(em: EntityManager, caller: Caller, input: CancelCallbackInput): Promise<Callback> {
    const reason = input.reason.trim();
    if (!reason) throw AppError.badInput('a reason is required to cancel a callback');
    return em.transactional(async (tx) => {
      if ((await tx.count(Callback, { id: input.id })) === 0) throw AppError.notFound('Callback', input.id);
      const found = await tx.findOneOrFail(
        Callback,
        { id: input.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, filters: false },
      );
      if (found.version !== input.version) {
        throw AppError.conflict(`Callback ${input.id} changed since version ${input.version}`, {
          version: found.version,
        });
      }
      const rule = callbackMove(found.status, 'cancel');
      if (!rule) throw AppError.invalidTransition('Callback', found.status, 'cancel');
      const before = auditSnapshot(found);
      found.status = rule.to;
      found.cancelledAt = this.now();
      found.cancelReason = reason;
      await tx.flush();
      this.audit.record(tx, caller, {
        action: 'callback.cancel',
        entityType: 'Callback',
        entityId: found.id,
        before,
        after: auditSnapshot(found),
      });
      return found;
    });
  }

  /** The work order a low score sends back: an incident callback's is the incident's current one. */
  private async workOrderOf(tx: EntityManager, callback: Callback): Promise<string | null> {
    if (callback.incident) {
      const incident = await tx.findOne(Incident, { id: callback.incident.id }, { filters: false });
      if (incident?.workOrder) return incident.workOrder.id;
    }
    return callback.workOrder?.id ?? null;
  }
}

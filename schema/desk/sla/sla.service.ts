import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.service';
import { auditSnapshot } from '../../audit/audit-snapshot';
import { AppError } from '../../common/app-error';
import type { Caller } from '../../context';
import type { RequestCategory } from '../../hotline/requests/service-request.enums';
import type { WorkOrderPriority } from '../work-orders/work-order.enums';
import { SlaPolicy } from './sla-policy.entity';
import type { SlaPolicyInput } from './sla.inputs';

export interface SlaDeadlines {
  respondBy: Date;
  resolveBy: Date;
}

/**
 * Used only when a category × priority has no policy row. The migration seeds all twenty and
 * nothing deletes one, so this is a guard, not a setting: an hour to respond, a day to resolve.
 */
export const FALLBACK_SLA = { respondMinutes: 60, resolveMinutes: 24 * 60 };

/**
 * The SLA policies (service-desk contract `SetSlaPolicy`): how fast a work order of a category
 * and priority must be responded to and resolved. Deadlines are computed once, when a work
 * order opens, and stored on it: changing a policy never moves an existing work order's
 * deadlines (only ON_HOLD does, work-order lifecycle).
 */
export class SlaService {
  constructor(private readonly audit: AuditLog) {}

  /** The deadlines of a work order of `category` × `priority` opened at `now`. */
  async deadlines(
    em: EntityManager,
    category: RequestCategory,
    priority: WorkOrderPriority,
    now: Date,
  ): Promise<SlaDeadlines> {
    const policy = (await em.findOne(SlaPolicy, { category, priority })) ?? FALLBACK_SLA;
    return {
      respondBy: new Date(now.getTime() + policy.respondMinutes * 60_000),
      resolveBy: new Date(now.getTime() + policy.resolveMinutes * 60_000),
    };
  }

  /** Every policy, by category then priority (enum order: URGENT first). */
  list(em: EntityManager): Promise<SlaPolicy[]> {
    return em.find(SlaPolicy, {}, { orderBy: { category: 'asc', priority: 'asc' } });
  }

  /** Upsert by (category, priority), with its audit row, in one transaction. */
  async set(em: EntityManager, caller: Caller, input: SlaPolicyInput): Promise<SlaPolicy> {
    if (input.resolveMinutes < input.respondMinutes) {
      throw AppError.badInput('resolveMinutes must not be less than respondMinutes', {
        respondMinutes: input.respondMinutes,
        resolveMinutes: input.resolveMinutes,
      });
    }
    try {
      return await em.transactional(async (tx) => {
        const { category, priority, respondMinutes, resolveMinutes } = input;
        let policy = await tx.findOne(SlaPolicy, { category, priority });
        const before = policy ? auditSnapshot(policy) : null;
        if (policy) Object.assign(policy, { respondMinutes, resolveMinutes, updatedAt: new Date() });
        else policy = tx.create(SlaPolicy, { category, priority, respondMinutes, resolveMinutes });
        await tx.flush(); // the version moves before the snapshot is taken
        this.audit.record(tx, caller, {
          action: 'slaPolicy.set',
          entityType: 'SlaPolicy',
          entityId: policy.id,
          before,
          after: auditSnapshot(policy),
        });
        return policy;
      });
    } catch (error) {
      // two first settings of the same pair at once: the loser reads again and retries
      if (error instanceof UniqueConstraintViolationException)
        throw AppError.conflict(`The SLA policy ${input.category} × ${input.priority} was set meanwhile`);
      throw error;
    }
  }
}

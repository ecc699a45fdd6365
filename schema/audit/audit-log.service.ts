import { ref, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { findPage, type Page, type PageRequest } from '../common/connection';
import type { Caller } from '../context';
import { Staff } from '../staff/staff.entity';
import { AuditEntry } from './audit-entry.entity';
import type { AuditFilter } from './audit.inputs';

/** What changed, as a mutation's service describes it. */
export interface AuditedChange {
  /** `<entity>.<verb>`, e.g. `equipment.create` */
  action: string;
  entityType: string;
  entityId: string;
  /** the entity before (null when created) and after (null when removed): see auditSnapshot */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * The audit trail of changes made through the API. `record` adds the row to the caller's unit
 * of work, so it is written by the same flush, in the same transaction, as the change it
 * describes: a change that rolls back leaves no row, and no row exists without its change.
 * Every mutation's service calls it (test/integration/audit.test.ts fails for a mutation that
 * does not); a change made with raw SQL records what it read and wrote itself.
 */
export class AuditLog {
  constructor(
    private readonly orm: MikroORM,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(em: EntityManager, caller: Caller, change: AuditedChange): AuditEntry {
    return em.create(AuditEntry, { ...change, staff: ref(Staff, caller.staffId), at: this.now() });
  }

  /** Newest first. */
  list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    const where: FilterQuery<AuditEntry> = {};
    if (filter.staffId) where.staff = filter.staffId;
    if (filter.action) where.action = filter.action;
    if (filter.entityType) where.entityType = filter.entityType;
    if (filter.entityId) where.entityId = filter.entityId;
    if (filter.from || filter.to) {
      where.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    }
    return findPage(this.orm.em.fork(), AuditEntry, where, page, { orderBy: { at: 'desc', id: 'desc' } });
  }
}

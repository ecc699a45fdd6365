import { LockMode, ref, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.service';
import { auditSnapshot } from '../../audit/audit-snapshot';
import { AppError } from '../../common/app-error';
import { findPage, type Page, type PageRequest } from '../../common/connection';
import type { Caller } from '../../context';
import { Site } from '../../estate/sites/site.entity';
import { Resident } from '../../residents/resident.entity';
import { Staff } from '../../staff/staff.entity';
import { CALL_OVERSEERS } from '../hotline-roles';
import { normalisePhone } from '../../residents/phone';
import { Call } from './call.entity';
import type { CallFilter, StartCallInput } from './call.inputs';

/**
 * Call records (service-desk contract `StartCall`, `EndCall`). `em` is the caller's, scoped to
 * their sites: residents of other sites are not matched, calls of other sites are NOT_FOUND.
 */
export class CallService {
  constructor(
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
    /** links the new call to the incidents affecting its residents' homes (schema/incidents/incident-calls.ts) */
    private readonly onStarted: (
      em: EntityManager,
      callId: string,
      residentIds: string[],
      now: Date,
    ) => Promise<void> = async () => {},
  ) {}

  /**
   * The caller of the mutation is the operator. The residents with the caller's number (that
   * the operator may see) are kept with the call; its site is the one site of their current
   * units, or null when there is none or more than one (then the operator who took it and
   * unscoped staff see it, schema/estate/site-scope.ts).
   */
  async start(em: EntityManager, caller: Caller, input: StartCallInput): Promise<Call> {
    const phone = normalisePhone(input.phone);
    return em.transactional(async (tx) => {
      const residents = await tx.find(Resident, { phone }, { orderBy: { name: 'asc', id: 'asc' } });
      const call = tx.create(Call, {
        channel: input.channel,
        phone,
        operator: ref(Staff, caller.staffId),
        site: await this.siteOf(tx, residents),
        startedAt: this.now(),
        recordingRef: input.recordingRef ?? null,
      });
      call.matchedResidents.set(residents);
      this.audit.record(tx, caller, {
        action: 'call.start',
        entityType: 'Call',
        entityId: call.id,
        before: null,
        after: { ...auditSnapshot(call), matchedResidents: residents.map((r) => r.id) },
      });
      await tx.flush();
      await this.onStarted(
        tx,
        call.id,
        residents.map((r) => r.id),
        call.startedAt,
      );
      return call;
    });
  }

  /**
   * Ends a call, once: a second EndCall is INVALID_TRANSITION (the row is locked, so two at once
   * cannot both end it). Only the operator who took it, or the hotline manager, a supervisor or
   * a manager (a call left open at a shift change), may end it. `summary`: kept when not given.
   */
  async end(em: EntityManager, caller: Caller, id: string, summary: string | null): Promise<Call> {
    return em.transactional(async (tx) => {
      // visible to the caller (scoped) first; the lock is taken without the scope's joins
      if ((await tx.count(Call, { id })) === 0) throw AppError.notFound('Call', id);
      const call = await tx.findOneOrFail(
        Call,
        { id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, filters: false },
      );
      if (call.operator.id !== caller.staffId && !CALL_OVERSEERS.includes(caller.role)) {
        throw new AppError('FORBIDDEN', 'Only the operator who took the call, or their managers, may end it');
      }
      if (call.endedAt) throw AppError.invalidTransition('Call', 'ENDED', 'end');
      const before = auditSnapshot(call);
      call.endedAt = this.now();
      if (summary !== null) call.summary = summary;
      await tx.flush();
      this.audit.record(tx, caller, {
        action: 'call.end',
        entityType: 'Call',
        entityId: id,
        before,
        after: auditSnapshot(call),
      });
      return call;
    });
  }

  async get(em: EntityManager, id: string): Promise<Call> {
    const call = await em.findOne(Call, { id });
    if (!call) throw AppError.notFound('Call', id);
    return call;
  }

  /** Newest first. */
  list(em: EntityManager, filter: CallFilter, page: PageRequest): Promise<Page<Call>> {
    const where: FilterQuery<Call> = {};
    if (filter.phone) where.phone = normalisePhone(filter.phone);
    if (filter.residentId) where.matchedResidents = filter.residentId;
    if (filter.open === true) where.endedAt = null;
    if (filter.open === false) where.endedAt = { $ne: null };
    return findPage(em, Call, where, page, { orderBy: { startedAt: 'desc', id: 'asc' } });
  }

  /** The one site of the residents' current units, else null. */
  private async siteOf(em: EntityManager, residents: Resident[]): Promise<Site | null> {
    if (residents.length === 0) return null;
    const rows = await em.execute<Array<{ site_id: string }>>(
      `select distinct b.site_id from occupancy o
         join unit u on u.id = o.unit_id join building b on b.id = u.building_id
        where o.resident_id in (${residents.map(() => '?').join(', ')}) and o.until is null`,
      residents.map((r) => r.id),
    );
    return rows.length === 1 ? em.getReference(Site, rows[0].site_id) : null;
  }
}

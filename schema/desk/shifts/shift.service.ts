import { LockMode, ref, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.service';
import { auditSnapshot } from '../../audit/audit-snapshot';
import { AppError } from '../../common/app-error';
import { findPage, type Page, type PageRequest } from '../../common/connection';
import type { Caller } from '../../context';
import { Site } from '../../estate/sites/site.entity';
import { Role } from '../../staff/role.enum';
import { StaffSession } from '../../staff/sessions/staff-session.entity';
import { Staff } from '../../staff/staff.entity';
import type { OpenItem, OpenItemSource } from './open-items/open-item';
import { Shift } from './shift.entity';

/** Notes are a few paragraphs a person writes; past this they are a paste gone wrong. */
export const MAX_NOTES_LENGTH = 10_000;

/**
 * Shift handover (交接班记录): closing a shift with what is open at that moment, taking it
 * over, and the log. The open items come from `sources` (schema/desk/shifts/open-items/),
 * each read in the closing's transaction, so the list is what the database said when the
 * shift closed.
 */
export class ShiftService {
  constructor(
    private readonly audit: AuditLog,
    private readonly sources: readonly OpenItemSource[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** incidents contract `CloseShift`. */
  async close(em: EntityManager, caller: Caller, notes: string | null | undefined): Promise<Shift> {
    const text = notes?.trim() || null;
    if (text && text.length > MAX_NOTES_LENGTH)
      throw AppError.badInput(`notes are limited to ${MAX_NOTES_LENGTH} characters`, { length: text.length });
    return em.transactional(async (tx) => {
      // one closing at a time per operator: two at once would both start where the last one ended
      await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`shift:${caller.staffId}`]);
      const closedAt = this.now();
      const openItems: OpenItem[] = [];
      for (const source of this.sources) openItems.push(...(await source.collect(tx, caller.siteIds, closedAt)));
      const shift = tx.create(Shift, {
        closedBy: ref(Staff, caller.staffId),
        site: await this.siteOf(tx, caller),
        openedAt: await this.openedAt(tx, caller, closedAt),
        closedAt,
        notes: text,
        openItems,
      });
      await tx.flush();
      this.audit.record(tx, caller, {
        action: 'shift.close',
        entityType: 'Shift',
        entityId: shift.id,
        before: null,
        after: auditSnapshot(shift),
      });
      return shift;
    });
  }

  /**
   * incidents contract `TakeOverShift`: once, by someone other than the closer, of the
   * shift's site (another site's shift is NOT_FOUND through the request's site scope).
   * `expectedVersion`, when given, must be the shift's current version (CONFLICT otherwise).
   */
  async takeOver(em: EntityManager, caller: Caller, id: string, expectedVersion?: number | null): Promise<Shift> {
    return em.transactional(async (tx) => {
      // the row lock orders two take-overs at once: the second sees the first's and is refused
      const shift = await tx.findOne(Shift, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!shift) throw AppError.notFound('Shift', id);
      if (shift.closedBy.id === caller.staffId) throw AppError.badInput('You cannot take over your own shift', { id });
      if (expectedVersion != null && expectedVersion !== shift.version)
        throw AppError.conflict(`Shift ${id} changed meanwhile`, { version: shift.version, expectedVersion });
      if (shift.takenOverAt) throw AppError.invalidTransition('Shift', 'TAKEN_OVER', 'take over');
      const before = auditSnapshot(shift);
      shift.takenOverBy = ref(Staff, caller.staffId);
      shift.takenOverAt = this.now();
      await tx.flush();
      this.audit.record(tx, caller, {
        action: 'shift.take-over',
        entityType: 'Shift',
        entityId: shift.id,
        before,
        after: auditSnapshot(shift),
      });
      return shift;
    });
  }

  /**
   * The handover log, newest first: hotline managers, supervisors and managers see every
   * shift of their sites (the request's scope); an operator the shifts they closed or took over.
   */
  log(em: EntityManager, caller: Caller, page: PageRequest): Promise<Page<Shift>> {
    const where: FilterQuery<Shift> =
      caller.role === Role.HOTLINE_OPERATOR
        ? { $or: [{ closedBy: caller.staffId }, { takenOverBy: caller.staffId }] }
        : {};
    return findPage(em, Shift, where, page, { orderBy: { closedAt: 'desc', id: 'asc' } });
  }

  /**
   * What the next operator takes over: the latest shift of the caller's sites closed by
   * someone else, while nobody has taken it over (null once someone has, or when there is none).
   */
  async pending(em: EntityManager, caller: Caller): Promise<Shift | null> {
    const latest = await em.findOne(
      Shift,
      { closedBy: { $ne: caller.staffId } },
      { orderBy: { closedAt: 'desc', id: 'asc' } },
    );
    return latest && !latest.takenOverAt ? latest : null;
  }

  /** The caller's site: their first by code; null when they have none, or see every site. */
  private async siteOf(tx: EntityManager, caller: Caller): Promise<Site | null> {
    if (!caller.siteIds?.length) return null;
    return tx.findOne(Site, { id: { $in: [...caller.siteIds] } }, { orderBy: { code: 'asc' } });
  }

  /** The later of the caller's latest take-over and previous closing; else their sign-in; else now. */
  private async openedAt(tx: EntityManager, caller: Caller, closedAt: Date): Promise<Date> {
    const [row] = await tx.execute<Array<{ at: Date | string | null }>>(
      `select greatest((select max(closed_at) from shift where closed_by_id = ?),
                       (select max(taken_over_at) from shift where taken_over_by_id = ?)) as at`,
      [caller.staffId, caller.staffId],
    );
    if (row?.at) return new Date(row.at);
    const session = await tx.findOne(StaffSession, caller.sessionId);
    return session && session.createdAt < closedAt ? session.createdAt : closedAt;
  }
}

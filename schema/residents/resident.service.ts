import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../audit/audit-log.service';
import { auditSnapshot } from '../audit/audit-snapshot';
import { AppError } from '../common/app-error';
import { toCalendarDate } from '../common/calendar-date';
import { pageOf, startOf, type Page, type PageRequest } from '../common/connection';
import type { Caller } from '../context';
import { Unit } from '../estate/units/unit.entity';
import { estateDate } from './local-date';
import { Occupancy } from './occupancy.entity';
import { normalisePhone } from './phone';
import { residentQuery } from './resident-search';
import { Resident } from './resident.entity';
import type { RegisterResidentInput, UpdateResidentInput } from './resident.inputs';

/** What else happens at a move-in or a move-out, in its transaction (schema/callbacks/callback-scheduler.ts). */
export interface MoveListener {
  /** a move-in at the desk; `since` is the occupancy's first day (`YYYY-MM-DD`) */
  residentMovedIn(em: EntityManager, residentId: string, unitId: string, since: string, at: Date): Promise<unknown>;
  /** an import's move-ins, all at once (schema/residents/roster/roster-import.service.ts) */
  residentsMovedIn(
    em: EntityManager,
    moveIns: ReadonlyArray<{ resident_id: string; unit_id: string; since: string }>,
    at: Date,
  ): Promise<number>;
  /** a move-out (the occupancy has ended); returns how many open callbacks it cancelled */
  residentMovedOut(em: EntityManager, residentId: string, until: string, at: Date): Promise<number>;
}

/**
 * The residents' archive (业主档案). Nothing is deleted: a move-out ends an occupancy. `em` is
 * the caller's, scoped to their sites (a unit or resident of another site is NOT_FOUND). Every
 * change and its audit row are written in one transaction.
 */
export class ResidentService {
  constructor(
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
    /** schedules the NEW_RESIDENT callback of a move-in, cancels a leaver's callbacks (schema/callbacks/) */
    private readonly moves: MoveListener | null = null,
  ) {}

  /**
   * service-desk contract `RegisterResident`. The phone is the person: a phone already in the
   * archive adds the occupancy to that resident, whose archived name stays (a different name
   * typed at the desk does not rename them; `updateResident` does), and whose optional fields
   * are filled only where empty (tags are added). The phone is looked up across every site — one
   * person may own a flat on one estate and rent on another. A second current occupancy of the
   * same unit by the same resident is CONFLICT.
   */
  async register(em: EntityManager, caller: Caller, input: RegisterResidentInput): Promise<Resident> {
    const phone = normalisePhone(input.phone);
    const name = input.name.trim();
    if (!name) throw AppError.badInput('A resident needs a name');
    const since = input.since ? toCalendarDate(input.since) : estateDate(this.now());
    const residentId = await em.transactional(async (tx) => {
      const unit = await tx.findOne(Unit, { id: input.unitId });
      if (!unit) throw AppError.notFound('Unit', input.unitId);
      let resident = await tx.findOne(Resident, { phone }, { filters: false });
      const before = resident ? auditSnapshot(resident) : null;
      if (resident) {
        const current = await tx.count(Occupancy, { resident, unit, until: null }, { filters: false });
        if (current > 0) {
          throw AppError.conflict(`${resident.name} already lives in unit ${unit.code}`, {
            residentId: resident.id,
            unitId: unit.id,
          });
        }
        resident.preferredContactTime ??= input.preferredContactTime ?? null;
        resident.notes ??= input.notes ?? null;
        if (input.tags?.length) resident.tags = [...new Set([...resident.tags, ...cleanTags(input.tags)])];
      } else {
        resident = tx.create(Resident, {
          name,
          phone,
          preferredContactTime: input.preferredContactTime ?? null,
          notes: input.notes ?? null,
          tags: cleanTags(input.tags ?? []),
        });
      }
      const occupancy = tx.create(Occupancy, { resident, unit, relation: input.relation, since });
      await flushOrConflict(tx, `The resident already lives in unit ${unit.code}`);
      await this.moves?.residentMovedIn(tx, resident.id, unit.id, since, this.now());
      this.audit.record(tx, caller, {
        action: 'resident.register',
        entityType: 'Occupancy',
        entityId: occupancy.id,
        before: null,
        after: { ...auditSnapshot(occupancy), residentBefore: before, resident: auditSnapshot(resident) },
      });
      return resident.id;
    });
    return this.reread(em, residentId);
  }

  /**
   * service-desk contract `MoveOut`: the resident's current occupancy of the unit ends `on`
   * that day; the occupancy, the resident and their history stay; a resident with no current
   * occupancy left has their open callbacks cancelled. No current occupancy of that
   * unit is NOT_FOUND (there is nothing to end); a date before the move-in is BAD_USER_INPUT.
   */
  async moveOut(em: EntityManager, caller: Caller, residentId: string, unitId: string, on: Date): Promise<Resident> {
    const until = toCalendarDate(on);
    await em.transactional(async (tx) => {
      const resident = await tx.findOne(Resident, { id: residentId });
      if (!resident) throw AppError.notFound('Resident', residentId);
      const occupancy = await tx.findOne(Occupancy, { resident, unit: unitId, until: null });
      if (!occupancy) throw AppError.notFound(`Current occupancy of unit ${unitId} by resident`, residentId);
      if (until < occupancy.since) {
        throw AppError.badInput(`The move-out (${until}) is before the move-in (${occupancy.since})`, {
          since: occupancy.since,
        });
      }
      const before = auditSnapshot(occupancy);
      occupancy.until = until;
      await tx.flush();
      // out of their last home: their open callbacks are cancelled (nobody to call there)
      const cancelledCallbacks = (await this.moves?.residentMovedOut(tx, resident.id, until, this.now())) ?? 0;
      this.audit.record(tx, caller, {
        action: 'resident.move-out',
        entityType: 'Occupancy',
        entityId: occupancy.id,
        before,
        after: { ...auditSnapshot(occupancy), cancelledCallbacks },
      });
    });
    return this.reread(em, residentId);
  }

  /** The archive's editable fields, at the version the caller saw (stale: CONFLICT). */
  async update(em: EntityManager, caller: Caller, input: UpdateResidentInput): Promise<Resident> {
    await em.transactional(async (tx) => {
      const resident = await tx.findOne(Resident, { id: input.id });
      if (!resident) throw AppError.notFound('Resident', input.id);
      if (resident.version !== input.version) {
        throw AppError.conflict(`Resident ${resident.id} changed since version ${input.version}`, {
          version: resident.version,
        });
      }
      const before = auditSnapshot(resident);
      if (input.name != null) {
        const name = input.name.trim();
        if (!name) throw AppError.badInput('A resident needs a name');
        resident.name = name;
      }
      if (input.preferredContactTime != null) resident.preferredContactTime = input.preferredContactTime.trim() || null;
      if (input.notes != null) resident.notes = input.notes.trim() || null;
      if (input.tags != null) resident.tags = cleanTags(input.tags);
      try {
        await tx.flush(); // `where version = ?`: a change committed since the read is an OptimisticLockError
      } catch (error) {
        if (error instanceof OptimisticLockError) throw AppError.conflict(`Resident ${resident.id} changed meanwhile`);
        throw error;
      }
      this.audit.record(tx, caller, {
        action: 'resident.update',
        entityType: 'Resident',
        entityId: resident.id,
        before,
        after: auditSnapshot(resident),
      });
    });
    return this.reread(em, input.id);
  }

  async get(em: EntityManager, id: string): Promise<Resident> {
    const resident = await em.findOne(Resident, { id });
    if (!resident) throw AppError.notFound('Resident', id);
    return resident;
  }

  /** service-desk contract `Residents`: a page of a search (resident-search.ts), best match first. */
  async search(
    em: EntityManager,
    search: string | null | undefined,
    page: PageRequest,
    siteIds: readonly string[] | null,
  ): Promise<Page<Resident>> {
    const start = startOf(page);
    const { where, orderBy } = residentQuery(search, siteIds);
    const nodes = await em.find(Resident, where, { orderBy, limit: page.first, offset: start });
    const totalCount = start === 0 && nodes.length < page.first ? nodes.length : await em.count(Resident, where);
    return pageOf(nodes, start, totalCount);
  }

  /** The resident as committed, for the mutation's answer (its occupancies are read by the resolver). */
  private async reread(em: EntityManager, id: string): Promise<Resident> {
    return em.findOneOrFail(Resident, { id }, { refresh: true });
  }
}

function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

async function flushOrConflict(em: EntityManager, message: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw AppError.conflict(message);
    throw error;
  }
}

import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { AuditLog } from '../audit/audit-log.service';
import { auditSnapshot } from '../audit/audit-snapshot';
import { AppError } from '../common/app-error';
import { findPage, type Page, type PageRequest } from '../common/connection';
import type { Caller } from '../context';
import { Building } from '../estate/buildings/building.entity';
import { Unit } from '../estate/units/unit.entity';
import { Staff } from '../staff/staff.entity';
import { Incident } from './incident.entity';
import { IncidentSource, IncidentStatus } from './incident.enums';
import type { CreateIncidentInput, IncidentFilter } from './incident.inputs';
import type { OutboxRelay, PublishedEvent } from '../monitoring/outbox/outbox.relay';
import { incidentChanged } from './incident-from-alerts';
import type { IncidentActivation } from './incident-activation';
import type { IncidentListener } from './incident-listener';
import { nextIncidentNumber } from './incident-number';

/**
 * Incidents staff open and end (incidents contract `CreateIncident`, `EndIncident`,
 * `ActiveIncidents`). `em` is the caller's, scoped to their sites: a building of another site
 * is NOT_FOUND. Every listener (gateway/container.ts) runs in the same transaction as the
 * change it hears about.
 */
export class IncidentService {
  constructor(
    private readonly orm: MikroORM,
    private readonly relay: Pick<OutboxRelay, 'publishCommitted'>,
    private readonly audit: AuditLog,
    private readonly listeners: readonly IncidentListener[],
    private readonly activation: IncidentActivation,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * A planned or manual incident on whole buildings of one site. Its affected units (every unit
   * of those buildings) are fixed now, so a scheduled stop already names the homes it will
   * affect. Starting now or in the past: ACTIVE (listeners hear it opened); ahead: SCHEDULED
   * until `activateDue` turns it ACTIVE.
   */
  async create(em: EntityManager, caller: Caller, input: CreateIncidentInput): Promise<Incident> {
    const title = input.title.trim();
    if (!title) throw AppError.badInput('title must not be blank');
    if (input.endsAt && input.endsAt <= input.startsAt) throw AppError.badInput('endsAt must be after startsAt');
    const published: PublishedEvent[] = [];
    const created = await em.transactional(async (tx) => {
      const now = this.now();
      const ids = [...new Set(input.buildingIds)];
      const buildings = await tx.find(Building, { id: { $in: ids } });
      const missing = ids.find((id) => !buildings.some((b) => b.id === id));
      if (missing) throw AppError.notFound('Building', missing);
      const sites = new Set(buildings.map((b) => b.site.id));
      if (sites.size > 1) throw AppError.badInput('the buildings of an incident must be of one site');
      const active = input.startsAt.getTime() <= now.getTime();
      const incident = tx.create(Incident, {
        number: await nextIncidentNumber(tx, now),
        title,
        kind: input.kind,
        status: active ? IncidentStatus.ACTIVE : IncidentStatus.SCHEDULED,
        source: input.planned ? IncidentSource.PLANNED : IncidentSource.MANUAL,
        planned: input.planned,
        startedAt: input.startsAt,
        endsAt: input.endsAt ?? null,
        textForResidents: input.textForResidents?.trim() || null,
        site: buildings[0].site,
        openedBy: tx.getReference(Staff, caller.staffId),
        createdAt: now,
      });
      incident.buildings.set(buildings);
      incident.affectedUnits.set(await tx.find(Unit, { building: { $in: ids } }, { filters: false }));
      await tx.flush();
      if (active) for (const l of this.listeners) await l.incidentOpened?.(tx, incident, now);
      this.audit.record(tx, caller, {
        action: 'incident.create',
        entityType: 'Incident',
        entityId: incident.id,
        before: null,
        after: { ...auditSnapshot(incident), buildings: ids },
      });
      published.push(incidentChanged(tx, incident));
      return incident;
    });
    await this.relay.publishCommitted(published);
    return created;
  }

  /**
   * Ends a manual or planned incident (scheduled or active). A SCHEDULED one has not started: it
   * is called off (`calledOff`, endedAt now) and its listeners hear `incidentCalledOff` — its
   * notice says so, nobody is called back — not `incidentEnded`. One an alert opened ends by itself
   * when its alerts clear and its work order is resolved: INVALID_TRANSITION here. The row is
   * locked, so an end racing another end (or the automatic end) applies once.
   */
  async end(em: EntityManager, caller: Caller, id: string, note: string | null): Promise<Incident> {
    const published: PublishedEvent[] = [];
    const ended = await em.transactional(async (tx) => {
      if ((await tx.count(Incident, { id })) === 0) throw AppError.notFound('Incident', id);
      const incident = await tx.findOneOrFail(
        Incident,
        { id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, filters: false },
      );
      if (incident.source === IncidentSource.ALERT) {
        throw new AppError(
          'INVALID_TRANSITION',
          `Incident ${incident.number} was opened by an alert: it ends by itself when its alerts clear and its work order is resolved`,
          { from: incident.status, move: 'end' },
        );
      }
      if (incident.status === IncidentStatus.ENDED)
        throw AppError.invalidTransition('Incident', incident.status, 'end');
      const before = auditSnapshot(incident);
      const now = this.now();
      const calledOff = incident.status === IncidentStatus.SCHEDULED;
      incident.status = IncidentStatus.ENDED;
      incident.endedAt = now;
      incident.endNote = note?.trim() || null;
      incident.calledOff = calledOff;
      await tx.flush();
      for (const l of this.listeners) {
        if (calledOff) await l.incidentCalledOff?.(tx, incident, now);
        else await l.incidentEnded?.(tx, incident, now);
      }
      this.audit.record(tx, caller, {
        action: 'incident.end',
        entityType: 'Incident',
        entityId: incident.id,
        before,
        after: auditSnapshot(incident),
      });
      published.push(incidentChanged(tx, incident));
      return incident;
    });
    await this.relay.publishCommitted(published);
    return ended;
  }

  /**
   * Scheduled incidents whose start has come turn ACTIVE (incident-activation.ts: each claimed
   * once, with several instances too). Before incidents are read, so a read never shows a stop
   * that has started as SCHEDULED; the periodic job (incident-activation.job.ts) does it when
   * nobody reads. A failed activation leaves its incident SCHEDULED for the job to retry and
   * report: a read is not refused for it. Returns how many this call activated.
   */
  async activateDue(): Promise<number> {
    return (await this.activation.activateDue(this.orm, this.now())).activated.length;
  }

  async get(em: EntityManager, id: string): Promise<Incident> {
    await this.activateDue();
    const incident = await em.findOne(Incident, { id });
    if (!incident) throw AppError.notFound('Incident', id);
    return incident;
  }

  /** Newest first; `active`: not ended (scheduled or active). */
  async list(em: EntityManager, filter: IncidentFilter, page: PageRequest): Promise<Page<Incident>> {
    await this.activateDue();
    const where: FilterQuery<Incident> = {};
    if (filter.active === true) where.status = { $ne: IncidentStatus.ENDED };
    if (filter.active === false) where.status = IncidentStatus.ENDED;
    if (filter.buildingId) where.buildings = { id: filter.buildingId };
    if (filter.unitId) where.affectedUnits = { id: filter.unitId };
    return findPage(em, Incident, where, page, { orderBy: { startedAt: 'desc', id: 'asc' } });
  }
}

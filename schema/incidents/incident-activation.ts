import type { MikroORM } from '@mikro-orm/postgresql';
import type { OutboxRelay, PublishedEvent } from '../monitoring/outbox/outbox.relay';
import { Incident } from './incident.entity';
import { incidentChanged } from './incident-from-alerts';
import type { IncidentListener } from './incident-listener';

/** What one activation pass did: the incidents it turned ACTIVE, and those whose activation failed. */
export interface ActivationResult {
  activated: string[];
  failed: Array<{ incidentId: string; error: unknown }>;
}

/**
 * Scheduled (planned) incidents whose start has come turn ACTIVE, each in its own transaction:
 * the claim — a conditional UPDATE of a row taken with `FOR UPDATE SKIP LOCKED` — its listeners
 * (the announcement draft, schema/incidents/incident-listener.ts) and its INCIDENT_CHANGED outbox
 * row commit together or not at all. So with several instances, or a read racing the periodic
 * job, each incident is activated and heard once: the second claimant skips the locked row, or
 * finds it no longer SCHEDULED. A listener that throws rolls its incident's claim back (it stays
 * SCHEDULED and the next pass retries it) without holding up the other due incidents.
 *
 * A planned incident's `endsAt` is only announced: it stays ACTIVE past it until staff end it
 * (`endIncident`), since only a person knows the supply is back; its draft notice expires at
 * `endsAt` (schema/announcements/announcement-incident.listener.ts).
 */
export class IncidentActivation {
  constructor(
    private readonly relay: Pick<OutboxRelay, 'publishCommitted'>,
    private readonly listeners: readonly IncidentListener[],
  ) {}

  /** Activates up to `batchSize` incidents due at `now`, oldest start first, on `orm`'s connections. */
  async activateDue(orm: MikroORM, now: Date, batchSize = 100): Promise<ActivationResult> {
    const due = await orm.em
      .fork()
      .getConnection()
      .execute<Array<{ id: string }>>(
        `select id from incident where status = 'SCHEDULED' and started_at <= ? order by started_at, id limit ?`,
        [now, batchSize],
      );
    const result: ActivationResult = { activated: [], failed: [] };
    for (const { id } of due) {
      try {
        if (await this.activate(orm, id, now)) result.activated.push(id);
      } catch (error) {
        result.failed.push({ incidentId: id, error });
      }
    }
    return result;
  }

  /** One incident: false when another instance has it (locked) or has already activated it. */
  private async activate(orm: MikroORM, id: string, now: Date): Promise<boolean> {
    const published: PublishedEvent[] = [];
    const claimed = await orm.em.fork().transactional(async (tx) => {
      const rows = await tx.execute<Array<{ id: string }>>(
        `update incident set status = 'ACTIVE', version = version + 1
          where id = (select id from incident where id = ? and status = 'SCHEDULED' and started_at <= ?
                      for update skip locked)
          returning id`,
        [id, now],
      );
      if (rows.length === 0) return false;
      const incident = await tx.findOneOrFail(Incident, { id }, { filters: false, refresh: true });
      for (const l of this.listeners) await l.incidentOpened?.(tx, incident, now);
      published.push(incidentChanged(tx, incident));
      await tx.flush();
      return true;
    });
    await this.relay.publishCommitted(published);
    return claimed;
  }
}

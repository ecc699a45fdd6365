import type { EntityManager } from '@mikro-orm/postgresql';
import type { Incident } from './incident.entity';

/**
 * What else happens when an incident opens or ends, in the same transaction: its announcement
 * is drafted or updated ("supply restored"), the residents who called about it get callbacks.
 * The incident service calls every listener wired in gateway/container.ts; a listener that
 * throws rolls the change back (nothing is half done).
 */
export interface IncidentListener {
  incidentOpened?(em: EntityManager, incident: Incident, now: Date): Promise<void>;
  incidentEnded?(em: EntityManager, incident: Incident, now: Date): Promise<void>;
}

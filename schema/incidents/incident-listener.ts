import type { EntityManager } from '@mikro-orm/postgresql';
import type { Incident } from './incident.entity';

/**
 * What else happens when an incident opens, ends or is called off, in the same transaction: its
 * announcement is drafted or updated ("supply restored", "called off"), the residents who called
 * about it get callbacks when it ends.
 * The incident service calls every listener wired in gateway/container.ts; a listener that
 * throws rolls the change back (nothing is half done).
 */
export interface IncidentListener {
  incidentOpened?(em: EntityManager, incident: Incident, now: Date): Promise<void>;
  incidentEnded?(em: EntityManager, incident: Incident, now: Date): Promise<void>;
  /**
   * A SCHEDULED incident ended before it started (`calledOff`): supply was never interrupted, so
   * nothing is restored and nobody is called back about it; `incidentEnded` is not called.
   */
  incidentCalledOff?(em: EntityManager, incident: Incident, now: Date): Promise<void>;
}

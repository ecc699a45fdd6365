import { registerEnumType } from 'type-graphql';

/** What an incident interrupts (incidents contract `IncidentKind`). */
export enum IncidentKind {
  WATER = 'WATER',
  ELECTRIC = 'ELECTRIC',
  HEATING = 'HEATING',
  OTHER = 'OTHER',
}

/**
 * SCHEDULED: a planned incident whose start is ahead; ACTIVE: residents are affected now;
 * ENDED: over (by itself when its alerts cleared and its work order was resolved, or by staff).
 */
export enum IncidentStatus {
  SCHEDULED = 'SCHEDULED',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

/** Who opened it: an alert whose fault interrupts supply, or staff (planned or not). */
export enum IncidentSource {
  ALERT = 'ALERT',
  PLANNED = 'PLANNED',
  MANUAL = 'MANUAL',
}

registerEnumType(IncidentKind, { name: 'IncidentKind' });
registerEnumType(IncidentStatus, { name: 'IncidentStatus' });
registerEnumType(IncidentSource, { name: 'IncidentSource' });

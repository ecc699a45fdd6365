import { registerEnumType } from 'type-graphql';

/** Why a resident is called back (回访): what the call is about. */
export enum CallbackReason {
  /** their request's work order was resolved: did the fix work? */
  WORK_ORDER_RESOLVED = 'WORK_ORDER_RESOLVED',
  /** their complaint's work order was resolved (instead of WORK_ORDER_RESOLVED: one call, not two) */
  COMPLAINT = 'COMPLAINT',
  /** an incident they called about ended: is the supply back at their home? */
  INCIDENT_ENDED = 'INCIDENT_ENDED',
  /** a week after they moved in */
  NEW_RESIDENT = 'NEW_RESIDENT',
  /** the monthly sample of long-standing residents */
  PERIODIC = 'PERIODIC',
}

/** DUE until reached (DONE) or three failed attempts (UNREACHABLE); CANCELLED is the platform's. */
export enum CallbackStatus {
  DUE = 'DUE',
  DONE = 'DONE',
  UNREACHABLE = 'UNREACHABLE',
  CANCELLED = 'CANCELLED',
}

registerEnumType(CallbackReason, { name: 'CallbackReason' });
registerEnumType(CallbackStatus, { name: 'CallbackStatus' });

import { registerEnumType } from 'type-graphql';

/**
 * Alarm states after ISA-18.2 / IEC 62682: an alert is active until its condition clears,
 * and unacknowledged until someone acknowledges it; both are tracked independently.
 */
export enum AlertStatus {
  ACTIVE_UNACK = 'ACTIVE_UNACK',
  ACTIVE_ACK = 'ACTIVE_ACK',
  CLEARED_UNACK = 'CLEARED_UNACK',
  CLEARED = 'CLEARED',
  SHELVED = 'SHELVED',
}

registerEnumType(AlertStatus, { name: 'AlertStatus' });

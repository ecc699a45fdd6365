import { registerEnumType } from 'type-graphql';

/**
 * test/contract-operations.graphql enum Severity; values match the detector's FaultSeverity. Declared most
 * severe first: the PostgreSQL enum sorts in this order, which alert lists rely on.
 */
export enum Severity {
  CRITICAL = 'critical',
  MAJOR = 'major',
  MINOR = 'minor',
  WARNING = 'warning',
}

registerEnumType(Severity, { name: 'Severity' });

import { registerEnumType } from 'type-graphql';

/** operations.graphql enum Severity; values match the detector's FaultSeverity. */
export enum Severity {
  CRITICAL = 'critical',
  MAJOR = 'major',
  MINOR = 'minor',
  WARNING = 'warning',
}

registerEnumType(Severity, { name: 'Severity' });

/** Ordering for lists: critical first. */
export const SEVERITY_RANK: Record<Severity, number> = {
  [Severity.CRITICAL]: 0,
  [Severity.MAJOR]: 1,
  [Severity.MINOR]: 2,
  [Severity.WARNING]: 3,
};

import type { EntityManager } from '@mikro-orm/postgresql';
import { centreDay } from '../desk/work-orders/work-order-number';

/**
 * The next incident number, `INC-YYYYMMDD-NNNNNN` (the centre's day of opening), from the
 * sequence `incident_number_seq` of the foundation migration: unique without a lock.
 */
export async function nextIncidentNumber(em: EntityManager, at: Date): Promise<string> {
  const [row] = await em.execute<Array<{ n: string }>>(`select nextval('incident_number_seq') as n`);
  return `INC-${centreDay(at)}-${String(row.n).padStart(6, '0')}`;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { centreDay } from '../../desk/work-orders/work-order-number';

/**
 * The next service request number, `SR-YYYYMMDD-NNNNNN` (the centre's day of filing), from a
 * PostgreSQL sequence (migration 20261129014500): unique across concurrent transactions
 * without a lock. A rolled-back request leaves a gap, as work order numbers do.
 */
export async function nextServiceRequestNumber(em: EntityManager, at: Date): Promise<string> {
  const [row] = await em.execute<Array<{ n: string }>>(`select nextval('service_request_number_seq') as n`);
  return `SR-${centreDay(at)}-${String(row.n).padStart(6, '0')}`;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { estateDate } from '../../residents/local-date';

/** The centre's calendar day (schema/residents/local-date.ts) as YYYYMMDD. */
export function centreDay(at: Date): string {
  return estateDate(at).replaceAll('-', '');
}

/**
 * The next work order number, `WO-YYYYMMDD-NNNNNN`, from a PostgreSQL sequence (created by
 * the initial migration): unique across concurrent transactions without a lock.
 */
export async function nextWorkOrderNumber(em: EntityManager, at: Date): Promise<string> {
  const [row] = await em.execute<Array<{ n: string }>>(`select nextval('work_order_number_seq') as n`);
  return workOrderNumber(row.n, at);
}

/** `WO-YYYYMMDD-NNNNNN` from a value `n` of `work_order_number_seq` drawn at `at`. */
export function workOrderNumber(n: string | number, at: Date): string {
  return `WO-${centreDay(at)}-${String(n).padStart(6, '0')}`;
}

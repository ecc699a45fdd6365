import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../staff/role.enum';
import { Staff } from '../../staff/staff.entity';

/**
 * The active technicians a caller may dispatch to: those of the caller's sites (every one for
 * an unscoped caller), by name. Staff rows are not site-scoped themselves, so the sites are
 * named here.
 */
export function assignableTechnicians(em: EntityManager, siteIds: readonly string[] | null): Promise<Staff[]> {
  return em.find(
    Staff,
    {
      role: Role.TECHNICIAN,
      active: true,
      ...(siteIds === null ? {} : { sites: { $in: [...siteIds] } }),
    },
    { orderBy: { name: 'asc', id: 'asc' } },
  );
}

import { AppError } from '../../common/app-error';
import type { Caller } from '../../context';
import { Role } from '../role.enum';

/** Who administers accounts (core.graphql CreateStaff / UpdateStaff / StaffMembers). */
export const STAFF_ADMINS = [Role.MANAGER, Role.SUPERVISOR];

/** 0 is the top: a manager above supervisors above everyone else. */
function rank(role: Role): number {
  if (role === Role.MANAGER) return 0;
  if (role === Role.SUPERVISOR) return 1;
  return 2;
}

/**
 * core.graphql CreateStaff: "MANAGER, or SUPERVISOR for their own sites and roles below
 * theirs". A supervisor may give only roles below theirs, only their own sites, and may change
 * only accounts below them whose every site is theirs. Sites outside the caller's are not
 * found at all (the caller's unit of work is scoped), so this checks roles and containment.
 */
export function checkMayAssign(caller: Caller, role: Role, siteIds: readonly string[]): void {
  if (caller.role === Role.MANAGER) return;
  if (caller.role !== Role.SUPERVISOR || rank(role) <= rank(caller.role)) {
    throw new AppError('FORBIDDEN', `A ${caller.role} may not give the role ${role}`);
  }
  const own = new Set(caller.siteIds ?? []);
  if (!siteIds.every((id) => own.has(id))) throw new AppError('FORBIDDEN', 'Only your own sites may be given');
}

/** May `caller` change an account that has `role` and `siteIds` now? */
export function checkMayChange(caller: Caller, target: { id: string; role: Role; siteIds: readonly string[] }): void {
  if (caller.role === Role.MANAGER) return;
  checkMayAssign(caller, target.role, target.siteIds);
}

/** Non-managers see nothing without a site, so each needs one (a manager sees every site). */
export function checkSitesForRole(role: Role, siteIds: readonly string[]): void {
  if (role !== Role.MANAGER && siteIds.length === 0) {
    throw AppError.badInput(`A ${role} needs at least one site`, { field: 'siteIds' });
  }
}

import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.service';
import { auditSnapshot } from '../../audit/audit-snapshot';
import { AppError } from '../../common/app-error';
import type { Caller } from '../../context';
import { Site } from '../../estate/sites/site.entity';
import { hashPassword } from '../auth/password';
import { checkPasswordPolicy } from '../auth/password-policy';
import type { Role } from '../role.enum';
import type { SessionService } from '../sessions/session.service';
import { Staff } from '../staff.entity';
import { checkMayAssign, checkMayChange, checkSitesForRole } from './staff-policy';
import type { CreateStaffInput, UpdateStaffInput } from './staff.inputs';

/**
 * Accounts: create, change role or sites, reset the password, deactivate. Every change of an
 * account bumps its `version` and, at commit, notifies every instance (`fd_account` trigger);
 * this instance is told at once (`sessions.changed`), so the change applies at the account's
 * next request and its WebSockets close. A password reset or a deactivation also revokes the
 * account's sessions.
 */
export class StaffService {
  constructor(
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
  ) {}

  async create(em: EntityManager, caller: Caller, input: CreateStaffInput): Promise<Staff> {
    checkPasswordPolicy(input.password);
    const siteIds = [...new Set(input.siteIds)];
    checkSitesForRole(input.role, siteIds);
    const sites = await this.findSites(em, siteIds);
    checkMayAssign(caller, input.role, siteIds);
    const staff = em.create(Staff, {
      username: input.username,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      sites,
    });
    // one flush writes the account and its audit row (collections are not in a snapshot)
    this.audit.record(em, caller, {
      action: 'staff.create',
      entityType: 'Staff',
      entityId: staff.id,
      before: null,
      after: { ...auditSnapshot(staff), siteIds },
    });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw AppError.conflict(`The username ${input.username} is taken`, { username: input.username });
      }
      throw error;
    }
    return staff;
  }

  /**
   * The row is locked for the change (`select … for update`), so two edits of one account
   * apply one after the other and neither is lost; with `expectedVersion`, a change made since
   * the caller read the account is a CONFLICT instead.
   */
  async update(em: EntityManager, caller: Caller, input: UpdateStaffInput): Promise<Staff> {
    if (input.password != null) checkPasswordPolicy(input.password);
    const passwordHash = input.password != null ? await hashPassword(input.password) : null;
    const newSiteIds = input.siteIds != null ? [...new Set(input.siteIds)] : null;
    const newSites = newSiteIds ? await this.findSites(em, newSiteIds) : null;
    await em.transactional(async (tx) => {
      const staff = await tx.findOne(Staff, { id: input.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!staff) throw AppError.notFound('Staff', input.id);
      const currentSiteIds = await this.siteIdsOf(tx, staff.id);
      if (!this.visible(caller, staff.id, currentSiteIds)) throw AppError.notFound('Staff', input.id);
      if (input.expectedVersion != null && input.expectedVersion !== staff.version) {
        throw AppError.conflict(`Staff ${staff.id} changed since version ${input.expectedVersion}`, {
          version: staff.version,
        });
      }
      if (
        staff.id === caller.staffId &&
        ((input.role != null && input.role !== staff.role) || input.active === false)
      ) {
        throw new AppError('FORBIDDEN', 'You may not change your own role or deactivate yourself');
      }
      checkMayChange(caller, { id: staff.id, role: staff.role, siteIds: currentSiteIds });
      const role = input.role ?? staff.role;
      const siteIds = newSiteIds ?? currentSiteIds;
      checkSitesForRole(role, siteIds);
      checkMayAssign(caller, role, siteIds);

      const before = { ...auditSnapshot(staff), siteIds: currentSiteIds };
      await tx.execute(
        `update staff set role = ?::staff_role, active = ?, password_hash = coalesce(?, password_hash),
                version = version + 1 where id = ?`,
        [role, input.active ?? staff.active, passwordHash, staff.id],
      );
      if (newSites) {
        await tx.execute('delete from staff_site where staff_id = ?', [staff.id]);
        for (const site of newSites) {
          await tx.execute('insert into staff_site (staff_id, site_id) values (?, ?)', [staff.id, site.id]);
        }
      }
      if (passwordHash !== null || input.active === false) {
        await tx.execute('update staff_session set revoked_at = now() where staff_id = ? and revoked_at is null', [
          staff.id,
        ]);
      }
      const changed = await tx.findOneOrFail(Staff, { id: staff.id }, { refresh: true });
      this.audit.record(tx, caller, {
        action: 'staff.update',
        entityType: 'Staff',
        entityId: staff.id,
        before,
        after: { ...auditSnapshot(changed), siteIds, passwordReset: passwordHash !== null },
      });
    });
    this.sessions.changed(input.id);
    return em.findOneOrFail(Staff, { id: input.id }, { refresh: true });
  }

  /** MANAGER: everyone; SUPERVISOR: the accounts that share a site with them. */
  async list(em: EntityManager, caller: Caller, role: Role | null): Promise<Staff[]> {
    const where: Record<string, unknown> = role ? { role } : {};
    if (caller.siteIds !== null) {
      const rows = caller.siteIds.length
        ? await em.execute<Array<{ staff_id: string }>>(
            `select distinct staff_id from staff_site where site_id in (${caller.siteIds.map(() => '?').join(', ')})`,
            [...caller.siteIds],
          )
        : [];
      where.id = { $in: rows.map((r) => r.staff_id) };
    }
    return em.find(Staff, where, { orderBy: { username: 'asc' }, limit: 5000 });
  }

  /** Sites by id through the caller's scoped unit of work: one the caller may not see is NOT_FOUND. */
  private async findSites(em: EntityManager, ids: string[]): Promise<Site[]> {
    if (ids.length === 0) return [];
    const sites = await em.find(Site, { id: { $in: ids } });
    const missing = ids.find((id) => !sites.some((s) => s.id === id));
    if (missing) throw AppError.notFound('Site', missing);
    return sites;
  }

  private async siteIdsOf(em: EntityManager, staffId: string): Promise<string[]> {
    const rows = await em.execute<Array<{ site_id: string }>>('select site_id from staff_site where staff_id = ?', [
      staffId,
    ]);
    return rows.map((r) => r.site_id);
  }

  private visible(caller: Caller, staffId: string, siteIds: readonly string[]): boolean {
    if (caller.siteIds === null || staffId === caller.staffId) return true;
    return siteIds.some((id) => caller.siteIds!.includes(id));
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../../schema/staff/auth/password';
import { MIN_PASSWORD_LENGTH } from '../../schema/staff/auth/password-policy';
import { Role } from '../../schema/staff/role.enum';
import { Staff } from '../../schema/staff/staff.entity';

export const FIRST_ACCOUNT_USERNAME = 'admin';

/**
 * Production's first account: with no staff at all, `admin` (MANAGER) is created from
 * ADMIN_PASSWORD; without it the platform cannot be administered, so it refuses to start and
 * says how to fix it. Returns whether the account was created.
 */
export async function seedFirstAccount(em: EntityManager, adminPassword: string | null): Promise<boolean> {
  if ((await em.count(Staff)) > 0) return false;
  if (!adminPassword) {
    throw new Error(
      'NODE_ENV=production and there is no staff account yet: set ADMIN_PASSWORD ' +
        `(at least ${MIN_PASSWORD_LENGTH} characters) to create the first account, "${FIRST_ACCOUNT_USERNAME}" (MANAGER)`,
    );
  }
  if (adminPassword.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  em.create(Staff, {
    username: FIRST_ACCOUNT_USERNAME,
    name: 'Administrator',
    role: Role.MANAGER,
    passwordHash: await hashPassword(adminPassword),
  });
  await em.flush();
  return true;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../common/app-error';
import type { SessionService } from '../sessions/session.service';
import { Staff } from '../staff.entity';
import type { HashingSlots } from './hashing-slots';
import type { LoginThrottle } from './login-throttle';
import { DUMMY_HASH, verifyPassword } from './password';
import { MAX_PASSWORD_LENGTH } from './password-policy';

const TOO_MANY_FAILURES = 'Too many failed sign-ins for this account or from this address; try again later';

/**
 * Sign-in. The failure counts are checked before any hashing, and again once a hashing slot
 * is ours (sign-ins queued together cannot all slip under the limit); hashing is bounded
 * (hashing-slots.ts). A refusal costs one indexed statement and no hash.
 */
export class AuthService {
  /** sign-ins refused by the failure counts (no hash computed) */
  refusedByThrottle = 0;

  constructor(
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly slots: HashingSlots,
  ) {}

  async login(
    em: EntityManager,
    username: string,
    password: string,
    address: string | null,
  ): Promise<{ token: string; staff: Staff }> {
    const keys = this.throttle.keys(username, address);
    await this.refuseWhenBlocked(em, keys);
    return this.slots.run(async () => {
      await this.refuseWhenBlocked(em, keys);
      const staff = await em.findOne(
        Staff,
        { username: username.trim(), active: true },
        { populate: ['passwordHash'] },
      );
      // Check a hash either way so an unknown username takes as long as a wrong password.
      const ok =
        password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(password, staff?.passwordHash ?? DUMMY_HASH));
      if (!staff || !ok) {
        await this.throttle.recordFailure(em, keys);
        throw new AppError('UNAUTHENTICATED', 'Invalid username or password');
      }
      await this.throttle.recordSuccess(em, keys[0]);
      const { token } = await this.sessions.open(em, staff.id);
      return { token, staff };
    });
  }

  private async refuseWhenBlocked(em: EntityManager, keys: string[]): Promise<void> {
    if (await this.throttle.blocked(em, keys)) {
      this.refusedByThrottle++;
      throw new AppError('TOO_MANY_REQUESTS', TOO_MANY_FAILURES);
    }
  }
}

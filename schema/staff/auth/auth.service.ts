import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../common/app-error';
import { Staff } from '../staff.entity';
import { DUMMY_HASH, verifyPassword } from './password';
import { TokenService } from './token.service';

export class AuthService {
  constructor(private readonly tokens: TokenService) {}

  async login(em: EntityManager, username: string, password: string): Promise<{ token: string; staff: Staff }> {
    const staff = await em.findOne(Staff, { username: username.trim(), active: true }, { populate: ['passwordHash'] });
    // Check a hash either way so an unknown username takes as long as a wrong password.
    const ok = await verifyPassword(password, staff?.passwordHash ?? DUMMY_HASH);
    if (!staff || !ok) throw new AppError('UNAUTHENTICATED', 'Invalid username or password');
    const token = await this.tokens.issue({ staffId: staff.id, role: staff.role });
    return { token, staff };
  }
}

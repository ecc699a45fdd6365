import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { newId } from '../../common/ids';
import type { TokenClaims } from '../auth/token.service';
import { Role } from '../role.enum';
import type { AccountCheck } from './account-cache';

interface Row {
  revoked: boolean;
  expires_at: Date;
  active: boolean;
  role: Role;
  site_ids: string[];
}

/** Sessions in PostgreSQL (`staff_session`): opened at sign-in, revoked by logout. */
export class SessionStore {
  /** expired sessions are deleted this long after they expire, at most once a minute */
  private prunedAt = 0;

  constructor(private readonly orm: MikroORM) {}

  /** The session's and its account's state now, in one statement. */
  async read(claims: TokenClaims): Promise<AccountCheck> {
    const [row] = await this.orm.em.fork().execute<Row[]>(
      `select s.revoked_at is not null as revoked, s.expires_at, st.active, st.role,
              coalesce(array_agg(ss.site_id::text) filter (where ss.site_id is not null), '{}') as site_ids
         from staff_session s
         join staff st on st.id = s.staff_id
         left join staff_site ss on ss.staff_id = st.id
        where s.id = ? and s.staff_id = ?
        group by s.id, st.id`,
      [claims.sessionId, claims.staffId],
    );
    if (!row) return { ok: false, refusal: 'unknown' };
    if (row.revoked) return { ok: false, refusal: 'revoked' };
    if (!row.active) return { ok: false, refusal: 'inactive' };
    const expiresAt = Math.min(new Date(row.expires_at).getTime(), claims.expiresAt);
    return {
      ok: true,
      caller: {
        staffId: claims.staffId,
        sessionId: claims.sessionId,
        role: row.role,
        siteIds: row.role === Role.MANAGER ? null : [...row.site_ids].sort(),
        expiresAt,
      },
    };
  }

  async open(em: EntityManager, staffId: string, expiresAt: Date): Promise<string> {
    const id = newId();
    await em.execute('insert into staff_session (id, staff_id, created_at, expires_at) values (?, ?, now(), ?)', [
      id,
      staffId,
      expiresAt,
    ]);
    await this.prune(em);
    return id;
  }

  /** Revokes one session; the update's trigger tells every instance (`fd_account`). */
  async revoke(em: EntityManager, sessionId: string): Promise<void> {
    await em.execute('update staff_session set revoked_at = now() where id = ? and revoked_at is null', [sessionId]);
  }

  private async prune(em: EntityManager): Promise<void> {
    if (Date.now() - this.prunedAt < 60_000) return;
    this.prunedAt = Date.now();
    await em.execute(`delete from staff_session where expires_at < now() - interval '1 day'`);
  }
}

import type { Caller } from '../../context';
import type { TokenClaims } from '../auth/token.service';

/** Why a token's session no longer lets its holder in. */
export type Refusal = 'unknown' | 'revoked' | 'expired' | 'inactive';

export type AccountCheck = { ok: true; caller: Caller } | { ok: false; refusal: Refusal };

/** Reads a session's and its account's current state: one statement (session.store.ts). */
export type AccountStateReader = (claims: TokenClaims) => Promise<AccountCheck>;

export interface AccountCacheOptions {
  /** entries kept; past it the oldest go */
  maxEntries: number;
  /** an entry is read again after this long even without a notification: a bound, not the mechanism */
  maxAgeMs: number;
  /**
   * Whether invalidations reach this cache right now: always with one instance; with several,
   * only while the `fd_account` listener is connected (gateway/events/account-listener.ts).
   * While not, every check reads PostgreSQL.
   */
  live: () => boolean;
  now: () => number;
}

interface Entry {
  staffId: string;
  check: AccountCheck;
  at: number;
}

/**
 * Account state per session, so checking every request against the account costs no
 * statement while the state is unchanged. Emptied per staff member by `invalidate` — called
 * after a local change and for every `fd_account` notification of another instance — and
 * wholly by `clear` (a listener that reconnects may have missed some). Refusals are cached
 * too: a revoked token sent again and again costs nothing either.
 */
export class AccountCache {
  private readonly entries = new Map<string, Entry>();
  /** bumped by every invalidation: a state read across one is not kept */
  private generation = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly read: AccountStateReader,
    private readonly options: AccountCacheOptions,
  ) {}

  async check(claims: TokenClaims): Promise<AccountCheck> {
    const now = this.options.now();
    if (claims.expiresAt <= now) return { ok: false, refusal: 'expired' };
    const live = this.options.live();
    const entry = live ? this.entries.get(claims.sessionId) : undefined;
    if (entry && entry.staffId === claims.staffId && now - entry.at < this.options.maxAgeMs) {
      this.hits++;
      return entry.check;
    }
    this.misses++;
    const generation = this.generation;
    const check = await this.read(claims);
    if (live && generation === this.generation) {
      if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(claims.sessionId, { staffId: claims.staffId, check, at: now });
    }
    return check;
  }

  invalidate(staffId: string): void {
    this.generation++;
    for (const [sessionId, entry] of this.entries) if (entry.staffId === staffId) this.entries.delete(sessionId);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  size(): number {
    return this.entries.size;
  }
}

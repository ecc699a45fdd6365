import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../common/app-error';
import type { Caller } from '../../context';
import type { TokenService } from '../auth/token.service';
import type { AccountCache, Refusal } from './account-cache';
import type { SessionStore } from './session.store';

/** What the transports need to turn an Authorization header into a caller. */
export interface CallerVerifier {
  verify(header: string | undefined | null): Promise<Caller>;
  /** a missing header is not an error (the operation may be `login`); a bad one is */
  verifyOptional(header: string | undefined | null): Promise<Caller | null>;
}

/** What the WebSocket server also needs: re-checking a connection's caller, and hearing of changes. */
export interface SessionGate extends CallerVerifier {
  recheck(caller: Pick<Caller, 'staffId' | 'sessionId' | 'expiresAt'>): Promise<Caller | null>;
  /** `*`: every account may have changed */
  onChange(listener: (staffId: string) => void): () => void;
}

const REFUSALS: Record<Refusal, string> = {
  unknown: 'This session does not exist; sign in again',
  revoked: 'This session has ended (signed out); sign in again',
  expired: 'The token has expired; sign in again',
  inactive: 'This account is deactivated',
};

/**
 * Sessions: sign-in opens one and issues its token; every request and WebSocket is checked
 * against the session's and the account's current state through the account cache (0
 * statements while nothing changed); logout revokes the session. `changed` is told of every
 * account change, local or from another instance: it empties the cache for that account and
 * tells the listeners (the WebSocket server closes what must close).
 */
export class SessionService implements SessionGate {
  private readonly listeners = new Set<(staffId: string) => void>();

  constructor(
    private readonly tokens: TokenService,
    private readonly store: SessionStore,
    private readonly cache: AccountCache,
  ) {}

  async open(em: EntityManager, staffId: string): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = Date.now() + this.tokens.ttlSeconds * 1000;
    const sessionId = await this.store.open(em, staffId, new Date(expiresAt));
    return { token: await this.tokens.issue({ staffId, sessionId, expiresAt }), expiresAt };
  }

  async revoke(em: EntityManager, caller: Caller): Promise<void> {
    await this.store.revoke(em, caller.sessionId);
    this.changed(caller.staffId);
  }

  async verify(header: string | undefined | null): Promise<Caller> {
    const claims = await this.tokens.verify(header);
    const check = await this.cache.check(claims);
    if (!check.ok) throw new AppError('UNAUTHENTICATED', REFUSALS[check.refusal]);
    return check.caller;
  }

  verifyOptional(header: string | undefined | null): Promise<Caller | null> {
    return header ? this.verify(header) : Promise.resolve(null);
  }

  /** The caller's session and account as they stand now (null: refused). Cached. */
  async recheck(caller: Pick<Caller, 'staffId' | 'sessionId' | 'expiresAt'>): Promise<Caller | null> {
    const check = await this.cache.check(caller);
    return check.ok ? check.caller : null;
  }

  /** An account changed (here or on another instance): forget its state, tell the listeners. */
  changed(staffId: string): void {
    this.cache.invalidate(staffId);
    for (const listener of this.listeners) listener(staffId);
  }

  /** Every account may have changed (a notification may have been missed). */
  changedAll(): void {
    this.cache.clear();
    for (const listener of this.listeners) listener('*');
  }

  onChange(listener: (staffId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from './staff/role.enum';
import type { EntityLoaders } from './loaders';

/**
 * The signed-in caller: the token's session, checked against the account's current state
 * (schema/staff/sessions/session.service.ts) — the role and sites are the account's now, not
 * what they were when the token was issued.
 */
export interface Caller {
  staffId: string;
  sessionId: string;
  role: Role;
  /** the sites the caller may see; null: every site (a MANAGER) */
  siteIds: readonly string[] | null;
  /** when the token expires, epoch ms */
  expiresAt: number;
}

/**
 * What every resolver gets: one unit of work (a forked EntityManager, scoped to the caller's
 * sites) per request or WebSocket operation, the caller, the request's batching loaders, and
 * the client's address (sign-in throttling).
 */
export interface RequestContext {
  em: EntityManager;
  caller: Caller | null;
  loaders: EntityLoaders;
  clientAddress?: string | null;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from './staff/role.enum';
import type { EntityLoaders } from './loaders';

/** The signed-in caller, from a verified token. */
export interface Caller {
  staffId: string;
  role: Role;
}

/**
 * What every resolver gets: one unit of work (a forked EntityManager) per request or
 * WebSocket operation, the caller, and the request's batching loaders.
 */
export interface RequestContext {
  em: EntityManager;
  caller: Caller | null;
  loaders: EntityLoaders;
}

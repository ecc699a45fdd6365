import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Caller, RequestContext } from '../../schema/context';
import { scopeToSites } from '../../schema/estate/site-scope';
import { EntityLoaders } from '../../schema/loaders';
import type { CallerVerifier } from '../../schema/staff/sessions/session.service';

/**
 * A request's context: its own unit of work (a forked EntityManager, type-graphql's
 * MikroORM habit) scoped to the caller's sites, the caller from the token checked against the
 * account's current state (null when there is none — resolvers' @Authorized then refuses),
 * and fresh loaders.
 */
export async function createRequestContext(
  orm: MikroORM,
  tokens: CallerVerifier,
  authorization: string | undefined | null,
  clientAddress: string | null = null,
): Promise<RequestContext> {
  return lazyContext(orm, await tokens.verifyOptional(authorization), clientAddress);
}

/**
 * The EntityManager fork and loaders are made on first use: a WebSocket subscription whose
 * events arrive loaded never needs them, and thousands of idle desk clients should not each
 * hold a unit of work. The fork reads only the caller's sites (schema/estate/site-scope.ts).
 */
export function lazyContext(orm: MikroORM, caller: Caller | null, clientAddress: string | null = null): RequestContext {
  let em: EntityManager | undefined;
  let loaders: EntityLoaders | undefined;
  return {
    caller,
    clientAddress,
    get em() {
      if (!em) {
        em = orm.em.fork();
        if (caller) scopeToSites(em, caller.siteIds, caller.staffId);
      }
      return em;
    },
    get loaders() {
      return (loaders ??= new EntityLoaders(this.em));
    },
  };
}

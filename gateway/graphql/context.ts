import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Caller, RequestContext } from '../../schema/context';
import { EntityLoaders } from '../../schema/loaders';
import type { TokenService } from '../../schema/staff/auth/token.service';

/**
 * A request's context: its own unit of work (a forked EntityManager, type-graphql's
 * MikroORM habit), the caller from the token (null when there is none — resolvers'
 * @Authorized then refuses), and fresh loaders.
 */
export async function createRequestContext(
  orm: MikroORM,
  tokens: TokenService,
  authorization: string | undefined | null,
): Promise<RequestContext> {
  return lazyContext(orm, await tokens.verifyOptional(authorization));
}

/**
 * The EntityManager fork and loaders are made on first use: a WebSocket subscription whose
 * events arrive loaded never needs them, and thousands of idle desk clients should not each
 * hold a unit of work.
 */
export function lazyContext(orm: MikroORM, caller: Caller | null): RequestContext {
  let em: EntityManager | undefined;
  let loaders: EntityLoaders | undefined;
  return {
    caller,
    get em() {
      return (em ??= orm.em.fork());
    },
    get loaders() {
      return (loaders ??= new EntityLoaders(this.em));
    },
  };
}

import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../schema/context';
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
  const caller = await tokens.verifyOptional(authorization);
  const em = orm.em.fork();
  return { em, caller, loaders: new EntityLoaders(em) };
}

import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Caller, RequestContext } from '../../schema/context';
import { lazyContext } from '../graphql/context';
import { createSharedSubscribe } from './shared-subscribe';
import type { TokenService } from '../../schema/staff/auth/token.service';

/**
 * graphql-ws (graphql-transport-ws protocol) on the HTTP server's port, path `/graphql`.
 * The token travels in connectionParams `{ authorization: 'Bearer …' }` (test/contract-operations.graphql);
 * a connection without a valid one is closed with 4403 Forbidden before any subscription.
 *
 * `closeHandshakeTimeoutMs` bounds the close handshake at dispose (`ws` waits 30 s for it): a
 * desk that stopped reading (asleep, a dead network path) never answers the close frame, and
 * its socket is destroyed after this long instead of holding the shutdown.
 */
export function attachGraphqlWs(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  orm: MikroORM;
  tokens: TokenService;
  formatError: (error: GraphQLFormattedError, original: unknown) => GraphQLFormattedError;
  closeHandshakeTimeoutMs: number;
}): { dispose(): Promise<void>; clients(): number } {
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  const callers = new WeakMap<object, Caller>();
  const cleanup = useServer(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization;
        try {
          const caller = await options.tokens.verify(typeof header === 'string' ? header : undefined);
          callers.set(ctx.extra, caller);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => lazyContext(options.orm, callers.get(ctx.extra) ?? null),
      // one execution per event and distinct operation, shared by every subscriber (role-scoped)
      subscribe: createSharedSubscribe((args) => (args.contextValue as RequestContext).caller?.role ?? ''),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return result;
        return { ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) };
      },
    },
    wss,
  );
  return {
    async dispose() {
      // sends every client 1001 Going away, stops taking upgrades, and resolves once every socket is closed
      const closed = Promise.resolve(cleanup.dispose());
      const timer = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, options.closeHandshakeTimeoutMs);
      await closed.finally(() => clearTimeout(timer));
    },
    clients: () => wss.clients.size,
  };
}

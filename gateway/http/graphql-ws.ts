import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Caller, RequestContext } from '../../schema/context';
import { lazyContext } from '../graphql/context';
import { LIMITS } from '../graphql/limits';
import { gatedExecute, prepareWsOperation } from '../graphql/ws-operation';
import type { CallerConcurrency } from './caller-concurrency';
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
  /** outside production: introspection answers (never in production) */
  introspection: boolean;
  /** queries and mutations over WebSocket share the caller's turns with HTTP */
  concurrency: CallerConcurrency;
}): { dispose(): Promise<void>; clients(): number } {
  // a message over the cap closes the socket with 1009 before it is read whole (README "Limits")
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: LIMITS.maxWsMessageBytes,
  });
  const callers = new WeakMap<object, Caller>();
  const cleanup = useServer(
    {
      schema: options.schema,
      // close reasons are fixed texts ("Internal server error"), never an error's own message
      isProd: true,
      // the same limits as over HTTP, before anything runs; errors leave through onError
      onSubscribe: (_ctx, _id, payload) =>
        prepareWsOperation(options.schema, payload, {
          introspection: options.introspection,
          hideSuggestions: !options.introspection,
        }),
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => options.formatError(error.toJSON(), error)),
      execute: gatedExecute(options.concurrency),
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

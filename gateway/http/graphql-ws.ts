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
 * The token travels in connectionParams `{ authorization: 'Bearer …' }` (operations.graphql);
 * a connection without a valid one is closed with 4403 Forbidden before any subscription.
 */
export function attachGraphqlWs(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  orm: MikroORM;
  tokens: TokenService;
  formatError: (error: GraphQLFormattedError, original: unknown) => GraphQLFormattedError;
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
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    clients: () => wss.clients.size,
  };
}

import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Caller, RequestContext } from '../../schema/context';
import { maySee } from '../../schema/estate/site-scope';
import type { SessionGate } from '../../schema/staff/sessions/session.service';
import { lazyContext } from '../graphql/context';
import { LIMITS } from '../graphql/limits';
import { gatedExecute, prepareWsOperation } from '../graphql/ws-operation';
import type { CallerConcurrency } from './caller-concurrency';
import { createSharedSubscribe } from './shared-subscribe';
import { WS_CLOSE, WsSessions } from './ws-sessions';

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
  tokens: SessionGate;
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
  // sockets per account: closed when the account changes or the token expires
  const sessions = new WsSessions(options.tokens);
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
          sessions.add(ctx.extra.socket, caller);
          return true;
        } catch {
          return false;
        }
      },
      onClose: (ctx) => {
        const caller = callers.get(ctx.extra);
        if (caller) sessions.remove(ctx.extra.socket, caller.staffId);
      },
      // every operation is checked against the account as it is now (cached: no statement while unchanged)
      context: async (ctx) => {
        const known = callers.get(ctx.extra);
        const caller = known ? await options.tokens.recheck(known) : null;
        if (known && !caller) ctx.extra.socket.close(WS_CLOSE.sessionEnded.code, WS_CLOSE.sessionEnded.reason);
        return lazyContext(options.orm, caller, ctx.extra.request.socket.remoteAddress ?? null);
      },
      // One execution per event and distinct operation, role and sites, shared by every subscriber
      // with those; events of sites the caller may not see are never executed for them.
      subscribe: createSharedSubscribe(
        (args) => scopeKey((args.contextValue as RequestContext).caller),
        (args, event) => {
          const caller = (args.contextValue as RequestContext).caller;
          return caller !== null && maySee(caller.siteIds, event);
        },
      ),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return result;
        return { ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) };
      },
    },
    wss,
  );
  return {
    async dispose() {
      sessions.dispose();
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

function scopeKey(caller: Caller | null): string {
  return caller ? `${caller.role}|${caller.siteIds?.join(',') ?? '*'}` : '';
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Registry } from 'prom-client';
import { AppError } from '../../schema/common/app-error';
import type { RequestContext } from '../../schema/context';
import type { SessionGate } from '../../schema/staff/sessions/session.service';
import { type Log, errorFields } from '../../devices/log';
import { createRequestContext } from '../graphql/context';
import { formatError } from '../graphql/format-error';
import { LIMITS, limitRules } from '../graphql/limits';
import { costLimitPlugin } from '../graphql/operation-cost';
import { requireStaffPlugin } from '../graphql/require-staff';
import { graphqlMetricsPlugin } from '../metrics';
import { CallerConcurrency } from './caller-concurrency';
import { graphqlGate } from './graphql-gate';
import { attachGraphqlWs } from './graphql-ws';
import { jsonErrors, jsonNotFound } from './json-errors';
import type { AnnouncementFeedService } from '../../schema/announcements/announcement-feed.service';
import { mountRoutes, type ReadinessCheck } from './routes';
import { securityHeaders } from './security-headers';

export interface HttpServer {
  url: string;
  port: number;
  wsClients(): number;
  stop(): Promise<void>;
}

/** HTTP (Apollo Server 5 on express 5) and graphql-ws on one port (README "Endpoints"). */
export async function startHttpServer(options: {
  host: string;
  port: number;
  production: boolean;
  /** NODE_ENV=development: stack traces in error responses */
  development: boolean;
  /** GraphQL operations one caller, and everyone together, may run at once (HTTP and WebSocket) */
  concurrency: { perCaller: number; total: number };
  schema: GraphQLSchema;
  orm: MikroORM;
  tokens: SessionGate;
  metrics: Registry;
  readiness: Record<string, ReadinessCheck>;
  /** the public announcement feed and print page (gateway/http/routes.ts) */
  announcements?: AnnouncementFeedService;
  log: Log;
  plugins: ApolloServerPlugin<RequestContext>[];
  /** how long stop() waits for a WebSocket's close handshake before destroying its socket; default 1 s */
  wsCloseTimeoutMs?: number;
  /** how long stop() lets HTTP requests in flight finish before destroying their sockets; default 0.8 s */
  httpDrainMs?: number;
}): Promise<HttpServer> {
  const { log } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const errorLog = {
    mapped: (error: unknown, code: string) => log.info(`GraphQL error answered as ${code}`, errorFields(error)),
    internal: (error: unknown) => log.error('unexpected error in a GraphQL operation', errorFields(error)),
  };
  const errorOptions = { development: options.development, hideSuggestions: options.production };
  const format = (formatted: Parameters<typeof formatError>[0], error: unknown) =>
    formatError(formatted, error, errorLog, errorOptions);
  // a caller's next few operations wait their turn; past that the caller is told to slow down
  const concurrency = new CallerConcurrency({ ...options.concurrency, queuedPerCaller: LIMITS.queuedPerCaller });
  const ws = attachGraphqlWs({
    httpServer,
    schema: options.schema,
    orm: options.orm,
    tokens: options.tokens,
    formatError: format,
    closeHandshakeTimeoutMs: options.wsCloseTimeoutMs ?? 1000,
    introspection: !options.production,
    concurrency,
  });

  const apollo = new ApolloServer<RequestContext>({
    schema: options.schema,
    introspection: !options.production,
    // main.ts owns SIGINT/SIGTERM and stops everything in order; Apollo's own handlers would race it
    stopOnTerminationSignals: false,
    formatError: format,
    // stack traces only where someone debugs (NODE_ENV=development), never in answers otherwise
    includeStacktraceInErrorResponses: options.development,
    // no "Did you mean …?" naming fields to a stranger in production
    hideSchemaDetailsFromClientErrors: options.production,
    csrfPrevention: true,
    // the shape limits run with validation, the cost once the variables are known (README "Limits")
    parseOptions: { maxTokens: LIMITS.maxTokens },
    validationRules: limitRules(),
    plugins: [
      // idle keep-alive sockets are closed at once (a client that stopped reading too); requests
      // still running after httpDrainMs have their sockets destroyed
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.httpDrainMs ?? 800 }),
      // no HTTP caching hints are used; the default plugin would wrap every field resolver
      ApolloServerPluginCacheControlDisabled(),
      graphqlMetricsPlugin(options.metrics),
      requireStaffPlugin(!options.production),
      costLimitPlugin(LIMITS.maxCost),
      ...options.plugins,
      // the sandbox page loads scripts from Apollo's CDN, which the Content-Security-Policy forbids
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.use(securityHeaders());
  mountRoutes(app, { metrics: options.metrics, readiness: options.readiness, announcements: options.announcements });
  app.use(
    '/graphql',
    ...graphqlGate({ tokens: options.tokens, concurrency }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return await createRequestContext(options.orm, options.tokens, req.headers.authorization, req.ip ?? null);
        } catch (error) {
          if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
            throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
          }
          throw error;
        }
      },
    }),
  );
  app.use(jsonNotFound);
  app.use(jsonErrors(log));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' ? new Error(`PORT ${options.port} is in use: set PORT to a free port`) : error,
      ),
    );
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}`,
    port,
    wsClients: ws.clients,
    /** WebSockets first (new upgrades are refused from the first moment), then HTTP: under 2 s together */
    async stop() {
      await ws.dispose();
      await apollo.stop();
    },
  };
}

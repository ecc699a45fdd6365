/**
 * Load process: the API throughput ceiling. A bare Apollo Server 5 on express 5 answering
 * `type Query { hello: String }`, the same HTTP stack as the platform's /graphql with no
 * schema, auth, database or plugins behind it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { serve } from './ipc';

let stop: (() => Promise<void>) | null = null;

const handlers = {
  async start() {
    const apollo = new ApolloServer({
      typeDefs: 'type Query { hello: String }',
      resolvers: { Query: { hello: () => 'world' } },
    });
    await apollo.start();
    const app = express();
    app.use('/graphql', express.json(), expressMiddleware(apollo));
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    stop = async () => {
      await apollo.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
  },
  async stop() {
    await stop?.();
  },
};

export type ApolloHelloApi = typeof handlers;

serve(handlers);

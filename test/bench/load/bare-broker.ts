/**
 * Load process: the network-hop ingest ceiling's broker. A bare aedes 1.2.0 with no
 * authentication, no ACL and no persistence beyond its default in-memory one: what the platform's
 * embedded broker is without the platform around it. Its consumer is a subscriber in another
 * process (mqtt-counter.ts), one MQTT hop the platform's embedded ingest does not pay.
 */
import net from 'node:net';
import { Aedes } from 'aedes';
import { serve } from './ipc';

let stop: (() => Promise<void>) | null = null;

const handlers = {
  async start(args: { port: number }) {
    const broker = await Aedes.createBroker();
    const server = net.createServer(broker.handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(args.port, '127.0.0.1', () => resolve());
    });
    stop = async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
    return { url: `mqtt://127.0.0.1:${args.port}` };
  },
  async stop() {
    await stop?.();
  },
};

export type BareBrokerApi = typeof handlers;

serve(handlers);

/**
 * Load process: the network-hop ingest ceiling's broker. A bare aedes 1.2.0 with no
 * authentication, no ACL and no persistence beyond its default in-memory one: what the platform's
 * embedded broker is without the platform around it. Its consumer is a subscriber in another
 * process (mqtt-counter.ts), one MQTT hop the platform's embedded ingest does not pay.
 */
import { listenBareAedes } from './bare-aedes';
import { serve } from './ipc';

let stop: (() => Promise<void>) | null = null;

const handlers = {
  async start(args: { port: number }) {
    const broker = await listenBareAedes(args.port);
    stop = () => broker.stop();
    return { url: broker.url };
  },
  async stop() {
    await stop?.();
  },
};

export type BareBrokerApi = typeof handlers;

serve(handlers);

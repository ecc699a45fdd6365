/**
 * Load process: the in-process ingest ceiling. A bare aedes 1.2.0 (no authentication, no ACL,
 * default in-memory persistence) that takes each client publish from the broker's `publish`
 * event in its own process, as the platform's embedded ingest does (gateway/embedded/mqtt-broker.ts
 * `onClientPublish`), and does nothing with it but count: no parsing, no rules, no InfluxDB. No
 * subscriber, so no second MQTT hop. The best any ingest inside the broker's process could do.
 */
import type { Client } from 'aedes';
import { listenBareAedes } from './bare-aedes';
import { ArrivalCounter } from './arrival-counter';
import { serve } from './ipc';

const PREFIX = 'fd/v1/';
const arrivals = new ArrivalCounter();
let stop: (() => Promise<void>) | null = null;

const handlers = {
  async start(args: { port: number }) {
    const broker = await listenBareAedes(args.port, (aedes) =>
      // client null: the broker's own messages ($SYS), never a device's (the platform skips them too)
      aedes.on('publish', (packet: { topic: string }, client: Client | null) => {
        if (client && packet.topic.startsWith(PREFIX)) arrivals.arrive();
      }),
    );
    stop = () => broker.stop();
    return { url: broker.url };
  },
  reset: () => arrivals.reset(),
  /** resolves when `count` client publishes have arrived since the last reset, with when (µs), or at the timeout */
  waitFor: (args: { count: number; timeoutMs: number }) => arrivals.waitFor(args),
  async stop() {
    await stop?.();
  },
};

export type BareBrokerInProcessApi = typeof handlers;

serve(handlers);

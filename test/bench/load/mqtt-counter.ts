/**
 * Load process: the network-hop ceiling's consumer. One mqtt.js subscriber to `fd/v1/#` at QoS 1
 * that only counts: the bare broker's publish → subscribe rate, what an ingest behind that broker
 * could do if it paid one more MQTT hop (the platform's embedded ingest does not: its in-process
 * ceiling is bare-broker-inprocess.ts).
 */
import mqtt, { type MqttClient } from 'mqtt';
import { ArrivalCounter } from './arrival-counter';
import { serve } from './ipc';

let client: MqttClient | null = null;
const arrivals = new ArrivalCounter();

const handlers = {
  async connect(args: { url: string }) {
    client = await mqtt.connectAsync(args.url, {
      clientId: `bench-counter-${process.pid}`,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 0,
    });
    client.on('message', () => arrivals.arrive());
    await client.subscribeAsync('fd/v1/#', { qos: 1 });
    return { subscribed: true };
  },
  reset: () => arrivals.reset(),
  /** resolves when `count` messages have arrived since the last reset, with when (µs), or at the timeout */
  waitFor: (args: { count: number; timeoutMs: number }) => arrivals.waitFor(args),
  async close() {
    await client?.endAsync(true);
  },
};

export type MqttCounterApi = typeof handlers;

serve(handlers);

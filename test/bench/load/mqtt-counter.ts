/**
 * Load process: the ingest ceiling's consumer. One mqtt.js subscriber to `fd/v1/#` at QoS 1,
 * as the platform's ingest used to be, that only counts: the raw broker's publish → subscribe
 * rate is the best any ingest behind that broker could do.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { nowUs, serve } from './ipc';

let client: MqttClient | null = null;
let count = 0;
/** when the latest message arrived: the moment the count was reached, when it is reached before anyone waits */
let lastUs = 0;
let target = Infinity;
let reached: ((us: number) => void) | null = null;

const handlers = {
  async connect(args: { url: string }) {
    client = await mqtt.connectAsync(args.url, {
      clientId: `bench-counter-${process.pid}`,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 0,
    });
    client.on('message', () => {
      count++;
      lastUs = nowUs();
      if (count >= target && reached) {
        reached(lastUs);
        reached = null;
      }
    });
    await client.subscribeAsync('fd/v1/#', { qos: 1 });
    return { subscribed: true };
  },
  reset() {
    count = 0;
    target = Infinity;
    return { count };
  },
  /** resolves when `count` messages have arrived since the last reset, with when (µs), or at the timeout */
  waitFor(args: { count: number; timeoutMs: number }) {
    return new Promise<{ count: number; reachedUs: number | null }>((resolve) => {
      if (count >= args.count) return resolve({ count, reachedUs: lastUs });
      target = args.count;
      const timer = setTimeout(() => {
        reached = null;
        resolve({ count, reachedUs: null });
      }, args.timeoutMs);
      reached = (us) => {
        clearTimeout(timer);
        resolve({ count, reachedUs: us });
      };
    });
  },
  async close() {
    await client?.endAsync(true);
  },
};

export type MqttCounterApi = typeof handlers;

serve(handlers);

/**
 * Load process: fault to desk. It is both the sensor and the desk, so that both ends of each
 * latency are read from one clock: it publishes `leak: 1` from one of its devices (a distinct
 * equipment each time, so every fault is a new episode) and waits for that equipment's
 * `alertRaised` on its graphql-ws subscription.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ALERT_RAISED, type AlertRaisedEvent } from './alert-raised';
import { DeviceFleet, type BenchDevice } from './device-fleet';
import { nowUs, serve, sleep } from './ipc';

let fleet: DeviceFleet | null = null;
let ws: Client | null = null;
/** equipment id → when its alertRaised arrived (µs) */
const arrivals = new Map<string, number>();
const waiters = new Map<string, () => void>();

function arrival(equipmentId: string, timeoutMs: number): Promise<number | null> {
  const seen = arrivals.get(equipmentId);
  if (seen !== undefined) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(equipmentId);
      resolve(null);
    }, timeoutMs);
    waiters.set(equipmentId, () => {
      clearTimeout(timer);
      resolve(arrivals.get(equipmentId) ?? null);
    });
  });
}

const handlers = {
  async connect(args: { mqttUrl: string; wsUrl: string; token: string; devices: BenchDevice[]; heartbeatMs: number }) {
    fleet = await DeviceFleet.connect(args.mqttUrl, args.devices);
    fleet.startHeartbeat(args.heartbeatMs);
    const client = createClient({
      url: args.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${args.token}` },
      lazy: false,
      retryAttempts: 0,
    });
    ws = client;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('graphql-ws: no connection_ack within 10 s')), 10_000);
      client.on('connected', () => {
        clearTimeout(timer);
        resolve();
      });
      client.on('closed', (event) => reject(new Error(`graphql-ws closed: ${JSON.stringify(event)}`)));
    });
    client.subscribe<AlertRaisedEvent>(
      { query: ALERT_RAISED },
      {
        next: ({ data }) => {
          const id = data?.alertRaised.equipment.id;
          if (!id || arrivals.has(id)) return;
          arrivals.set(id, nowUs());
          waiters.get(id)?.();
          waiters.delete(id);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    return { devices: fleet.size };
  },
  /**
   * Faults on devices [from, from + count), one after the other, `gapMs` apart. The first
   * fault's subscription might not be live yet: the bench runs a warm-up call first.
   */
  async run(args: { from: number; count: number; gapMs: number; timeoutMs: number }) {
    if (!fleet) throw new Error('connect first');
    const latenciesMs: number[] = [];
    let missed = 0;
    for (let i = args.from; i < args.from + args.count && i < fleet.size; i++) {
      const { publishedUs } = await fleet.publishOne(i, 'leak');
      const arrivedUs = await arrival(fleet.device(i).equipmentId, args.timeoutMs);
      if (arrivedUs === null) missed++;
      else latenciesMs.push((arrivedUs - publishedUs) / 1000);
      await sleep(args.gapMs);
    }
    return { latenciesMs, missed };
  },
  async close() {
    await ws?.dispose();
    await fleet?.close();
  },
};

export type FaultProbeApi = typeof handlers;

serve(handlers);

/**
 * Load process: many desks at once. It opens `count` graphql-ws connections (the graphql-ws
 * client library, one WebSocket each), subscribes each to `AlertRaised`, and notes when each
 * one receives the alert of the equipment the bench names.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ALERT_RAISED, type AlertRaisedEvent } from './alert-raised';
import { nowUs, serve, sleep } from './ipc';

const clients: Client[] = [];
let closed = 0;
let target: string | null = null;
/** arrival (µs) of the target's alert, per client that has it */
let receipts: number[] = [];
let gotTarget: Set<number> = new Set();

function open(index: number, url: string, token: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
    });
    const timer = setTimeout(() => reject(new Error('no connection_ack within 30 s')), 30_000);
    client.on('connected', () => {
      clearTimeout(timer);
      client.subscribe<AlertRaisedEvent>(
        { query: ALERT_RAISED },
        {
          next: ({ data }) => {
            if (target === null || data?.alertRaised.equipment.id !== target || gotTarget.has(index)) return;
            gotTarget.add(index);
            receipts.push(nowUs());
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
      resolve(client);
    });
    client.on('closed', () => {
      closed++;
      clearTimeout(timer);
      reject(new Error('closed before connection_ack'));
    });
  });
}

const handlers = {
  /** `concurrency` handshakes at a time: a burst of thousands would only measure the accept queue */
  async connect(args: { url: string; token: string; count: number; concurrency: number }) {
    const started = Date.now();
    for (let i = 0; i < args.count; i += args.concurrency) {
      const batch = Array.from({ length: Math.min(args.concurrency, args.count - i) }, (_, j) =>
        open(i + j, args.url, args.token),
      );
      clients.push(...(await Promise.all(batch)));
    }
    return { connected: clients.length, ms: Date.now() - started };
  },
  expect(args: { equipmentId: string }) {
    target = args.equipmentId;
    receipts = [];
    gotTarget = new Set();
    return { clients: clients.length };
  },
  /** waits until every client has the target's alert, or the timeout */
  async collect(args: { timeoutMs: number }) {
    const deadline = Date.now() + args.timeoutMs;
    while (receipts.length < clients.length && Date.now() < deadline) await sleep(20);
    return { receiptsUs: receipts, missing: clients.length - receipts.length, closed };
  },
  async close() {
    await Promise.all(clients.map((c) => c.dispose()));
  },
};

export type WsClientsApi = typeof handlers;

serve(handlers);

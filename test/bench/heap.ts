/**
 * The platform's JS heap after a full garbage collection, through the V8 inspector that Node
 * opens on SIGUSR1 (127.0.0.1:9229; it prints the URL on stderr). Without a collection, what a
 * connected client retains drowns in garbage left by earlier scenarios (RSS and heap-used
 * samples moved by tens of MB either way in trial runs); after one, the heap is what is live.
 * The session is closed after use; the inspector stays listening on loopback until the
 * platform exits. Null when it cannot open (e.g. port 9229 taken): the caller says so.
 */
import WebSocket from 'ws';
import { sleep } from './load/ipc';

export interface HeapProbe {
  /** two full collections, then the heap's used size in bytes */
  liveHeap(): Promise<number>;
  close(): void;
}

const LISTENING = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/;

export async function openHeapProbe(pid: number, output: () => string): Promise<HeapProbe | null> {
  let url = LISTENING.exec(output())?.[1];
  if (!url) {
    process.kill(pid, 'SIGUSR1');
    for (let i = 0; i < 50 && !url; i++) {
      await sleep(100);
      url = LISTENING.exec(output())?.[1];
    }
  }
  if (!url) return null;
  const ws = new WebSocket(url);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('inspector: no connection within 5 s')), 5000);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch {
    ws.terminate();
    return null;
  }
  let nextId = 1;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`inspector: ${method} did not answer in 30 s`)), 30_000);
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: unknown;
        };
        if (message.id !== id) return;
        clearTimeout(timer);
        ws.off('message', onMessage);
        if (message.error) reject(new Error(`inspector: ${method}: ${JSON.stringify(message.error)}`));
        else resolve(message.result ?? {});
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method }));
    });
  return {
    async liveHeap() {
      // twice: the first collection's finalizers and weak callbacks free more for the second
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      const usage = await call('Runtime.getHeapUsage');
      return Number(usage.usedSize);
    },
    close() {
      ws.close();
    },
  };
}

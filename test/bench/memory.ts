/**
 * The platform's memory, for fan-out's memory per idle client. RSS (from /proc) is what the
 * issue names, but in a garbage-collected process it moves by tens of MB with garbage left by
 * earlier scenarios, either way (trial runs gave -0.2 KB and +33.7 KB per client for the same
 * code). So each sample first asks V8 for a full collection (heap.ts) and reads the live heap;
 * RSS, heap used and external memory are the medians of 3 samples 1 s apart.
 */
import { openHeapProbe, type HeapProbe } from './heap';
import { sleep } from './load/ipc';
import { rssBytes } from './proc';
import type { RunningPlatform } from './services';
import { median } from './stats';

export interface Memory {
  rss: number;
  /** live heap after a full GC when `collected`, else V8's heap used (/metrics) */
  heap: number;
  external: number;
}

export interface MemoryProbe {
  /** whether each sample came after a full garbage collection */
  collected: boolean;
  sample(): Promise<Memory>;
  close(): void;
}

export async function openMemoryProbe(platform: RunningPlatform): Promise<MemoryProbe> {
  const heap: HeapProbe | null = await openHeapProbe(platform.pid, platform.output).catch(() => null);
  const metricsUrl = platform.graphqlUrl.replace(/\/graphql$/, '/metrics');
  return {
    collected: heap !== null,
    async sample() {
      await settledRss(platform.pid);
      const live = heap ? await heap.liveHeap() : NaN;
      const samples = await threeSamples(platform.pid, metricsUrl);
      return { ...samples, heap: heap ? live : samples.heap };
    },
    close() {
      heap?.close();
    },
  };
}

/** Waits (at most 10 s) until the platform's RSS has stayed within 1 % for 2 s: the last scenario's memory settled. */
async function settledRss(pid: number): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    samples.push(rssBytes(pid));
    const recent = samples.slice(-5);
    if (recent.length === 5 && Math.max(...recent) - Math.min(...recent) < 0.01 * Math.max(...recent)) return;
    await sleep(500);
  }
}

/** The medians of 3 samples 1 s apart: RSS from /proc, V8 heap used and external memory from /metrics. */
async function threeSamples(pid: number, metricsUrl: string): Promise<Memory> {
  const samples: Memory[] = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) await sleep(1000);
    const text = await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) })
      .then((r) => r.text())
      .catch(() => '');
    samples.push({
      rss: rssBytes(pid),
      heap: gauge(text, 'fd_nodejs_heap_size_used_bytes'),
      external: gauge(text, 'fd_nodejs_external_memory_bytes'),
    });
  }
  return {
    rss: median(samples.map((s) => s.rss)),
    heap: median(samples.map((s) => s.heap)),
    external: median(samples.map((s) => s.external)),
  };
}

/** a gauge without labels from Prometheus text; NaN when absent */
function gauge(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

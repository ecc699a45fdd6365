/**
 * Load process: HTTP requests at a fixed rate, paced (open loop, like wrk2): request i is due at
 * start + i / rate, whether or not earlier ones have been answered, on a pool of keep-alive
 * connections that grows when the server falls behind. Its latency is counted from when it was
 * due, so a stall also counts for the requests it delayed (no coordinated omission).
 *
 * Not autocannon's `overallRate`: autocannon lets each connection send its quota for the second
 * back to back and then pause until the next second, so "300 req/s on 10 connections" is 10
 * concurrent requests for a fraction of each second: its latencies are those of bursts.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { HttpLoadResult } from './http-load';
import { serve } from './ipc';
import { summarize } from '../stats';

export interface PacedOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  ratePerS: number;
  durationS: number;
  /** connections at most (a server that stalls gets this many requests in flight) */
  maxSockets: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

function run(options: PacedOptions): Promise<HttpLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const body = Buffer.from(options.body);
  const headers = { 'content-type': 'application/json', 'content-length': String(body.length), ...options.headers };
  const total = Math.round(options.ratePerS * options.durationS);
  const intervalMs = 1000 / options.ratePerS;
  const latencies: number[] = [];
  const result = { ok: 0, non2xx: 0, errors: 0, timeouts: 0 };
  const startMs = performance.now() + 20;
  let issued = 0;
  let settled = 0;
  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      const durationS = (performance.now() - startMs) / 1000;
      resolve({
        requests: total,
        durationS,
        reqPerS: result.ok / options.durationS,
        ...result,
        latencyMs: summarize(latencies),
      });
    };
    const done = () => {
      if (++settled === total) finish();
    };
    const send = (dueMs: number) => {
      const request = http.request(options.url, { method: 'POST', agent, headers }, (response) => {
        response.resume();
        response.on('end', () => {
          const ok = response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300;
          if (ok) {
            result.ok++;
            latencies.push(performance.now() - dueMs);
          } else result.non2xx++;
          done();
        });
      });
      let timedOut = false;
      request.setTimeout(REQUEST_TIMEOUT_MS, () => {
        timedOut = true;
        result.timeouts++;
        request.destroy();
      });
      request.on('error', () => {
        if (!timedOut) result.errors++;
        done();
      });
      request.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (issued < total && startMs + issued * intervalMs <= now) send(startMs + issued++ * intervalMs);
      if (issued < total) setTimeout(tick, Math.max(0, startMs + issued * intervalMs - performance.now()));
    };
    setTimeout(tick, 20);
  });
}

const handlers = { run };

export type PacedHttpApi = typeof handlers;

serve(handlers);

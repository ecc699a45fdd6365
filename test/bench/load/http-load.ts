/**
 * Load process: HTTP load with autocannon, away from the platform's event loop. Latency
 * percentiles are computed here from every response time autocannon reports (floats in ms),
 * rather than from its histogram, which keeps whole milliseconds only.
 */
import autocannon from 'autocannon';
import { serve } from './ipc';
import { summarize } from '../stats';

export interface HttpLoadOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  /** fixed request rate over all connections; absent: as fast as they go */
  overallRate?: number;
}

export interface HttpLoadResult {
  requests: number;
  durationS: number;
  reqPerS: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: ReturnType<typeof summarize>;
}

const handlers = {
  run(options: HttpLoadOptions) {
    return new Promise<HttpLoadResult>((resolve, reject) => {
      const latencies: number[] = [];
      const instance = autocannon(
        {
          url: options.url,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: options.body,
          connections: options.connections,
          duration: options.durationS,
          timeout: 10,
          ...(options.overallRate ? { overallRate: options.overallRate } : {}),
        },
        (error, result) => {
          if (error) return reject(error);
          resolve({
            requests: result.requests.total,
            durationS: result.duration,
            reqPerS: result.requests.total / result.duration,
            ok: result['2xx'],
            non2xx: result.non2xx,
            errors: result.errors,
            timeouts: result.timeouts,
            latencyMs: summarize(latencies),
          });
        },
      );
      instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
        if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
      });
    });
  },
};

export type HttpLoadApi = typeof handlers;

serve(handlers);

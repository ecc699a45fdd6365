import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The platform's Prometheus registry (README "Endpoints", `/metrics`), with process metrics. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fd_' });
  return registry;
}

/** GraphQL latency per operation type, and errors by code, as an Apollo plugin. */
export function graphqlMetricsPlugin(registry: Registry): ApolloServerPlugin {
  const latency = new Histogram({
    name: 'fd_graphql_request_duration_seconds',
    help: 'GraphQL request latency over HTTP',
    labelNames: ['operation_type'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'fd_graphql_errors_total',
    help: 'GraphQL errors returned, by code',
    labelNames: ['code'],
    registers: [registry],
  });
  return {
    async requestDidStart() {
      const stop = latency.startTimer();
      return {
        async willSendResponse({ operation, response }) {
          stop({ operation_type: operation?.operation ?? 'unknown' });
          const formatted = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          for (const error of formatted ?? []) errors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
        },
      };
    },
  };
}

/** Events published to subscribers, by topic: alerts raised, alerts changed, work orders opened. */
export function publishedEventsCounter(registry: Registry): (topic: string) => void {
  const published = new Counter({
    name: 'fd_events_published_total',
    help: 'Events published to GraphQL subscriptions, by topic (ALERT_RAISED counts alerts raised)',
    labelNames: ['topic'],
    registers: [registry],
  });
  const raised = new Counter({
    name: 'fd_alerts_raised_total',
    help: 'New alert episodes (each opened a work order)',
    registers: [registry],
  });
  return (topic) => {
    published.inc({ topic });
    if (topic === 'ALERT_RAISED') raised.inc();
  };
}

/** A gauge whose value is read at scrape time (connected clients, queue lengths). */
export function readGauge(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/**
 * A counter read at scrape time from totals kept elsewhere (monotonic there), one series per
 * label value: the service keeps one set of numbers and needs no prom-client hooks.
 */
export function readCounter(
  registry: Registry,
  name: string,
  help: string,
  label: string,
  read: () => Record<string, number>,
): void {
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset();
      for (const [value, total] of Object.entries(read())) this.inc({ [label]: value }, total);
    },
  });
}

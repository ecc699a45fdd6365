import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createPubSub } from '@graphql-yoga/subscription';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { InfluxDB } from 'influx';
import type { Registry } from 'prom-client';
import { influxPing } from '../devices/telemetry/influx-connection';
import type { Log } from '../devices/log';
import { buildFacilityDeskSchema } from '../schema/build-schema';
import { instanceConnectionName } from '../schema/monitoring/outbox/outbox-notification';
import type { OutboxRelayOptions } from '../schema/monitoring/outbox/outbox.relay';
import type { Config } from './config';
import { buildServices, type Services } from './container';
import { databaseIsShared, provideDatabase } from './database';
import { AccountListener } from './events/account-listener';
import { OutboxListener, type OutboxListenerOptions } from './events/outbox-listener';
import { startHttpServer } from './http/server';
import { provideInflux } from './influx';
import { startMonitoring, type Monitoring } from './monitoring';
import { createMetricsRegistry, publishedEventsCounter, readCounter, readGauge } from './metrics';
import { provideMqtt, type MqttAccess } from './mqtt-access';
import { ShutdownSequence } from './shutdown';

export interface Platform {
  url: string;
  graphqlUrl: string;
  deskUrl: string;
  mqttUrl: string;
  influxUrl: string;
  /** API requests' ORM (statement_timeout); the alert path has its own unless the database has one connection */
  orm: MikroORM;
  /** the alert path's ORM: fault events, the outbox relay, device credentials (gateway/database.ts) */
  backgroundOrm: MikroORM;
  influx: InfluxDB;
  services: Services;
  monitoring: Monitoring;
  metrics: Registry;
  /** null with one instance only (embedded PGlite): events stay in this process */
  outboxListener: OutboxListener | null;
  /** null with one instance only: account changes stay in this process */
  accountListener: AccountListener | null;
  stop(): Promise<void>;
}

/** Timings a test may shorten (sweep grace, reconnect backoff); production uses the defaults. */
export interface PlatformOverrides {
  outbox?: Partial<Omit<OutboxRelayOptions, 'sender' | 'broadcast'>>;
  outboxListener?: Partial<Omit<OutboxListenerOptions, 'url' | 'connectionName'>>;
  /** the clock of SLA deadlines, `overdue` and escalation (tests move it) */
  now?: () => Date;
}

/**
 * Boots in order — config → database → InfluxDB → broker → PubSub →
 * schema → HTTP/WS → ingest — and stops in reverse. A step that fails stops what started.
 */
export async function startPlatform(config: Config, log: Log, overrides: PlatformOverrides = {}): Promise<Platform> {
  // Each step bounded (gateway/shutdown.ts); typical stops take ~0.5 s. Monitoring, first, has the
  // most room: it flushes acknowledged telemetry (to InfluxDB or the disk spool) and the alert queue.
  // Should every step hit its bound, main.ts's forced exit (9.5 s) cuts the last ones (database
  // and influxd), which the kernel's parent-death signal and PostgreSQL's own durability cover.
  const stops = new ShutdownSequence(log);
  const stopAll = () => stops.run();
  try {
    // this instance's name on its PostgreSQL connections; it signs its outbox notifications
    const connectionName = instanceConnectionName(randomUUID());
    const shared = databaseIsShared(config);
    const database = await provideDatabase(config, log, connectionName);
    stops.push('database', () => database.stop(), 1500);
    const { orm, backgroundOrm } = database;

    const influxdb = await provideInflux(config, log);
    stops.push('influxdb', () => influxdb.stop(), 1500);

    // every subscriber is a listener of one event target: thousands of desk clients are normal
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    const pubSub = createPubSub<Record<string, [unknown]>>({ eventTarget: eventTarget as never });
    const metrics = createMetricsRegistry();
    // account changes of other instances: with one instance there are none
    let accountListener: AccountListener | null = null;
    const services = buildServices({
      orm,
      backgroundOrm,
      alertPathFirst: database.alertPathFirst,
      influx: influxdb.influx,
      pubSub,
      jwtSecret: config.jwtSecret,
      log,
      onPublished: publishedEventsCounter(metrics),
      outbox: { ...overrides.outbox, sender: connectionName, broadcast: shared },
      accountChangesLive: () => !shared || (accountListener?.connected() ?? false),
      escalationIntervalMs: config.slaEscalationIntervalS * 1000,
      evidenceStableMinutes: config.incidentEvidenceStableMin,
      incidentActivationIntervalMs: config.incidentActivationIntervalS * 1000,
      now: overrides.now,
      callbackTiming: {
        delayDays: config.callbackDelayDays,
        hour: config.callbackHour,
        retryHours: config.callbackRetryH,
      },
      callbackSample: { perSite: config.callbackSamplePerSite, intervalMs: config.callbackSampleIntervalS * 1000 },
    });
    if (shared) {
      const listener = new AccountListener(services.sessions, log, { url: database.url, connectionName });
      await listener.start();
      accountListener = listener;
      stops.push('account listener', () => listener.stop(), 500);
    }
    await services.registry.reload();

    const mqtt: MqttAccess = await provideMqtt(config, services.registry, log);
    stops.push('mqtt', () => mqtt.stop(), 1000);

    // the relay's timers inherit the alert path's place ahead of API requests
    database.alertPathFirst(() => services.relay.start());
    stops.push('outbox relay', () => services.relay.stop(), 500);
    // SLA escalation: safe with several instances (schema/desk/work-orders/escalation.job.ts); stops before the relay
    database.alertPathFirst(() => services.escalation.start());
    stops.push('sla escalation', () => services.escalation.stop(), 500);
    // the monthly callback sample: its month's row is the claim (schema/callbacks/periodic-callback.job.ts)
    database.alertPathFirst(() => services.periodicCallbacks.start());
    stops.push('callback sample', () => services.periodicCallbacks.stop(), 500);
    // planned incidents start on time: each claimed once (schema/incidents/incident-activation.ts)
    database.alertPathFirst(() => services.incidentActivationJob.start());
    stops.push('incident activation', () => services.incidentActivationJob.stop(), 500);
    // Other instances' events arrive by LISTEN/NOTIFY; with one instance they never happen.
    const outboxListener = shared
      ? new OutboxListener(services.relay, log, { ...overrides.outboxListener, url: database.url, connectionName })
      : null;
    if (outboxListener) {
      await outboxListener.start();
      stops.push('outbox listener', () => outboxListener.stop(), 500);
    }

    const schema = await buildFacilityDeskSchema({ container: services.container, pubSub });
    let monitoring: Monitoring | null = null;
    const http = await startHttpServer({
      host: config.host,
      port: config.port,
      production: config.production,
      development: config.development,
      concurrency: { perCaller: config.apiConcurrencyPerCaller, total: config.apiConcurrencyTotal },
      schema,
      orm,
      tokens: services.sessions,
      metrics,
      announcements: services.announcementFeed,
      log,
      plugins: [services.overview.plugin()],
      readiness: {
        postgres: async () => (await orm.isConnected()) && (await backgroundOrm.isConnected()),
        influxdb: () => influxPing(influxdb.influx),
        mqtt: async () => monitoring?.connected() ?? false,
        // other instances' events reach this one's desks only while it listens
        ...(outboxListener ? { events: async () => outboxListener.connected() } : {}),
      },
    });
    stops.push('http', () => http.stop(), 1500);
    readGauge(metrics, 'fd_ws_clients', 'Connected graphql-ws clients (monitoring desks, integrators)', http.wsClients);
    readCounter(
      metrics,
      'fd_login_refused_total',
      'Sign-ins refused with TOO_MANY_REQUESTS before any hashing: throttled (10 failures in 15 min) or busy (hash queue full)',
      'reason',
      () => ({ throttled: services.auth.refusedByThrottle, busy: services.hashingSlots.refused }),
    );

    monitoring = await startMonitoring({
      config,
      orm: backgroundOrm,
      influx: influxdb.influx,
      services,
      mqtt,
      metrics,
      log,
    });
    stops.push('monitoring', () => monitoring!.stop(), 4000);

    return {
      url: http.url,
      graphqlUrl: `${http.url}/graphql`,
      deskUrl: `${http.url}/desk/`,
      mqttUrl: mqtt.publicUrl,
      influxUrl: influxdb.url,
      orm,
      backgroundOrm,
      influx: influxdb.influx,
      services,
      monitoring,
      metrics,
      outboxListener,
      accountListener,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

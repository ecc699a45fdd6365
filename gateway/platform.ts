import { setMaxListeners } from 'node:events';
import { createPubSub } from '@graphql-yoga/subscription';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { InfluxDB } from 'influx';
import type { Registry } from 'prom-client';
import { influxPing } from '../devices/telemetry/influx-connection';
import type { Log } from '../devices/ingest/log';
import { buildFacilityDeskSchema } from '../schema/build-schema';
import type { Config } from './config';
import { buildServices, type Services } from './container';
import { provideDatabase } from './database';
import { startHttpServer } from './http/server';
import { provideInflux } from './influx';
import { startMonitoring, type Monitoring } from './monitoring';
import { createMetricsRegistry, publishedEventsCounter, readGauge } from './metrics';
import { provideMqtt, type MqttAccess } from './mqtt-access';
import { ShutdownSequence } from './shutdown';

export interface Platform {
  url: string;
  graphqlUrl: string;
  deskUrl: string;
  mqttUrl: string;
  influxUrl: string;
  orm: MikroORM;
  influx: InfluxDB;
  services: Services;
  monitoring: Monitoring;
  metrics: Registry;
  stop(): Promise<void>;
}

/**
 * Boots in the order of ARCHITECTURE.md — config → database → InfluxDB → broker → PubSub →
 * schema → HTTP/WS → ingest — and stops in reverse. A step that fails stops what started.
 */
export async function startPlatform(config: Config, log: Log): Promise<Platform> {
  // each step bounded (gateway/shutdown.ts); the bounds add up to 9 s, under main.ts's forced exit
  const stops = new ShutdownSequence(log);
  const stopAll = () => stops.run();
  try {
    const database = await provideDatabase(config, log);
    stops.push('database', () => database.stop(), 2000);
    const { orm } = database;

    const influxdb = await provideInflux(config, log);
    stops.push('influxdb', () => influxdb.stop(), 2000);

    // every subscriber is a listener of one event target: thousands of desk clients are normal
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    const pubSub = createPubSub<Record<string, [unknown]>>({ eventTarget: eventTarget as never });
    const metrics = createMetricsRegistry();
    const services = buildServices({
      orm,
      influx: influxdb.influx,
      pubSub,
      jwtSecret: config.jwtSecret,
      log,
      onPublished: publishedEventsCounter(metrics),
    });
    await services.registry.reload();

    const mqtt: MqttAccess = await provideMqtt(config, services.registry, log);
    stops.push('mqtt', () => mqtt.stop(), 1000);

    const schema = await buildFacilityDeskSchema({ container: services.container, pubSub });
    let monitoring: Monitoring | null = null;
    const http = await startHttpServer({
      host: config.host,
      port: config.port,
      production: config.production,
      schema,
      orm,
      tokens: services.tokens,
      metrics,
      log,
      plugins: [services.overview.plugin()],
      readiness: {
        postgres: () => orm.isConnected(),
        influxdb: () => influxPing(influxdb.influx),
        mqtt: async () => monitoring?.connected() ?? false,
      },
    });
    stops.push('http', () => http.stop(), 2000);
    readGauge(metrics, 'fd_ws_clients', 'Connected graphql-ws clients (monitoring desks, integrators)', http.wsClients);

    services.relay.start();
    stops.push('outbox relay', () => services.relay.stop(), 500);

    monitoring = await startMonitoring({ config, orm, influx: influxdb.influx, services, mqtt, metrics, log });
    stops.push('monitoring', () => monitoring!.stop(), 1500);

    return {
      url: http.url,
      graphqlUrl: `${http.url}/graphql`,
      deskUrl: `${http.url}/desk/`,
      mqttUrl: mqtt.publicUrl,
      influxUrl: influxdb.url,
      orm,
      influx: influxdb.influx,
      services,
      monitoring,
      metrics,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

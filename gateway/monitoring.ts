import type { MikroORM } from '@mikro-orm/postgresql';
import type { InfluxDB } from 'influx';
import type { Registry } from 'prom-client';
import { TOPIC_ROOT } from '../devices/contract/topic';
import { FaultDetector } from '../devices/faults/fault-detector';
import { DEFAULT_DEVICE_OFFLINE } from '../devices/faults/default-rules';
import { registerDetectorMetrics } from '../devices/faults/detector-metrics';
import { DeviceRateLimit } from '../devices/ingest/device-rate-limit';
import { Ingest } from '../devices/ingest/ingest';
import { createIngestMetrics } from '../devices/ingest/ingest-metrics';
import type { Log } from '../devices/log';
import { startMqttListener } from '../devices/ingest/mqtt-listener';
import { startSimulator } from '../devices/simulator/building-simulator';
import { TelemetryStore } from '../devices/telemetry/telemetry-store';
import { DEMO_EQUIPMENT } from '../migrations/seed/demo-estate';
import { FaultRule } from '../schema/monitoring/fault-rules/fault-rule.entity';
import { AlertSink } from './alert-sink';
import { readGauge } from './metrics';
import type { Config } from './config';
import type { Services } from './container';
import { demoDevicePassword } from './database';
import type { MqttAccess } from './mqtt-access';

export interface Monitoring {
  connected(): boolean;
  detector: FaultDetector;
  store: TelemetryStore;
  sink: AlertSink;
  /** reload the fault rules from PostgreSQL (after an edit) */
  reloadRules(): Promise<void>;
  stop(): Promise<void>;
}

/** silence and the offline on-delay are checked this often: DEVICE_OFFLINE is at most this late */
const SILENCE_CHECK_MS = 1000;

/**
 * The monitoring flow (ARCHITECTURE "The one flow that matters most"): the broker's
 * messages → ingest (parse, validate) → InfluxDB and the fault detector → the alert sink →
 * AlertService. Rules are evaluated in memory; only transitions reach PostgreSQL.
 */
export async function startMonitoring(deps: {
  config: Config;
  orm: MikroORM;
  influx: InfluxDB;
  services: Services;
  mqtt: MqttAccess;
  metrics: Registry;
  log: Log;
}): Promise<Monitoring> {
  const { config, orm, services, mqtt, log } = deps;
  const loadRules = async () => (await orm.em.fork().find(FaultRule, {})).map((rule) => rule.toSpec());
  const detector = new FaultDetector(await loadRules(), {
    ...DEFAULT_DEVICE_OFFLINE,
    statusOnDelayMs: config.deviceOfflineDelayS * 1000,
  });
  registerDetectorMetrics(deps.metrics, detector);
  detector.restore(await services.alerts.activeFaults());
  const now = Date.now();
  for (const device of services.registry.all()) detector.watch(device, now);

  const store = new TelemetryStore(deps.influx, {
    log,
    spoolMaxPoints: config.telemetrySpoolMemoryPoints,
    diskSpool: {
      dir: config.telemetrySpoolDir,
      maxBytes: config.telemetrySpoolMaxBytes,
      inUseHint: `another FacilityDesk process uses DATA_DIR=${config.dataDir}; give each instance its own DATA_DIR`,
    },
  });
  const sink = new AlertSink(services.applyFaults, log, deps.metrics);
  readGauge(deps.metrics, 'fd_alert_queue_events', 'Fault events waiting to be applied to PostgreSQL', () =>
    sink.size(),
  );
  const ingest = new Ingest({
    directory: services.registry,
    store,
    detector,
    sink: (events) => sink.push(events),
    metrics: createIngestMetrics(deps.metrics, store),
    rateLimit: new DeviceRateLimit({ messagesPerS: config.deviceMessagesPerS, burst: config.deviceMessageBurst }),
    log,
  });
  const listener = await listen(
    mqtt,
    config.ingestClientId,
    (topic, payload) => ingest.handle(topic, payload),
    log,
  ).catch(async (error: unknown) => {
    await store.stop(); // releases the spool directory
    throw error;
  });
  const tick = setInterval(() => ingest.tick(Date.now()), SILENCE_CHECK_MS);
  tick.unref();

  const simulator = config.simulator
    ? await startSimulator({
        url: mqtt.publicUrl,
        devices: DEMO_EQUIPMENT.flatMap((item) => {
          const device = services.registry.get(item.deviceId);
          return device
            ? [
                {
                  deviceId: item.deviceId,
                  password: demoDevicePassword(config, item.deviceId),
                  address: device,
                  intervalS: device.intervalS,
                  ratedCurrentA: device.ratedCurrentA,
                },
              ]
            : [];
        }),
        log,
      })
    : null;

  return {
    connected: () => listener.connected(),
    detector,
    store,
    sink,
    async reloadRules() {
      detector.setRules(await loadRules());
    },
    /**
     * An acknowledged message is always stored: the embedded broker stops acknowledging first and
     * hands over what it already acknowledged; then ingest lets go of its feed (with an external
     * broker our client PUBACKs only after `onMessage` returned, i.e. after `store.write`, see
     * devices/ingest/mqtt-listener.ts); then the store writes or spools to disk what it was given.
     */
    async stop() {
      await simulator?.stop();
      clearInterval(tick);
      await mqtt.refuseClients?.();
      await listener.close();
      await store.stop();
      await sink.stop(1000);
    },
  };
}

/**
 * Ingest's feed: in-process from the embedded broker (no second MQTT hop), or a durable
 * QoS 1 MQTT session with an external broker (mosquitto, EMQX).
 */
async function listen(
  mqtt: MqttAccess,
  clientId: string,
  onMessage: (topic: string, payload: Buffer) => void,
  log: Log,
): Promise<{ connected(): boolean; close(): Promise<void> }> {
  if (mqtt.onClientPublish) {
    const off = mqtt.onClientPublish(`${TOPIC_ROOT}/`, onMessage);
    let open = true;
    return {
      connected: () => open,
      close: async () => {
        off();
        open = false;
      },
    };
  }
  return startMqttListener({
    url: mqtt.url,
    username: mqtt.username,
    password: mqtt.password,
    clientId,
    onMessage,
    log,
  });
}

import { connect, type MqttClient } from 'mqtt';
import { topicFor } from '../contract/topic';
import type { DeviceAddress } from '../contract/types';
import type { Log } from '../log';
import { type DeviceSim, newDeviceSim, startScenario, stepDevice } from './device-step';
import { type FaultScenario, scenarioDurationS } from './fault-scenarios';
import type { Random, Values } from './reading-models';

export interface SimulatedDeviceConfig {
  deviceId: string;
  password: string;
  address: DeviceAddress;
  intervalS: number;
  ratedCurrentA: number | null;
}

interface Deps {
  url: string;
  log: Log;
  random: Random;
  now: () => number;
}

/** Readings kept while the broker is away, sent as one array on reconnect (devices/CONTRACT.md: a buffered device). */
const BUFFER_MAX_READINGS = 60;
const STOP_TIMEOUT_MS = 3000;

/**
 * One field device, as the contract expects it (devices/CONTRACT.md "Topics"): its own MQTT identity
 * (username = client id = device id), a retained Last Will `offline` on its status topic, a
 * retained `online` on every connect, telemetry `{ts, seq, values}` at QoS 1 every interval.
 */
export class SimulatedDevice {
  readonly config: SimulatedDeviceConfig;
  private readonly deps: Deps;
  private readonly statusTopic: string;
  private readonly telemetryTopic: string;
  private readonly eventTopic: string;
  private client: MqttClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sim: DeviceSim;
  private seq = 0;
  private buffer: Array<{ ts: number; seq: number; values: Values }> = [];
  private troubled = false;

  constructor(config: SimulatedDeviceConfig, deps: Deps) {
    this.config = config;
    this.deps = deps;
    this.statusTopic = topicFor(config.address, 'status');
    this.telemetryTopic = topicFor(config.address, 'telemetry');
    this.eventTopic = topicFor(config.address, 'event');
    this.sim = newDeviceSim(
      { system: config.address.system, intervalS: config.intervalS, ratedCurrentA: config.ratedCurrentA },
      deps.random,
    );
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  get busy(): boolean {
    return this.sim.active !== null;
  }

  /** Connects and starts publishing; resolves true once connected, false after `waitMs` (it keeps trying). */
  start(waitMs: number): Promise<boolean> {
    const { deviceId, password } = this.config;
    const client = connect(this.deps.url, {
      clientId: deviceId,
      username: deviceId,
      password,
      clean: true,
      reconnectPeriod: 5000,
      connectTimeout: 10_000,
      // A device provisioned a moment later (or a broker reloading its password file) gets in on a retry.
      reconnectOnConnackError: true,
      will: { topic: this.statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    this.client = client;
    client.on('connect', () => this.onConnect());
    client.on('error', (error) => {
      if (!this.troubled) this.deps.log.warn('simulated device cannot connect', { deviceId, error: error.message });
      this.troubled = true;
    });
    // Spread the devices over the interval instead of publishing all at once.
    this.schedule(this.deps.random() * this.config.intervalS * 1000);
    return new Promise((resolve) => {
      if (client.connected) return resolve(true);
      const timer = setTimeout(() => resolve(false), waitMs);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Starts a fault scenario now; returns how long it lasts. */
  play(scenario: FaultScenario): number {
    this.sim = startScenario(this.sim, scenario, this.deps.now());
    if (scenario.deviceEvent)
      this.publish(this.eventTopic, JSON.stringify({ ts: this.deps.now(), ...scenario.deviceEvent }));
    return scenarioDurationS(scenario, this.config.intervalS);
  }

  /** A clean DISCONNECT does not fire the Will, so `offline` is published explicitly first. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    if (!client) return;
    if (client.connected) {
      await withTimeout(
        client.publishAsync(this.statusTopic, 'offline', { qos: 1, retain: true }),
        STOP_TIMEOUT_MS,
      ).catch(() => undefined);
      await withTimeout(client.endAsync(), STOP_TIMEOUT_MS).catch(() => client.endAsync(true));
    } else {
      await client.endAsync(true);
    }
  }

  private onConnect(): void {
    if (this.troubled) this.deps.log.info('simulated device connected', { deviceId: this.config.deviceId });
    this.troubled = false;
    this.publish(this.statusTopic, 'online', true);
    if (this.buffer.length > 0) {
      this.publish(this.telemetryTopic, JSON.stringify(this.buffer));
      this.buffer = [];
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.tick();
      this.schedule(this.config.intervalS * 1000);
    }, delayMs);
    this.timer.unref();
  }

  private tick(): void {
    const now = this.deps.now();
    const step = stepDevice(this.sim, now, this.deps.random);
    this.sim = step.sim;
    if (step.ended)
      this.deps.log.info('simulated fault over', { deviceId: this.config.deviceId, faultCode: step.ended.faultCode });
    if (!step.values) return;
    this.seq += 1;
    const reading = { ts: now, seq: this.seq, values: step.values };
    if (this.connected) {
      this.publish(this.telemetryTopic, JSON.stringify(reading));
    } else {
      this.buffer.push(reading);
      if (this.buffer.length > BUFFER_MAX_READINGS) this.buffer.shift();
    }
  }

  private publish(topic: string, payload: string, retain = false): void {
    this.client?.publish(topic, payload, { qos: 1, retain }, (error) => {
      if (error && !this.troubled)
        this.deps.log.warn('simulated device publish failed', { deviceId: this.config.deviceId, error: error.message });
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

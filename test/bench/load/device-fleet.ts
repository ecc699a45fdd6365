/**
 * A set of simulated water devices, one MQTT connection each (username = client id = device
 * id, MQTT 3.1.1 like most field devices, QoS 1). It floods (as fast as windows of in-flight
 * publishes allow, or at a fixed rate), publishes single readings, and while idle sends a
 * heartbeat reading so that the platform never raises DEVICE_OFFLINE for a bench device
 * (devices/CONTRACT.md: no telemetry for 3 × the device's interval) in the middle of another scenario.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { nowUs } from './ipc';
import { leakReading, normalReading } from './payloads';

export interface BenchDevice {
  id: string;
  password: string;
  telemetryTopic: string;
  equipmentId: string;
}

interface Member {
  device: BenchDevice;
  client: MqttClient;
  /** the last reading time used: every message of a device gets a later one (a repeated ts overwrites a point) */
  lastTs: number;
  seq: number;
  inflight: number;
}

export interface FloodOptions {
  durationMs: number;
  /** in-flight QoS 1 publishes per connection (50, as the broker ceilings in BENCHMARKS.md) */
  window: number;
  /** null: as fast as the windows allow */
  ratePerS: number | null;
}

export interface FloodResult {
  sent: number;
  acked: number;
  failed: number;
  /** every reading of the flood has startTs <= ts <= endTs (epoch ms), and no other reading of these devices does */
  startTs: number;
  endTs: number;
  firstPublishUs: number;
  lastAckUs: number;
  /** fixed rate only: publishes due that no window had room for */
  behind: number;
  /** how long it published (its duration, or less when stopped early) */
  publishMs: number;
}

const CONNECT_CONCURRENCY = 10;
/** a flood waits this long past its duration for the last PUBACKs before it gives up on them */
const ACK_GRACE_MS = 30_000;

export class DeviceFleet {
  private heartbeat: NodeJS.Timeout | null = null;
  private flooding = false;
  private endFlood: (() => void) | null = null;
  heartbeatErrors = 0;

  private constructor(private readonly members: Member[]) {}

  static async connect(url: string, devices: BenchDevice[]): Promise<DeviceFleet> {
    const members: Member[] = [];
    for (let i = 0; i < devices.length; i += CONNECT_CONCURRENCY) {
      const batch = devices.slice(i, i + CONNECT_CONCURRENCY);
      const clients = await Promise.all(
        batch.map((device) =>
          mqtt.connectAsync(url, {
            clientId: device.id,
            username: device.id,
            password: device.password,
            protocolVersion: 4,
            clean: true,
            reconnectPeriod: 0,
            connectTimeout: 10_000,
          }),
        ),
      );
      batch.forEach((device, j) => members.push({ device, client: clients[j], lastTs: 0, seq: 0, inflight: 0 }));
    }
    return new DeviceFleet(members);
  }

  get size(): number {
    return this.members.length;
  }

  device(index: number): BenchDevice {
    return this.members[index].device;
  }

  /** A normal reading from every idle device this often (the platform's default interval is 10 s). */
  startHeartbeat(everyMs: number): void {
    this.heartbeat ??= setInterval(() => {
      if (this.flooding) return;
      for (const m of this.members) {
        m.client.publish(m.device.telemetryTopic, normalReading(this.nextTs(m), m.seq++), { qos: 1 }, (error) => {
          if (error) this.heartbeatErrors++;
        });
      }
    }, everyMs);
  }

  /** One reading; resolves with when it was handed to the socket and when the broker acked it (µs). */
  async publishOne(index: number, kind: 'leak' | 'normal'): Promise<{ publishedUs: number; ackedUs: number }> {
    const m = this.members[index];
    const ts = this.nextTs(m);
    const payload = kind === 'leak' ? leakReading(ts, m.seq++) : normalReading(ts, m.seq++);
    const publishedUs = nowUs();
    await new Promise<void>((resolve, reject) =>
      m.client.publish(m.device.telemetryTopic, payload, { qos: 1 }, (error) => (error ? reject(error) : resolve())),
    );
    return { publishedUs, ackedUs: nowUs() };
  }

  flood(options: FloodOptions): Promise<FloodResult> {
    if (this.flooding) throw new Error('a flood is already running');
    this.flooding = true;
    // One time base for the whole flood, after every reading these devices ever sent: the
    // points of this flood are then exactly those of these devices in [startTs, endTs].
    const startTs = Math.max(Date.now(), ...this.members.map((m) => m.lastTs + 1));
    for (const m of this.members) m.lastTs = startTs - 1;
    const result: FloodResult = {
      sent: 0,
      acked: 0,
      failed: 0,
      startTs,
      endTs: startTs,
      firstPublishUs: nowUs(),
      lastAckUs: 0,
      behind: 0,
      publishMs: 0,
    };
    return new Promise<FloodResult>((resolve) => {
      let running = true;
      let done = false;
      let rr = 0;
      const startedMs = Date.now();
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(stopTimer);
        clearTimeout(graceTimer);
        clearInterval(ticker);
        this.flooding = false;
        result.failed += this.members.reduce((sum, m) => sum + m.inflight, 0);
        for (const m of this.members) m.inflight = 0;
        result.endTs = Math.max(...this.members.map((m) => m.lastTs));
        resolve(result);
      };
      const settled = () => !running && this.members.every((m) => m.inflight === 0);
      const send = (m: Member) => {
        m.inflight++;
        result.sent++;
        m.client.publish(m.device.telemetryTopic, normalReading(this.nextTs(m), m.seq++), { qos: 1 }, (error) => {
          if (done) return; // given up on at the grace timeout: already counted as failed
          m.inflight--;
          if (error) result.failed++;
          else {
            result.acked++;
            result.lastAckUs = nowUs();
          }
          if (options.ratePerS === null) fill(m);
          if (settled()) finish();
        });
      };
      const fill = (m: Member) => {
        while (running && m.inflight < options.window) send(m);
      };
      // Fixed rate: every 5 ms, what is due so far, round-robin over connections with room.
      const tick = () => {
        if (!running || options.ratePerS === null) return;
        const due = Math.floor((options.ratePerS * (Date.now() - startedMs)) / 1000) - result.sent - result.behind;
        for (let i = 0; i < due; i++) {
          let sent = false;
          for (let tries = 0; tries < this.members.length && !sent; tries++) {
            const m = this.members[rr++ % this.members.length];
            if (m.inflight < options.window) {
              send(m);
              sent = true;
            }
          }
          if (!sent) result.behind++;
        }
      };
      const ticker = setInterval(tick, 5);
      const end = () => {
        running = false;
        result.publishMs = Date.now() - startedMs;
        this.endFlood = null;
        if (settled()) finish();
      };
      this.endFlood = end;
      const stopTimer = setTimeout(end, options.durationMs);
      const graceTimer = setTimeout(finish, options.durationMs + ACK_GRACE_MS);
      if (options.ratePerS === null) for (const m of this.members) fill(m);
    });
  }

  stopFlood(): void {
    this.endFlood?.();
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await Promise.all(this.members.map((m) => m.client.endAsync(true).catch(() => undefined)));
  }

  private nextTs(m: Member): number {
    m.lastTs = Math.max(m.lastTs + 1, Date.now());
    return m.lastTs;
  }
}

/**
 * Ingest: sustained QoS 1 messages/s (4 metrics each) from simulated devices through the
 * broker into InfluxDB with every rule evaluated, and zero loss. Its ceiling, measured in the
 * same run with the same generators: a bare aedes in its own process → one mqtt.js subscriber.
 * Ceiling and platform runs alternate, so drift on this shared machine hits both alike.
 *
 * Rate = messages / (first publish → the last one is where it goes: counted in InfluxDB, or
 * received by the subscriber). The InfluxDB side is polled every 100 ms once publishing ends.
 */
import { LoadProcess } from '../children';
import { countPoints } from '../influx';
import type { BareBrokerApi } from '../load/bare-broker';
import type { BenchDevice, FloodResult } from '../load/device-fleet';
import type { FleetApi } from '../load/fleet';
import { nowUs, sleep } from '../load/ipc';
import type { MqttCounterApi } from '../load/mqtt-counter';
import { METRICS_PER_MESSAGE } from '../load/payloads';
import { CpuMeter } from '../proc';
import { fmt, type Results } from '../report-types';
import { freePort } from '../../support/free-port';
import type { PlatformSetup } from '../setup';
import { median } from '../stats';

const DRAIN_TIMEOUT_MS = 30_000;

interface RunResult {
  rate: number;
  acked: number;
  failed: number;
  lost: number;
  drainMs: number;
  publishRate: number;
  /** % of one core: the platform (or bare broker), then influxd (or the subscriber), then each generator */
  cpu: number[];
}

export async function ingest(setup: PlatformSetup, results: Results): Promise<void> {
  const o = setup.options.ingest;
  const fleets = await setup.ingestFleets();
  const ceiling = await startCeiling(o.processes, o.devicesPerProcess);
  const runs: Array<{ ceiling: RunResult; platform: RunResult }> = [];
  try {
    for (let r = 0; r < o.runs; r++) {
      const c = await ceilingRun(ceiling, o);
      const p = await platformRun(setup, fleets, o, r);
      runs.push({ ceiling: c, platform: p });
      setup.log(
        `ingest run ${r + 1}/${o.runs}: platform ${fmt.int(p.rate)} msg/s (lost ${p.lost}, drain ${p.drainMs} ms), ` +
          `raw broker ${fmt.int(c.rate)} msg/s`,
      );
    }
  } finally {
    await ceiling.stop();
  }

  const platformRate = median(runs.map((r) => r.platform.rate));
  const ceilingRate = median(runs.map((r) => r.ceiling.rate));
  const ratio = platformRate / ceilingRate;
  const lost = runs.reduce((sum, r) => sum + r.platform.lost + r.platform.failed, 0);
  const cpu = median(runs.map((r) => r.platform.cpu[0]));
  const influxdCpu = median(runs.map((r) => r.platform.cpu[1] ?? NaN));
  results.rows.push({
    setup: setup.name,
    scenario: 'ingest',
    figure:
      `${fmt.int(platformRate)} msg/s = ${fmt.int(platformRate * METRICS_PER_MESSAGE)} points/s into InfluxDB, ` +
      `lost ${lost} (median of ${o.runs} × ${o.durationMs / 1000} s, ${o.processes * o.devicesPerProcess} devices)`,
    target: '≥ 25,000 msg/s, ≥ 70 % of raw broker, 0 lost',
    pass: platformRate >= 25_000 && ratio >= 0.7 && lost === 0,
    ceiling: `raw aedes QoS 1 pub→sub ${fmt.int(ceilingRate)} msg/s`,
    ratio: fmt.pct(ratio),
    cpu: `${fmt.cpu(cpu)} (+ influxd ${fmt.cpu(influxdCpu)})`,
  });
  results.details.push({
    setup: setup.name,
    scenario: 'ingest',
    lines: runs.map(
      ({ ceiling: c, platform: p }, i) =>
        `run ${i + 1}: platform ${fmt.int(p.rate)} msg/s end to end (publishers acked ${fmt.int(p.publishRate)} msg/s; ` +
        `${fmt.int(p.acked)} sent, ${p.lost} missing in InfluxDB, ${p.failed} unacked, last point ${p.drainMs} ms after ` +
        `the last PUBACK; CPU: platform ${fmt.cpu(p.cpu[0])}, influxd ${fmt.cpu(p.cpu[1])}, generators ` +
        `${generators(p)}) · raw broker ${fmt.int(c.rate)} msg/s (${fmt.int(c.acked)} sent, ${c.lost} not received; ` +
        `CPU: broker ${fmt.cpu(c.cpu[0])}, subscriber ${fmt.cpu(c.cpu[1])}, generators ${generators(c)})`,
    ),
  });
  results.kept[`${setup.name}.ingest.ratio`] = ratio;
  results.kept[`${setup.name}.ingest.msgPerS`] = platformRate;
}

// --- the platform ------------------------------------------------------------------------------

async function platformRun(
  setup: PlatformSetup,
  fleets: Array<LoadProcess<FleetApi>>,
  o: PlatformSetup['options']['ingest'],
  run: number,
): Promise<RunResult> {
  const platform = setup.platform;
  const meter = new CpuMeter([platform.pid, platform.influxdPid() ?? -1, ...fleets.map((f) => f.pid)]);
  const fromUs = nowUs();
  const floods = await Promise.all(
    fleets.map((f) =>
      f.call('flood', { durationMs: o.durationMs, window: o.window, ratePerS: null }, o.durationMs + 60_000),
    ),
  );
  const total = sum(floods, (f) => f.acked);
  // Each fleet's devices are `b?-g<i>-<n>` and its flood has its own window of reading times.
  const counted = async () => {
    const counts = await Promise.all(
      floods.map((f, i) =>
        countPoints(platform.influxUrl, 'pressure_kpa', `^b${setup.name[0]}-g${i}-`, f.startTs, f.endTs),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  };
  const lastAckUs = Math.max(...floods.map((f) => f.lastAckUs));
  let points = 0;
  let reachedUs = NaN;
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    points = await counted();
    if (points >= total) {
      reachedUs = nowUs();
      break;
    }
    await sleep(100);
  }
  const cpu = meter.stop();
  setup.profileWindows.push({ setup: setup.name, label: `ingest run ${run + 1}`, fromUs, toUs: nowUs() });
  return outcome(floods, total - points, reachedUs, lastAckUs, cpu, o.durationMs);
}

// --- the ceiling: bare aedes → one subscriber --------------------------------------------------

interface Ceiling {
  broker: LoadProcess<BareBrokerApi>;
  counter: LoadProcess<MqttCounterApi>;
  fleets: Array<LoadProcess<FleetApi>>;
  stop(): Promise<void>;
}

async function startCeiling(processes: number, devicesPerProcess: number): Promise<Ceiling> {
  const [broker, counter, ...fleets] = await Promise.all([
    LoadProcess.start<BareBrokerApi>('bare-broker'),
    LoadProcess.start<MqttCounterApi>('mqtt-counter'),
    ...Array.from({ length: processes }, () => LoadProcess.start<FleetApi>('fleet')),
  ]);
  const stop = async () => {
    await Promise.all([broker, counter, ...fleets].map((p) => p.stop()));
  };
  try {
    const { url } = await broker.call('start', { port: await freePort() }, 10_000);
    await counter.call('connect', { url }, 10_000);
    await Promise.all(
      fleets.map((f, i) => {
        const devices: BenchDevice[] = Array.from({ length: devicesPerProcess }, (_, n) => ({
          id: `ceil-${i}-${n}`,
          password: 'unused',
          telemetryTopic: `fd/v1/BENCH/B1/water/ceil-${i}-${n}/telemetry`,
          equipmentId: '',
        }));
        return f.call('connect', { url, devices, heartbeatMs: 0 }, 30_000);
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { broker, counter, fleets, stop };
}

async function ceilingRun(ceiling: Ceiling, o: PlatformSetup['options']['ingest']): Promise<RunResult> {
  await ceiling.counter.call('reset', {}, 5000);
  const meter = new CpuMeter([ceiling.broker.pid, ceiling.counter.pid, ...ceiling.fleets.map((f) => f.pid)]);
  const floods = await Promise.all(
    ceiling.fleets.map((f) =>
      f.call('flood', { durationMs: o.durationMs, window: o.window, ratePerS: null }, o.durationMs + 60_000),
    ),
  );
  const total = sum(floods, (f) => f.acked);
  const { count, reachedUs } = await ceiling.counter.call(
    'waitFor',
    { count: total, timeoutMs: DRAIN_TIMEOUT_MS },
    DRAIN_TIMEOUT_MS + 5000,
  );
  const lastAckUs = Math.max(...floods.map((f) => f.lastAckUs));
  return outcome(floods, total - count, reachedUs ?? NaN, lastAckUs, meter.stop(), o.durationMs);
}

function outcome(
  floods: FloodResult[],
  missing: number,
  reachedUs: number,
  lastAckUs: number,
  cpu: number[],
  durationMs: number,
): RunResult {
  const acked = sum(floods, (f) => f.acked);
  const firstUs = Math.min(...floods.map((f) => f.firstPublishUs));
  return {
    // a run that never delivered everything has no end-to-end rate
    rate: missing > 0 ? NaN : acked / ((reachedUs - firstUs) / 1e6),
    acked,
    failed: sum(floods, (f) => f.failed),
    lost: Math.max(0, missing),
    drainMs: Math.round((reachedUs - lastAckUs) / 1000),
    publishRate: acked / (durationMs / 1000),
    cpu,
  };
}

function generators(run: RunResult): string {
  return run.cpu
    .slice(2)
    .map((c) => fmt.cpu(c))
    .join(' + ');
}

function sum<T>(items: T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}

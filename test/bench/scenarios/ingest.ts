/**
 * Ingest: sustained QoS 1 messages/s (4 metrics each) from simulated devices through the
 * broker into InfluxDB with every rule evaluated, and zero loss. Two ceilings, measured in the
 * same run by the same generator processes:
 * - in-process: a bare aedes that takes each client publish from its `publish` event and does
 *   nothing with it (load/bare-broker-inprocess.ts): the platform's own shape (its embedded
 *   ingest sits in the broker's process) with none of the work, so platform ÷ this ceiling is
 *   the share of the broker's capacity that ingest leaves;
 * - one more hop: a bare aedes → one mqtt.js subscriber in another process (load/bare-broker.ts,
 *   load/mqtt-counter.ts), what an ingest behind an external broker could at best do. The
 *   platform does not pay that hop, so it can beat this ceiling; its ratio is reported beside.
 * Ceiling and platform runs alternate, so drift on this shared machine hits all of them alike.
 *
 * Rate = messages / (first publish → the last one is where it goes: counted in InfluxDB,
 * received by the subscriber, or taken from the publish event). The InfluxDB side is polled
 * every 100 ms once publishing ends.
 */
import { LoadProcess } from '../children';
import { countPoints } from '../influx';
import type { BareBrokerApi } from '../load/bare-broker';
import type { BareBrokerInProcessApi } from '../load/bare-broker-inprocess';
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
  /** % of one core: the platform (or bare broker), then influxd (or the subscriber; NaN for none), then each generator */
  cpu: number[];
}

interface RunSet {
  inProcess: RunResult;
  hop: RunResult;
  platform: RunResult;
}

export async function ingest(setup: PlatformSetup, results: Results): Promise<void> {
  const o = setup.options.ingest;
  const fleets = await setup.ingestFleets();
  const ceilings = await startCeilings(o.processes, o.devicesPerProcess);
  const runs: RunSet[] = [];
  try {
    for (let r = 0; r < o.runs; r++) {
      const inProcess = await ceilingRun(ceilings, 'inProcess', o);
      const hop = await ceilingRun(ceilings, 'hop', o);
      const platform = await platformRun(setup, fleets, o, r);
      runs.push({ inProcess, hop, platform });
      setup.log(
        `ingest run ${r + 1}/${o.runs}: platform ${fmt.int(platform.rate)} msg/s (lost ${platform.lost}, drain ` +
          `${platform.drainMs} ms), in-process broker ${fmt.int(inProcess.rate)} msg/s, pub→sub ${fmt.int(hop.rate)} msg/s`,
      );
    }
  } finally {
    await ceilings.stop();
  }

  const platformRate = median(runs.map((r) => r.platform.rate));
  const inProcessRate = median(runs.map((r) => r.inProcess.rate));
  const hopRate = median(runs.map((r) => r.hop.rate));
  const inProcessRatio = platformRate / inProcessRate;
  const hopRatio = platformRate / hopRate;
  const lost = runs.reduce((sum, r) => sum + r.platform.lost + r.platform.failed, 0);
  const cpu = median(runs.map((r) => r.platform.cpu[0]));
  const influxdCpu = median(runs.map((r) => r.platform.cpu[1] ?? NaN));
  results.rows.push({
    setup: setup.name,
    scenario: 'ingest',
    figure:
      `${fmt.int(platformRate)} msg/s = ${fmt.int(platformRate * METRICS_PER_MESSAGE)} points/s into InfluxDB, ` +
      `lost ${lost} (median of ${o.runs} × ${o.durationMs / 1000} s, ${o.processes * o.devicesPerProcess} devices)`,
    // the like-for-like ceiling is the in-process one: the platform does not pay the extra hop
    target: '≥ 25,000 msg/s, ≥ 70 % of the raw broker in-process, 0 lost',
    pass: platformRate >= 25_000 && inProcessRatio >= 0.7 && lost === 0,
    ceiling:
      `raw aedes in-process (publish event, no-op) ${fmt.int(inProcessRate)} msg/s; ` +
      `raw aedes QoS 1 pub→sub (one more hop) ${fmt.int(hopRate)} msg/s`,
    ratio: `${fmt.pct(inProcessRatio)} of in-process; ${fmt.pct(hopRatio)} of pub→sub`,
    cpu: `${fmt.cpu(cpu)} (+ influxd ${fmt.cpu(influxdCpu)})`,
  });
  results.details.push({
    setup: setup.name,
    scenario: 'ingest',
    lines: runs.map(
      ({ inProcess: i, hop: h, platform: p }, n) =>
        `run ${n + 1}: platform ${fmt.int(p.rate)} msg/s end to end (publishers acked ${fmt.int(p.publishRate)} msg/s; ` +
        `${fmt.int(p.acked)} sent, ${p.lost} missing in InfluxDB, ${p.failed} unacked, last point ${p.drainMs} ms after ` +
        `the last PUBACK; CPU: platform ${fmt.cpu(p.cpu[0])}, influxd ${fmt.cpu(p.cpu[1])}, generators ` +
        `${generators(p)}) · raw broker in-process ${fmt.int(i.rate)} msg/s (${fmt.int(i.acked)} sent, ${i.lost} not ` +
        `taken; CPU: broker ${fmt.cpu(i.cpu[0])}, generators ${generators(i)}) · raw broker pub→sub ` +
        `${fmt.int(h.rate)} msg/s (${fmt.int(h.acked)} sent, ${h.lost} not received; CPU: broker ${fmt.cpu(h.cpu[0])}, ` +
        `subscriber ${fmt.cpu(h.cpu[1])}, generators ${generators(h)})`,
    ),
  });
  // `.ratio` stays the pub→sub one, as in earlier runs, so that "since the previous run" compares like with like
  results.kept[`${setup.name}.ingest.ratio`] = hopRatio;
  results.kept[`${setup.name}.ingest.inProcess.ratio`] = inProcessRatio;
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

// --- the ceilings: bare aedes taking publishes in-process, and bare aedes → one subscriber ---

/** what ends a ceiling run: the process that sees the messages arrive */
interface Consumer {
  pid: number;
  reset(): Promise<unknown>;
  waitFor(args: { count: number; timeoutMs: number }): Promise<{ count: number; reachedUs: number | null }>;
}

type CeilingName = 'inProcess' | 'hop';

interface Ceilings {
  /** each generator process holds one fleet per ceiling broker, named by the ceiling */
  fleets: Array<LoadProcess<FleetApi>>;
  consumers: Record<CeilingName, Consumer>;
  /** the broker's pid per ceiling (the in-process one is also its consumer) */
  brokers: Record<CeilingName, number>;
  stop(): Promise<void>;
}

async function startCeilings(processes: number, devicesPerProcess: number): Promise<Ceilings> {
  const [inProcess, hop, counter, ...fleets] = await Promise.all([
    LoadProcess.start<BareBrokerInProcessApi>('bare-broker-inprocess'),
    LoadProcess.start<BareBrokerApi>('bare-broker'),
    LoadProcess.start<MqttCounterApi>('mqtt-counter'),
    ...Array.from({ length: processes }, () => LoadProcess.start<FleetApi>('fleet')),
  ]);
  const stop = async () => {
    await Promise.all([inProcess, hop, counter, ...fleets].map((p) => p.stop()));
  };
  try {
    const [inProcessUrl, hopUrl] = await Promise.all([
      freePort().then(async (port) => (await inProcess.call('start', { port }, 10_000)).url),
      freePort().then(async (port) => (await hop.call('start', { port }, 10_000)).url),
    ]);
    await counter.call('connect', { url: hopUrl }, 10_000);
    const connect = (f: LoadProcess<FleetApi>, i: number, url: string, as: CeilingName) => {
      const devices: BenchDevice[] = Array.from({ length: devicesPerProcess }, (_, n) => ({
        id: `ceil-${i}-${n}`,
        password: 'unused',
        telemetryTopic: `fd/v1/BENCH/B1/water/ceil-${i}-${n}/telemetry`,
        equipmentId: '',
      }));
      return f.call('connect', { url, devices, heartbeatMs: 0, as }, 30_000);
    };
    await Promise.all(fleets.map((f, i) => connect(f, i, inProcessUrl, 'inProcess')));
    await Promise.all(fleets.map((f, i) => connect(f, i, hopUrl, 'hop')));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    fleets,
    consumers: {
      inProcess: {
        pid: inProcess.pid,
        reset: () => inProcess.call('reset', {}, 5000),
        waitFor: (args) => inProcess.call('waitFor', args, args.timeoutMs + 5000),
      },
      hop: {
        pid: counter.pid,
        reset: () => counter.call('reset', {}, 5000),
        waitFor: (args) => counter.call('waitFor', args, args.timeoutMs + 5000),
      },
    },
    brokers: { inProcess: inProcess.pid, hop: hop.pid },
    stop,
  };
}

async function ceilingRun(
  ceilings: Ceilings,
  name: CeilingName,
  o: PlatformSetup['options']['ingest'],
): Promise<RunResult> {
  const consumer = ceilings.consumers[name];
  await consumer.reset();
  // the in-process broker is its own consumer: no second process to meter
  const second = name === 'hop' ? consumer.pid : -1;
  const meter = new CpuMeter([ceilings.brokers[name], second, ...ceilings.fleets.map((f) => f.pid)]);
  const floods = await Promise.all(
    ceilings.fleets.map((f) =>
      f.call('flood', { durationMs: o.durationMs, window: o.window, ratePerS: null, as: name }, o.durationMs + 60_000),
    ),
  );
  const total = sum(floods, (f) => f.acked);
  const { count, reachedUs } = await consumer.waitFor({ count: total, timeoutMs: DRAIN_TIMEOUT_MS });
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

/**
 * Fault to desk: a fault's publish → `alertRaised` at a graphql-ws subscriber, p50 / p99,
 * while the ingest generators send 5,000 msg/s of normal telemetry. One probe process is both
 * the sensor and the desk (load/fault-probe.ts): one clock for both ends of each latency.
 */
import { LoadProcess } from '../children';
import type { FaultProbeApi } from '../load/fault-probe';
import { sleep } from '../load/ipc';
import { CpuMeter } from '../proc';
import { fmt, type Results } from '../report-types';
import { HEARTBEAT_MS, type PlatformSetup } from '../setup';
import { summarize } from '../stats';

const WARM_UP_FAULTS = 3;
/** a fault not on the desk within this long counts as missed */
const FAULT_TIMEOUT_MS = 5000;

export async function faultToDesk(setup: PlatformSetup, results: Results): Promise<void> {
  const o = setup.options.fault;
  const token = await setup.token;
  const [fleets, devices, probe] = await Promise.all([
    setup.ingestFleets(),
    setup.devices('fault', WARM_UP_FAULTS + o.faults),
    LoadProcess.start<FaultProbeApi>('fault-probe'),
  ]);
  setup.keep(probe); // its devices stay online (and their leaks active) until the platform stops
  await probe.call(
    'connect',
    { mqttUrl: setup.platform.mqttUrl, wsUrl: setup.platform.wsUrl, token, devices, heartbeatMs: HEARTBEAT_MS },
    60_000,
  );

  // The background runs until stopped: long enough for any number of faults, bounded anyway.
  const perProcess = o.backgroundMsgPerS / fleets.length;
  const maxMs = 30_000 + o.faults * (o.gapMs + FAULT_TIMEOUT_MS);
  const background = fleets.map((f) =>
    f.call('flood', { durationMs: maxMs, window: 50, ratePerS: perProcess }, maxMs + 60_000),
  );
  let probeResult: { latenciesMs: number[]; missed: number };
  let cpu: number;
  try {
    await sleep(1000); // the background at its rate before anything is measured
    // The first faults also prove the subscription is live before the measured ones.
    await probe.call('run', { from: 0, count: WARM_UP_FAULTS, gapMs: o.gapMs, timeoutMs: FAULT_TIMEOUT_MS }, 60_000);
    const meter = new CpuMeter([setup.platform.pid]);
    probeResult = await probe.call(
      'run',
      { from: WARM_UP_FAULTS, count: o.faults, gapMs: o.gapMs, timeoutMs: FAULT_TIMEOUT_MS },
      maxMs,
    );
    cpu = meter.stop()[0];
  } finally {
    await Promise.all(fleets.map((f) => f.call('stopFlood', {}, 10_000).catch(() => undefined)));
  }
  const floods = await Promise.all(background);
  const sent = floods.reduce((n, f) => n + f.acked, 0);
  const publishS = Math.max(...floods.map((f) => f.publishMs)) / 1000;
  const behind = floods.reduce((n, f) => n + f.behind, 0);

  const latency = summarize(probeResult.latenciesMs);
  results.rows.push({
    setup: setup.name,
    scenario: 'fault to desk',
    figure:
      `p50 ${fmt.ms(latency.p50)}, p99 ${fmt.ms(latency.p99)} (${latency.n} faults, ${probeResult.missed} missed; ` +
      `background ${fmt.int(sent / publishS)} msg/s)`,
    target: 'p99 ≤ 50 ms under 5,000 msg/s',
    pass: latency.p99 <= 50 && probeResult.missed === 0 && sent / publishS >= 0.95 * o.backgroundMsgPerS,
    ceiling: '',
    ratio: `p99 ${fmt.pct(latency.p99 / 50)} of budget`,
    cpu: fmt.cpu(cpu),
  });
  results.details.push({
    setup: setup.name,
    scenario: 'fault to desk',
    lines: [
      `${latency.n} WATER_LEAK faults on distinct equipment, ${o.gapMs} ms apart, after ${WARM_UP_FAULTS} warm-up ` +
        `faults; publish → alertRaised p50 ${fmt.ms(latency.p50)}, p99 ${fmt.ms(latency.p99)}, max ${fmt.ms(latency.max)}; ` +
        `missed (> ${FAULT_TIMEOUT_MS} ms) ${probeResult.missed}`,
      `background: ${fmt.int(sent)} QoS 1 messages in ${publishS.toFixed(1)} s from ${fleets.length} processes ` +
        `(${fmt.int(sent / publishS)} msg/s; ${behind} behind schedule)`,
    ],
  });
  results.kept[`${setup.name}.fault.p99Ms`] = latency.p99;
}

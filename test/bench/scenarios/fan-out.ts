/**
 * Fan-out: N graphql-ws clients (spread over a few processes) subscribed to `alertRaised`;
 * one alert raised; the time until every client has it (p50 / p99 / max over clients, the
 * median of a few alerts). And the platform's memory per idle subscribed client: its growth
 * from before the clients connect to when all are subscribed and idle, over N (memory.ts).
 */
import { LoadProcess } from '../children';
import type { WsClientsApi } from '../load/ws-clients';
import { sleep } from '../load/ipc';
import { openMemoryProbe } from '../memory';
import { CpuMeter } from '../proc';
import { fmt, type Results } from '../report-types';
import type { PlatformSetup } from '../setup';
import { median, summarize, type LatencySummary } from '../stats';

const CONNECT_CONCURRENCY = 50;
const DELIVERY_TIMEOUT_MS = 20_000;

export async function fanOut(setup: PlatformSetup, results: Results): Promise<void> {
  const o = setup.options.fanout;
  const pid = setup.platform.pid;
  const token = await setup.token;
  const [fleet, ...clients] = await Promise.all([
    setup.fleet('fan', 1 + o.alerts),
    ...Array.from({ length: o.processes }, () => LoadProcess.start<WsClientsApi>('ws-clients')),
  ]);
  try {
    const memory = await openMemoryProbe(setup.platform);
    const before = await memory.sample();
    const perProcess = Math.ceil(o.clients / o.processes);
    const connected = await Promise.all(
      clients.map((c, i) =>
        c.call(
          'connect',
          {
            url: setup.platform.wsUrl,
            token,
            count: Math.min(perProcess, o.clients - i * perProcess),
            concurrency: CONNECT_CONCURRENCY,
          },
          180_000,
        ),
      ),
    );
    const total = connected.reduce((n, c) => n + c.connected, 0);
    const connectMs = Math.max(...connected.map((c) => c.ms));
    setup.log(`fan-out: ${total} clients subscribed in ${fmt.s(connectMs)}`);

    // Alert 0 is the warm-up: it proves every subscription is live before anything is measured.
    const warmUp = await deliver(setup, fleet, clients, 0);
    await sleep(1000);
    const after = await memory.sample();
    memory.close();

    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const meter = new CpuMeter([pid]);
    const alerts: Array<LatencySummary & { missing: number }> = [];
    for (let a = 1; a <= o.alerts; a++) {
      alerts.push(await deliver(setup, fleet, clients, a));
      await sleep(300);
    }
    const [cpu] = meter.stop();
    setup.profileWindows.push({
      setup: setup.name,
      label: `fan-out to ${total} clients`,
      fromUs,
      toUs: Number(process.hrtime.bigint() / 1000n),
    });

    const p50 = median(alerts.map((a) => a.p50));
    const p99 = median(alerts.map((a) => a.p99));
    const max = median(alerts.map((a) => a.max));
    const missing = alerts.reduce((n, a) => n + a.missing, 0) + warmUp.missing;
    const rssKB = (after.rss - before.rss) / total / 1024;
    const heapKB = (after.heap - before.heap) / total / 1024;
    // What a client retains: the live heap's growth when a full GC could be had before each
    // sample (memory.ts); without one, the larger of the RSS and heap-used growth.
    const perClientKB = memory.collected ? heapKB : Math.max(rssKB, Number.isFinite(heapKB) ? heapKB : -Infinity);
    results.rows.push({
      setup: setup.name,
      scenario: 'fan-out',
      figure:
        `${fmt.int(total)} clients${setup.options.full ? '' : ' (quick mode; full: 5,000)'}: p50 ${fmt.ms(p50)}, ` +
        `p99 ${fmt.ms(p99)}, max ${fmt.ms(max)} (median of ${o.alerts} alerts, ${missing} missed); ` +
        `${perClientKB.toFixed(1)} KB per idle client (${memory.collected ? 'live heap' : 'heap used'} ` +
        `${signed(heapKB)} KB, RSS ${signed(rssKB)} KB)`,
      target: 'p99 ≤ 250 ms; ≤ 30 KB per client',
      pass: p99 <= 250 && perClientKB <= 30 && missing === 0 && total === o.clients,
      ceiling: '',
      ratio: `p99 ${fmt.pct(p99 / 250)}, memory ${fmt.pct(perClientKB / 30)} of budget`,
      cpu: fmt.cpu(cpu),
    });
    results.details.push({
      setup: setup.name,
      scenario: 'fan-out',
      lines: [
        `${total} graphql-ws clients in ${o.processes} processes, connected and subscribed in ${fmt.s(connectMs)} ` +
          `(${CONNECT_CONCURRENCY} handshakes at a time per process)`,
        `platform memory before → with every client subscribed and idle: ` +
          `${memory.collected ? 'live heap after a full GC (V8 inspector)' : 'V8 heap used (/metrics; no full GC could be had)'} ` +
          `${mib(before.heap)} → ${mib(after.heap)} (${signed(heapKB)} KB per client); RSS ${mib(before.rss)} → ` +
          `${mib(after.rss)} (${signed(rssKB)} KB per client; medians of 3 samples 1 s apart); external ` +
          `${mib(before.external)} → ${mib(after.external)}`,
        `warm-up alert: p50 ${fmt.ms(warmUp.p50)}, p99 ${fmt.ms(warmUp.p99)}, max ${fmt.ms(warmUp.max)}`,
        ...alerts.map(
          (a, i) =>
            `alert ${i + 1}: every client in ${fmt.ms(a.max)} (p50 ${fmt.ms(a.p50)}, p99 ${fmt.ms(a.p99)}; ` +
            `${a.missing} missed)`,
        ),
      ],
    });
    results.kept[`${setup.name}.fanout.p99Ms`] = p99;
    results.kept[`${setup.name}.fanout.kbPerClient`] = perClientKB;
  } finally {
    await Promise.all(clients.map((c) => c.call('close', {}, 30_000).catch(() => undefined)));
    await Promise.all(clients.map((c) => c.stop()));
  }
}

/** Raises WATER_LEAK on the fan-out fleet's device `index`; latencies from its publish to each client's receipt. */
async function deliver(
  setup: PlatformSetup,
  fleet: Awaited<ReturnType<PlatformSetup['fleet']>>,
  clients: Array<LoadProcess<WsClientsApi>>,
  index: number,
): Promise<LatencySummary & { missing: number }> {
  const equipment = await fleet.call('equipment', { index }, 5000);
  await Promise.all(clients.map((c) => c.call('expect', { equipmentId: equipment.equipmentId }, 5000)));
  const { publishedUs } = await fleet.call('publish', { index, kind: 'leak' }, 10_000);
  const collected = await Promise.all(
    clients.map((c) => c.call('collect', { timeoutMs: DELIVERY_TIMEOUT_MS }, DELIVERY_TIMEOUT_MS + 5000)),
  );
  const latencies = collected.flatMap((c) => c.receiptsUs.map((us) => (us - publishedUs) / 1000));
  return { ...summarize(latencies), missing: collected.reduce((n, c) => n + c.missing, 0) };
}

function signed(kb: number): string {
  return Number.isFinite(kb) ? `${kb >= 0 ? '+' : ''}${kb.toFixed(1)}` : 'n/a';
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

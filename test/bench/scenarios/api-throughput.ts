/**
 * API throughput: the desk overview's maximum req/s (autocannon, fixed connections, as fast
 * as they go) as a ratio to a bare Apollo Server 5 "hello" on the same machine, measured
 * alternately in the same run. No absolute target: the ratio must not regress between runs
 * (run.ts compares it with the one kept in the previous BENCHMARKS.md).
 */
import { LoadProcess } from '../children';
import { ACTIVE_ALERTS, activeAlertCount } from '../graphql';
import type { ApolloHelloApi } from '../load/apollo-hello';
import type { HttpLoadApi, HttpLoadResult } from '../load/http-load';
import { CpuMeter } from '../proc';
import { fmt, type Results } from '../report-types';
import type { PlatformSetup } from '../setup';
import { median } from '../stats';

export async function apiThroughput(setup: PlatformSetup, results: Results): Promise<void> {
  const o = setup.options.api;
  const runs = setup.options.full ? 3 : 1;
  const token = await setup.token;
  const [hello, load] = await Promise.all([
    LoadProcess.start<ApolloHelloApi>('apollo-hello'),
    LoadProcess.start<HttpLoadApi>('http-load'),
  ]);
  try {
    const { url: helloUrl } = await hello.call('start', {}, 30_000);
    const measure = (url: string, body: string, headers: Record<string, string>) =>
      load.call(
        'run',
        { url, body, headers, connections: o.connections, durationS: o.durationS },
        (o.durationS + 60) * 1000,
      );
    const alerts = await activeAlertCount(setup.platform.graphqlUrl, token);
    const platformRuns: HttpLoadResult[] = [];
    const helloRuns: HttpLoadResult[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < runs; r++) {
      helloRuns.push(await measure(helloUrl, JSON.stringify({ query: '{ hello }' }), {}));
      const meter = new CpuMeter([setup.platform.pid]);
      const fromUs = Number(process.hrtime.bigint() / 1000n);
      platformRuns.push(
        await measure(setup.platform.graphqlUrl, JSON.stringify({ query: ACTIVE_ALERTS }), {
          authorization: `Bearer ${token}`,
        }),
      );
      cpu.push(meter.stop()[0]);
      setup.profileWindows.push({
        setup: setup.name,
        label: 'API throughput',
        fromUs,
        toUs: Number(process.hrtime.bigint() / 1000n),
      });
    }
    const rate = median(platformRuns.map((r) => r.reqPerS));
    const helloRate = median(helloRuns.map((r) => r.reqPerS));
    const failures = platformRuns.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
    results.rows.push({
      setup: setup.name,
      scenario: 'API throughput',
      figure:
        `${fmt.int(rate)} req/s ActiveAlerts (${alerts} active alerts; ${o.connections} connections, ` +
        `${runs > 1 ? `median of ${runs} × ` : ''}${o.durationS} s; ${failures} failed)`,
      target: 'report; no regression between runs',
      pass: failures === 0 ? null : false,
      ceiling: `bare Apollo "hello" ${fmt.int(helloRate)} req/s`,
      ratio: fmt.pct(rate / helloRate),
      cpu: fmt.cpu(median(cpu)),
    });
    results.details.push({
      setup: setup.name,
      scenario: 'API throughput',
      lines: platformRuns.map(
        (p, i) =>
          `run ${i + 1}: ActiveAlerts ${fmt.int(p.reqPerS)} req/s (p50 ${fmt.ms(p.latencyMs.p50)}, p99 ` +
          `${fmt.ms(p.latencyMs.p99)}; CPU ${fmt.cpu(cpu[i])}), hello ${fmt.int(helloRuns[i].reqPerS)} req/s ` +
          `(p50 ${fmt.ms(helloRuns[i].latencyMs.p50)})`,
      ),
    });
    results.kept[`${setup.name}.api.ratio`] = rate / helloRate;
    results.kept[`${setup.name}.api.reqPerS`] = rate;
  } finally {
    await Promise.all([hello.stop(), load.stop()]);
  }
}

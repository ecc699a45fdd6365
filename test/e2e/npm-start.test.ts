/**
 * The runtime contract as a user meets it: the platform process on embedded defaults
 * (PGlite, aedes, a local influxd, the simulator), two instances side by side, the
 * endpoints, a clean Ctrl-C, and a warm restart on the same data. Real: processes, ports,
 * the embedded services, the simulated devices. Faked: nothing. One test: the warm restart
 * needs the data dir the first start made.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '../support/device-client';
import {
  influxdProcessesUnder,
  startPlatformProcess,
  type PlatformProcess,
  instanceEnv,
  metricValue,
} from '../support/platform-process';

jest.setTimeout(240_000);

describe('npm start on embedded defaults', () => {
  const dirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'fd-e2e-start-')));
  const running: PlatformProcess[] = [];

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null) await p.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('runs two instances side by side, serves the endpoints, stops cleanly and restarts warm', async () => {
    const envs = await Promise.all(dirs.map(instanceEnv));
    const [a, b] = await Promise.all(envs.map((env) => startPlatformProcess(env)));
    running.push(a, b);
    // a fresh data dir gets the demo estate, and says so (the warm restart below must not)
    expect(a.output()).toContain('seeded the demo estate');
    expect(b.output()).toContain('seeded the demo estate');
    process.stdout.write(`npm start, fresh data dir, to ready: ${a.readyMs} ms and ${b.readyMs} ms (two at once)\n`);

    for (const env of envs) {
      const base = `http://127.0.0.1:${env.PORT}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ checks: { postgres: 'up', influxdb: 'up', mqtt: 'up' } });
      const desk = await fetch(`${base}/desk/`);
      expect(desk.status).toBe(200);
      expect(await desk.text()).toContain('<html');
      // the simulator publishes with its devices' own credentials through the broker
      await waitFor(
        'simulated telemetry',
        async () => {
          const metrics = await (await fetch(`${base}/metrics`)).text();
          return metricValue(metrics, 'fd_ingest_messages_total{kind="telemetry"}') >= 8;
        },
        30_000,
      );
      const login = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { login(username: "operator", password: "facilitydesk") { token } }' }),
      });
      expect(((await login.json()) as { data: { login: { token: string } } }).data.login.token).toMatch(/^ey/);
    }

    // the probe finds each instance's influxd while it runs, so finding none after the stop means something
    for (const dir of dirs) expect(influxdProcessesUnder(dir)).toHaveLength(1);
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
    for (const dir of dirs) expect(influxdProcessesUnder(dir)).toEqual([]);

    const warm = await startPlatformProcess(envs[0]);
    running.push(warm);
    process.stdout.write(`npm start, warm data dir, to ready: ${warm.readyMs} ms\n`);
    expect(warm.output()).not.toContain('seeded the demo estate');
    expect(influxdProcessesUnder(dirs[0])).toHaveLength(1);
    const base = `http://127.0.0.1:${envs[0].PORT}`;
    const login = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "manager", password: "facilitydesk") { token } }' }),
    });
    expect(login.status).toBe(200);
    expect(await warm.stop()).toBe(0);
    expect(influxdProcessesUnder(dirs[0])).toEqual([]);
  });
});

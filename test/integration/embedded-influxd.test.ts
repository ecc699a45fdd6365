// Real: Debian's influxd (InfluxDB 1.x) as a child process in a temp dir, on free ports; the `influx` client
// over HTTP; real parent processes SIGKILLed (test/support/influxd-parent.ts). Nothing is faked. Without
// influxd: a failure in CI, elsewhere a skip with a message.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { InfluxDB } from 'influx';
import { startLocalInfluxd, type LocalInfluxd } from '../../gateway/embedded/influxd';
import { binaryOnPath, describeWith } from '../support/required-binary';

/** Ports the OS just handed out (and we released): free unless something grabs them in the meantime. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer().once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function isRunning(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
}

const describeWithInfluxd = describeWith(binaryOnPath('influxd', 'sudo apt-get install influxdb'));

/** Starts influxd from a parent process of its own (test/support/influxd-parent.ts); resolves once it is up. */
async function startInParent(dataDir: string, mode: 'pdeathsig' | 'watchdog') {
  const [httpPort, rpcPort] = await freePorts(2);
  const parent = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'test/support/influxd-parent.ts', dataDir, String(httpPort), String(rpcPort), mode],
    { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  parent.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    parent.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.split('\n')[0]);
    });
    parent.once('exit', (code) => reject(new Error(`the parent exited (${code}) before influxd was up:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => parent.once('exit', () => resolve()));
  return { parent, exited, ...(JSON.parse(line) as { pid: number; how: string }) };
}

describeWithInfluxd('startLocalInfluxd (real influxd)', () => {
  let dataDir: string;
  const started: LocalInfluxd[] = [];
  const start = async (options: Omit<Parameters<typeof startLocalInfluxd>[0], 'dataDir' | 'database'>) => {
    const influxd = await startLocalInfluxd({ dataDir, database: 'fd_it', ...options });
    started.push(influxd);
    return influxd;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-influxd-it-'));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((i) => i.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('answers /ping, keeps a written point across a stop and a restart on the same dir', async () => {
    const [httpPort, rpcPort] = await freePorts(2);
    const t0 = Date.now();
    const first = await start({ httpPort, rpcPort });
    console.log(`influxd start-to-ping: ${Date.now() - t0} ms`);
    expect(first.url).toBe(`http://127.0.0.1:${httpPort}/fd_it`);
    expect(readFileSync(path.join(dataDir, 'influxdb', 'influxd.pid'), 'utf8').trim()).toBe(String(first.pid));

    const client = new InfluxDB(first.url);
    await client.createDatabase('fd_it');
    const at = new Date(Date.now() - 60_000);
    await client.writePoints([
      { measurement: 'reading', tags: { device: 'pump-1' }, fields: { value: 21.5 }, timestamp: at },
    ]);

    await first.stop();
    expect(isRunning(first.pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'influxdb', 'influxd.pid'))).toBe(false);
    await first.stop(); // idempotent

    const second = await start({ httpPort, rpcPort });
    const rows = await new InfluxDB(second.url).query<{ device: string; value: number }>(
      'SELECT "device", "value" FROM "reading"',
      { precision: 'ms' },
    );
    expect(rows.map((r) => ({ device: r.device, value: r.value, time: r.time.getTime() }))).toEqual([
      { device: 'pump-1', value: 21.5, time: at.getTime() },
    ]);
  });

  test('a stale influxd left by a killed parent is stopped at the next start', async () => {
    const [httpPort] = await freePorts(1);
    const orphan = await start({ httpPort }); // never stopped by its owner, as if the owner was SIGKILLed
    const next = await start({ httpPort }); // default rpcPort = httpPort + 1: both held by the orphan until killed
    expect(isRunning(orphan.pid)).toBe(false);
    expect(isRunning(next.pid)).toBe(true);
    expect(readFileSync(path.join(dataDir, 'influxdb', 'influxd.pid'), 'utf8').trim()).toBe(String(next.pid));
  });

  test.each(['pdeathsig', 'watchdog'] as const)(
    'influxd dies within a few seconds when its parent is SIGKILLed (%s)',
    async (mode) => {
      const { parent, exited, pid, how } = await startInParent(dataDir, mode);
      expect(how).toMatch(mode === 'pdeathsig' ? /^setpriv --pdeathsig KILL$/ : /^a watchdog/);
      expect(isRunning(pid)).toBe(true);
      const t0 = Date.now();
      parent.kill('SIGKILL');
      await exited;
      while (isRunning(pid) && Date.now() - t0 < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
      console.log(`influxd gone ${Date.now() - t0} ms after SIGKILL of its parent (${how})`);
      expect(isRunning(pid)).toBe(false);
    },
    60_000,
  );

  test('a port in use is named, with INFLUX_PORT', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(start({ httpPort: port, rpcPort: (await freePorts(1))[0] })).rejects.toThrow(
        new RegExp(`port ${port} .*in use.*INFLUX_PORT`),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('a start that times out kills influxd and shows its log', async () => {
    const [httpPort, rpcPort] = await freePorts(2);
    const error = await startLocalInfluxd({ dataDir, database: 'fd_it', httpPort, rpcPort, startTimeoutMs: 1 }).then(
      () => null,
      (err: Error) => err,
    );
    expect(error?.message).toMatch(/did not answer \/ping .* within 1 ms; .*influxd\.log says:/s);
    const pidFile = path.join(dataDir, 'influxdb', 'influxd.pid');
    expect(existsSync(pidFile)).toBe(false); // removed by stop(): nothing left running to be "stale"
  });
});

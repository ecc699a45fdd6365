import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalInfluxd, type LocalInfluxd } from '../../gateway/embedded/influxd';
import { freePort } from './free-port';

export { freePort };

/**
 * A REAL InfluxDB 1.x of the test's own (Debian's influxdb 1.6.7): the platform's embedded
 * influxd launcher on free loopback ports, data in a tmp dir. Being ours, it can really be
 * stopped: `outage()` is SIGTERM, `recover()` starts it again on the same data and ports.
 */
export interface InfluxForTests {
  /** `http://127.0.0.1:port/dbname`, the form `connectInflux` takes */
  url: string;
  database: string;
  outage(): Promise<void>;
  recover(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function startInfluxForTests(prefix = 'fd_test'): Promise<InfluxForTests> {
  const database = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-influx-'));
  const options = { dataDir, httpPort: await freePort(), rpcPort: await freePort(), database };
  let influxd: LocalInfluxd = await startLocalInfluxd(options);
  return {
    url: influxd.url,
    database,
    outage: () => influxd.stop(),
    recover: async () => {
      influxd = await startLocalInfluxd(options);
    },
    cleanup: async () => {
      await influxd.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

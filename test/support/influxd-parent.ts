/**
 * A parent process for the local influxd, to be SIGKILLed by a test: starts it with
 * gateway/embedded/influxd.ts and prints `{"pid":…,"how":…}` on one line, then idles.
 *   node -r @swc-node/register test/support/influxd-parent.ts DATA_DIR HTTP_PORT RPC_PORT MODE
 */
import { startLocalInfluxd } from '../../gateway/embedded/influxd';
import type { ParentDeathMode } from '../../gateway/embedded/dies-with-parent';

const [dataDir, httpPort, rpcPort, mode] = process.argv.slice(2);
let how = '';
startLocalInfluxd({
  dataDir,
  httpPort: Number(httpPort),
  rpcPort: Number(rpcPort),
  database: 'fd_parent',
  parentDeath: mode as ParentDeathMode,
  log: (message) => (how = /dies with the platform: (.*)/.exec(message)?.[1] ?? how),
}).then(
  (influxd) => {
    process.stdout.write(JSON.stringify({ pid: influxd.pid, how }) + '\n');
    setInterval(() => undefined, 60_000);
  },
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);

import './preload';
import { DEMO_STAFF } from '../migrations/seed/demo-estate';
import { loadConfig } from './config';
import { createLogger, errorFields, type Log } from '../devices/log';
import { startPlatform, type Platform } from './platform';

const FORCED_EXIT_MS = 9_500;

/** `npm start`: the platform on embedded defaults or on the services named by the environment. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const log = createLogger(config.logLevel);

  // Signals are handled from the first moment: a SIGTERM that arrived between the banner and
  // the handlers (a supervisor reacting to "ready" on a busy machine) used to kill the process
  // without its orderly stop. One that arrives while starting stops the platform once it is up.
  let platform: Platform | null = null;
  let stopping: string | null = null;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = signal;
    log.info(`${signal}: shutting down`);
    // Every stop step is bounded (gateway/platform.ts, 9 s in all); this is the last resort, and it
    // comes before a supervisor's SIGKILL (Docker's default is 10 s). The local influxd dies with us.
    const force = setTimeout(() => {
      log.error(`shutdown took longer than ${FORCED_EXIT_MS} ms; exiting`);
      process.exit(1);
    }, FORCED_EXIT_MS);
    force.unref();
    if (platform) stopAndExit(platform, log);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  platform = await startPlatform(config, log);
  if (stopping) {
    stopAndExit(platform, log);
    return;
  }
  const lines = [
    `FacilityDesk is ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  GraphQL   ${platform.graphqlUrl}  (WebSocket ${platform.graphqlUrl.replace(/^http/, 'ws')})`,
    `  Desk      ${platform.deskUrl}`,
    `  MQTT      ${platform.mqttUrl}`,
    `  InfluxDB  ${platform.influxUrl}`,
    `  Health    ${platform.url}/healthz  ${platform.url}/readyz  ${platform.url}/metrics`,
    `  Data      ${config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : config.dataDir}`,
    `  Simulator ${config.simulator ? 'on' : 'off'}`,
  ];
  if (config.demo) {
    lines.push(`  Demo accounts (password "${config.demoPassword}"): ${DEMO_STAFF.map((s) => s.username).join(', ')}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

function stopAndExit(platform: Platform, log: Log): void {
  platform.stop().then(
    () => process.exit(0),
    (error) => {
      log.error('shutdown failed', errorFields(error));
      process.exit(1);
    },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`FacilityDesk could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
  process.exit(1);
});

/**
 * Test-only harness (test/faults/outbox-crash.test.ts): the platform as gateway/main.ts starts
 * it, on the database the environment names, whose relay SIGKILLs the process right after the
 * AlertService transaction commits and before anything is published — the crash the outbox
 * sweep exists for. It raises one WATER_LEAK on a seeded water device and dies.
 */
import '../../gateway/preload';
import { loadConfig } from '../../gateway/config';
import { createLogger } from '../../devices/log';
import { startPlatform } from '../../gateway/platform';
import { leakEvents } from './outbox-instances';

async function main(): Promise<void> {
  const config = loadConfig();
  const platform = await startPlatform(config, createLogger(config.logLevel));
  // AlertService calls this right after its commit: die there, with nothing published
  platform.services.relay.publishCommitted = async () => {
    process.kill(process.pid, 'SIGKILL');
  };
  const events = await leakEvents(platform.orm, 1);
  process.stdout.write('committing a fault, then dying before publishing it\n');
  await platform.services.alerts.apply(events);
  process.stdout.write('still alive after the commit: the harness failed\n');
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`crash harness failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

/**
 * `npm run bench`: issue 3's benchmarks. For each setup (embedded defaults; PostgreSQL 15),
 * start the platform as users run it, run the scenarios against it with load generators in
 * their own processes, stop it; then print the table and write BENCHMARKS.md. Exits non-zero
 * only when the harness breaks (a scenario that could not run), never for a missed target.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, killEverything, onExit } from './children';
import { describeMachine } from './machine';
import { openFileLimit } from './proc';
import { UsageError, parseOptions, type BenchOptions, type ScenarioName, type SetupName } from './options';
import { formatSummary, summarizeProfile, type CpuProfile } from './profile-top';
import { changes, consoleTable, markdown, readKept, writeMarkdown } from './report';
import type { Results } from './report-types';
import { apiThroughput } from './scenarios/api-throughput';
import { deskQuery } from './scenarios/desk-query';
import { fanOut } from './scenarios/fan-out';
import { faultToDesk } from './scenarios/fault-to-desk';
import { rosterImport } from './scenarios/import';
import { ingest } from './scenarios/ingest';
import { kpis } from './scenarios/kpis';
import { residentSearch } from './scenarios/resident-search';
import { start } from './scenarios/start';
import { workOrderBoard } from './scenarios/work-order-board';
import { platformEnv, startPlatform, startPostgres, tempDir, type Postgres } from './services';
import { PlatformSetup, type ProfileWindow } from './setup';

const SCENARIO_LABEL: Record<ScenarioName, string> = {
  ingest: 'ingest',
  desk: 'desk query',
  api: 'API throughput',
  fault: 'fault to desk',
  fanout: 'fan-out',
  search: 'resident search',
  board: 'work order board',
  import: 'roster import',
  kpis: 'service KPIs',
  start: 'start',
};

const RUN: Record<Exclude<ScenarioName, 'start'>, (setup: PlatformSetup, results: Results) => Promise<void>> = {
  ingest,
  desk: deskQuery,
  api: apiThroughput,
  fault: faultToDesk,
  fanout: fanOut,
  search: residentSearch,
  board: workOrderBoard,
  import: rosterImport,
  kpis,
};

const SETUP_DESCRIPTION: Record<SetupName, string> = {
  embedded: 'the embedded defaults: PGlite, the in-process aedes broker, a local influxd (nothing configured)',
  postgres: 'PostgreSQL 15 (`DATABASE_URL`), the in-process aedes broker, a local influxd',
};

const began = Date.now();
const log = (setup: string, line: string) =>
  process.stdout.write(`[bench +${((Date.now() - began) / 1000).toFixed(0)}s] ${setup}: ${line}\n`);

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const out = options.out ? path.resolve(options.out) : path.join(ROOT, 'BENCHMARKS.md');
  const previous = readKept(out);
  const results: Results = { rows: [], details: [], kept: {} };
  const setups: Record<string, string> = {};
  const profiles: string[] = [];
  let broken = 0;
  log('bench', `${options.full ? 'full' : 'quick'} mode${options.profile ? ', profiling the platform' : ''}`);
  // The platform holds a socket per fan-out client; `npm run bench` raises the limit to the hard one first.
  const files = openFileLimit();
  if (files < options.fanout.clients + 2000) {
    log(
      'bench',
      `warning: open files limited to ${files}; fan-out needs ~${options.fanout.clients + 2000} (ulimit -n)`,
    );
  }

  for (const name of ['embedded', 'postgres'] as SetupName[]) {
    const plan = options.plan[name];
    if (plan.length === 0) continue;
    broken += await runSetup(name, plan, options, results, setups, profiles);
  }

  const totalMs = Date.now() - began;
  process.stdout.write(`\n${consoleTable(results.rows)}\n`);
  const change = changes(previous, results.kept);
  if (change.length)
    process.stdout.write(`\nsince the previous run (${path.basename(out)}):\n  ${change.join('\n  ')}\n`);
  if (profiles.length) process.stdout.write(`\n${profiles.join('\n')}\n`);
  await writeMarkdown(
    out,
    markdown({ machine: describeMachine(), options, results, previous, setups, profiles, totalMs }),
  );
  process.stdout.write(`\nwrote ${out}; total ${(totalMs / 1000).toFixed(0)} s\n`);
  return broken ? 1 : 0;
}

/** One platform, its scenarios, its profile; the number of scenarios that could not run. */
async function runSetup(
  name: SetupName,
  plan: ScenarioName[],
  options: BenchOptions,
  results: Results,
  setups: Record<string, string>,
  profiles: string[],
): Promise<number> {
  const say = (line: string) => log(name, line);
  const failed = (scenarios: ScenarioName[], why: string, pass: boolean | null) => {
    for (const s of scenarios)
      results.rows.push({
        setup: name,
        scenario: SCENARIO_LABEL[s],
        figure: why,
        target: '',
        pass,
        ceiling: '',
        ratio: '',
        cpu: '',
      });
  };
  let pg: Postgres | null = null;
  if (name === 'postgres') {
    const started = await startPostgres();
    if ('skipped' in started) {
      // In CI PostgreSQL 15 is installed (.ci/run system-packages): missing, it is a broken run, not a skip.
      const inCi = process.env.CI === 'true';
      setups[name] = `${inCi ? 'failed' : 'skipped'}: ${started.skipped}`;
      say(setups[name]);
      failed(plan, setups[name], inCi ? false : null);
      return inCi ? plan.length : 0;
    }
    pg = started;
  }
  setups[name] = SETUP_DESCRIPTION[name];
  const dataDir = tempDir(name);
  const profileDir = options.profile ? tempDir('profile') : undefined;
  const removeDirs = onExit(() => {
    rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });
  let broken = 0;
  try {
    const env = await platformEnv(dataDir, pg ? { DATABASE_URL: pg.url } : {});
    let freshMs = NaN;
    const windows: ProfileWindow[] = [];
    const scenarios = plan.filter((s): s is Exclude<ScenarioName, 'start'> => s !== 'start');
    if (scenarios.length) {
      say('starting the platform');
      let platform;
      try {
        platform = await startPlatform(env, { profileDir });
      } catch (error) {
        failed(plan, `failed: the platform did not start: ${firstLine(error)}`, false);
        say(`the platform did not start:\n${error instanceof Error ? error.message : String(error)}`);
        return plan.length;
      }
      freshMs = platform.readyMs;
      say(`ready in ${(freshMs / 1000).toFixed(1)} s (pid ${platform.pid}, ${platform.graphqlUrl})`);
      const setup = new PlatformSetup(name, platform, pg, options, windows, say);
      try {
        for (const scenario of scenarios) {
          say(`${SCENARIO_LABEL[scenario]}…`);
          try {
            await RUN[scenario](setup, results);
            const row = results.rows.at(-1);
            if (row) say(`${row.scenario}: ${row.figure}`);
          } catch (error) {
            broken++;
            failed([scenario], `failed: ${firstLine(error)}`, false);
            say(`${SCENARIO_LABEL[scenario]} could not run: ${error instanceof Error ? error.stack : String(error)}`);
            say(`the platform's last output:\n${platform.output().slice(-3000)}`);
          }
        }
      } finally {
        await setup.stopLoads();
        const code = await platform.stop();
        say(`platform stopped (exit ${code})`);
        if (code !== 0) say(`the platform's last output:\n${platform.output().slice(-3000)}`);
      }
    }
    if (profileDir) profiles.push(...profileSummaries(name, profileDir, windows));
    if (plan.includes('start')) {
      say('start…');
      try {
        await start(name, env, freshMs, options.start.runs, results, say);
      } catch (error) {
        broken++;
        failed(['start'], `failed: ${firstLine(error)}`, false);
        say(`start could not run: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    removeDirs();
    await pg?.stop();
  }
  return broken;
}

/** The platform's .cpuprofile cut into the profiled scenarios' windows, summarised. */
function profileSummaries(setup: SetupName, dir: string, windows: ProfileWindow[]): string[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return [`${setup}: no .cpuprofile was written (did the platform exit normally?)`];
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  const lines: string[] = [];
  const labels = [...new Set(windows.map((w) => w.label.replace(/ run \d+$/, '')))];
  for (const label of labels) {
    const ranges = windows
      .filter((w) => w.label.replace(/ run \d+$/, '') === label)
      .map((w): [number, number] => [w.fromUs, w.toUs]);
    lines.push(`== ${setup}: ${label} (platform main thread)`, ...formatSummary(summarizeProfile(profile, ranges)), '');
  }
  return lines;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
}

// Whatever happens, nothing the bench started outlives it.
process.on('exit', killEverything);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping everything it started\n`);
    killEverything();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

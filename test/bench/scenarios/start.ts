/**
 * Start: `npm start` to its ready line on a warm data dir (the one the other scenarios just
 * used, stopped with Ctrl-C), the median of a few starts. The fresh start is the first start
 * of that data dir (gateway/main.ts, as `npm start` runs it once its set-up is done).
 */
import type { SetupName } from '../options';
import { fmt, type Results } from '../report-types';
import { timeNpmStart } from '../services';
import { median } from '../stats';

export async function start(
  setup: SetupName,
  env: NodeJS.ProcessEnv,
  freshMs: number,
  runs: number,
  results: Results,
  log: (line: string) => void,
): Promise<void> {
  // As users run it: the simulator at its default (on with embedded defaults) and the default log level.
  const userEnv = { ...env };
  delete userEnv.SIMULATOR;
  delete userEnv.LOG_LEVEL;
  const times: number[] = [];
  const stops: Array<{ stopMs: number; exitCode: number | string }> = [];
  for (let r = 0; r < runs; r++) {
    const { readyMs, ...stop } = await timeNpmStart(userEnv);
    times.push(readyMs);
    stops.push(stop);
    log(`start ${r + 1}/${runs}: ready in ${fmt.s(readyMs)}; Ctrl-C → exit ${stop.exitCode} in ${fmt.s(stop.stopMs)}`);
  }
  const warm = median(times);
  results.rows.push({
    setup,
    scenario: 'start',
    figure: `${fmt.s(warm)} warm (median of ${runs}: ${times.map((t) => fmt.s(t)).join(', ')}); fresh ${fmt.s(freshMs)}`,
    target: '≤ 8 s warm',
    pass: warm <= 8000,
    ceiling: '',
    ratio: `${fmt.pct(warm / 8000)} of budget`,
    cpu: '',
  });
  results.details.push({
    setup,
    scenario: 'start',
    lines: [
      `\`npm start\` (launcher included) to "FacilityDesk is ready", data dir warm, stopped with Ctrl-C between starts: ` +
        times.map((t) => fmt.s(t)).join(', '),
      `fresh data dir (migrations, seeds, a new influxd database): ${fmt.s(freshMs)} to ready (gateway/main.ts)`,
      `Ctrl-C to every process ended: ${stops.map((s) => `${fmt.s(s.stopMs)} (exit ${s.exitCode})`).join(', ')}`,
    ],
  });
  results.kept[`${setup}.start.warmMs`] = warm;
}

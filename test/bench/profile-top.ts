/**
 * Where a profiled platform spent its time: the functions with the most self time in a V8
 * .cpuprofile (from `--cpu-prof`), optionally only between two instants, and the same by
 * package. Profile timestamps are CLOCK_MONOTONIC µs, the clock of process.hrtime in every
 * process, so the bench can cut one profile into its scenarios.
 *
 *   node -r @swc-node/register test/bench/profile-top.ts FILE.cpuprofile [FROM_US TO_US]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** % of the sampled time in the window that was not idle */
  percent: number;
  ms: number;
}

export interface ProfileSummary {
  windowMs: number;
  busyMs: number;
  functions: SelfTime[];
  packages: SelfTime[];
}

const IDLE = '(idle)';

/** `windows`: [fromUs, toUs] ranges to include; none: the whole profile. */
export function summarizeProfile(profile: CpuProfile, windows: Array<[number, number]> = [], top = 15): ProfileSummary {
  const inWindow = (t: number) => windows.length === 0 || windows.some(([from, to]) => t >= from && t <= to);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let t = profile.startTime;
  let busy = 0;
  let window = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    // a sample stands for the time until the next one
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (!inWindow(t)) continue;
    window += dt;
    const node = byId.get(profile.samples[i]);
    if (!node || node.callFrame.functionName === IDLE) continue;
    busy += dt;
    const key = functionKey(node);
    fn.set(key, (fn.get(key) ?? 0) + dt);
    const p = packageOf(node.callFrame.url, node.callFrame.functionName);
    pkg.set(p, (pkg.get(p) ?? 0) + dt);
  }
  const rank = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, percent: busy ? (100 * us) / busy : 0 }));
  return { windowMs: window / 1000, busyMs: busy / 1000, functions: rank(fn, top), packages: rank(pkg, 10) };
}

function functionKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (!url) return functionName || '(anonymous)';
  return `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
}

function shortUrl(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) return file.slice(modules + '/node_modules/'.length);
  const root = path.resolve(__dirname, '../..') + '/';
  return file.startsWith(root) ? file.slice(root.length) : file;
}

/** node_modules/<pkg> (scoped too), node:internal, our own top-level folders, or V8's pseudo-frames */
function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.replace(/^file:\/\//, '');
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file.slice(file.lastIndexOf('/node_modules/')));
  if (match) return match[1];
  if (file.startsWith('node:')) return 'node (core)';
  const root = path.resolve(__dirname, '../..') + '/';
  return file.startsWith(root) ? `app: ${file.slice(root.length).split('/')[0]}/` : file;
}

export function formatSummary(summary: ProfileSummary): string[] {
  const pct = (s: SelfTime) => `${s.percent.toFixed(1).padStart(5)} %  ${s.ms.toFixed(0).padStart(6)} ms  ${s.name}`;
  // V8 samples wall time: "not idle" includes time the thread was runnable but waiting for a core.
  return [
    `not idle ${summary.busyMs.toFixed(0)} ms of ${summary.windowMs.toFixed(0)} ms sampled ` +
      `(${((100 * summary.busyMs) / Math.max(1, summary.windowMs)).toFixed(0)} %: running, or waiting for a core)`,
    'top functions by self time (% of not idle):',
    ...summary.functions.map(pct),
    'by package:',
    ...summary.packages.map(pct),
  ];
}

if (require.main === module) {
  const [file, from, to] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: profile-top.ts FILE.cpuprofile [FROM_US TO_US]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const summary = summarizeProfile(profile, from && to ? [[Number(from), Number(to)]] : []);
  process.stdout.write(formatSummary(summary).join('\n') + '\n');
}

/** What BENCHMARKS.md says about where and on what the figures were measured. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { ROOT } from './children';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  commit: string;
  dirty: boolean;
  date: string;
}

function git(args: string[]): string | null {
  try {
    // GIT_OPTIONAL_LOCKS=0: `git status` must not even refresh the index (read only)
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    }).trim();
  } catch {
    return null;
  }
}

export function describeMachine(): Machine {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel =
      readFileSync('/proc/cpuinfo', 'utf8')
        .split('\n')
        .find((line) => line.startsWith('model name'))
        ?.split(':')[1]
        ?.trim() ?? cpuModel;
  } catch {
    // not Linux: os.cpus() it is
  }
  return {
    cores: os.availableParallelism(),
    cpuModel,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    commit: git(['rev-parse', '--short', 'HEAD']) ?? 'unknown',
    // changes to anything but the file this run rewrites
    dirty: (git(['status', '--porcelain']) ?? '')
      .split('\n')
      .some((line) => line.trim() !== '' && !line.endsWith('BENCHMARKS.md')),
    date: new Date().toISOString(),
  };
}

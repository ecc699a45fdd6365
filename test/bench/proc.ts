/**
 * What the bench reads about other processes from /proc: CPU time (to give each scenario the
 * platform's CPU %), resident memory (fan-out's memory per client) and child processes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let ticksPerSecond: number | null = null;

/** USER_HZ, the unit of utime/stime in /proc/PID/stat (100 on Linux, but asked, not assumed). */
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** The fields after the command name: the name is in parentheses and may itself contain spaces. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** user + system CPU seconds used so far by `pid` (its threads included); 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  // stat(5): utime and stime are fields 14 and 15; fields[0] here is field 3 (state)
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/** Resident set size in bytes (VmRSS), or NaN when the process is gone. */
export function rssBytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Every live descendant of `pid` (children, grandchildren, ...), by walking parent pids. */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && fields[0] !== 'Z') parentOf.set(Number(entry), Number(fields[1]));
  }
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length) {
    const next: number[] = [];
    for (const [child, parent] of parentOf) if (frontier.includes(parent)) next.push(child);
    found.push(...next);
    frontier = next;
  }
  return found;
}

/** Pids of live processes whose command line contains `needle` (a unique temp dir of ours). */
export function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    if (commandLine(Number(entry)).includes(needle) && isAlive(Number(entry))) pids.push(Number(entry));
  }
  return pids;
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

export function isAlive(pid: number): boolean {
  const fields = statFields(pid);
  return fields !== null && fields[0] !== 'Z' && fields[0] !== 'X';
}

/** This process's soft limit on open files, which its children inherit (NaN if unknown). */
export function openFileLimit(): number {
  try {
    const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    return out === 'unlimited' ? Infinity : Number(out);
  } catch {
    return NaN;
  }
}

/** CPU used by a set of processes over an interval, as % of one core. */
export class CpuMeter {
  private readonly startWall = process.hrtime.bigint();
  private readonly startCpu: Map<number, number>;

  constructor(private readonly pids: number[]) {
    this.startCpu = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
  }

  /** % of one core per pid since construction (200 % = both cores of this machine). */
  stop(): number[] {
    const wallS = Number(process.hrtime.bigint() - this.startWall) / 1e9;
    return this.pids.map((pid) => (100 * (cpuSeconds(pid) - (this.startCpu.get(pid) ?? 0))) / wallS);
  }
}

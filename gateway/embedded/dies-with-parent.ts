import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * How a child process is made to die with this process even when this process is SIGKILLed
 * (a supervisor's kill after its stop timeout), when no `exit` handler runs:
 * - `pdeathsig`: util-linux `setpriv --pdeathsig KILL` execs the command with the kernel's
 *   parent-death signal set (prctl PR_SET_PDEATHSIG, kept across exec). The signal follows the
 *   *thread* that forked: Node's child_process.spawn forks from the calling thread, so this is
 *   only used on the main thread, which lives as long as the process;
 * - `watchdog`: a small `sh` holding the read end of a pipe whose write end only this process
 *   has; when this process dies, however, the kernel closes it, `read` sees EOF and the
 *   watchdog SIGKILLs the child (if that pid is still the child's command).
 * `auto` picks `pdeathsig` when setpriv is installed (Debian: /usr/bin/setpriv) and we are on
 * the main thread, else `watchdog`. Either way the parent's own pid-file reaping stays the
 * fallback (the short window between fork and prctl, a watchdog that was killed).
 */
export type ParentDeathMode = 'auto' | 'pdeathsig' | 'watchdog';

export interface DiesWithParent {
  mode: 'pdeathsig' | 'watchdog';
  /** for the log: how the child dies with us */
  how: string;
  /** what to spawn: the command wrapped in setpriv, or the command itself */
  command: string;
  args: string[];
  /** call once the child has spawned; returns release(), to call after a clean stop */
  guard(pid: number): () => void;
}

const WATCHDOG = 'read _ignored; if grep -q "$2" "/proc/$1/cmdline" 2>/dev/null; then kill -KILL "$1"; fi';

export function diesWithParent(command: string, args: string[], mode: ParentDeathMode = 'auto'): DiesWithParent {
  const setpriv = mode === 'watchdog' ? null : findSetpriv();
  if (mode === 'pdeathsig' && !setpriv) throw new Error('setpriv is not installed (Debian: util-linux)');
  if (mode === 'pdeathsig' && !isMainThread) throw new Error('pdeathsig follows the forking thread: main thread only');
  if (setpriv && isMainThread) {
    return {
      mode: 'pdeathsig',
      how: 'setpriv --pdeathsig KILL',
      command: setpriv,
      args: ['--pdeathsig', 'KILL', '--', command, ...args],
      guard: () => () => undefined,
    };
  }
  const why = !setpriv ? (mode === 'watchdog' ? 'as asked' : 'setpriv not found') : 'not on the main thread';
  return {
    mode: 'watchdog',
    how: `a watchdog (${why})`,
    command,
    args,
    guard(pid) {
      const watchdog = spawn('/bin/sh', ['-c', WATCHDOG, 'fd-watchdog', String(pid), path.basename(command)], {
        stdio: ['pipe', 'ignore', 'ignore'],
        detached: true, // not in our process group: a terminal's Ctrl-C is for us, not for it
      });
      watchdog.on('error', () => undefined); // no sh: the pid-file reaping remains
      watchdog.unref();
      (watchdog.stdin as Socket | null)?.unref();
      return () => {
        if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
      };
    },
  };
}

/** setpriv's path in the system's own directories (util-linux installs it in /usr/bin), or null. */
function findSetpriv(): string | null {
  for (const dir of ['/usr/bin', '/bin', '/usr/local/bin']) {
    const file = path.join(dir, 'setpriv');
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

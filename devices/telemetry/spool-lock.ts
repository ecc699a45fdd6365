import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface SpoolLock {
  release(): void;
}

/** Lock files this process holds, so a second store on the same directory in one process is refused too. */
const heldHere = new Set<string>();

/**
 * One process per spool directory: two stores replaying and deleting the same segments would
 * write points twice and lose others. The lock is a file holding the owner's pid, created with
 * O_EXCL. A lock whose pid is gone (or is not a Node process any more: pids are reused, and in a
 * container the platform often gets the same pid on every start) is stale and taken over.
 * `inUseHint` ends the error message (the platform says which DATA_DIR is shared).
 */
export function acquireSpoolLock(dir: string, inUseHint: string): SpoolLock {
  const file = path.join(dir, 'LOCK');
  if (heldHere.has(file)) throw new Error(`the telemetry spool ${dir} is already open in this process; ${inUseHint}`);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = readPid(file);
      if (holder !== null && holder !== process.pid && isLiveNodeProcess(holder)) {
        throw new Error(`the telemetry spool ${dir} is in use by process ${holder}; ${inUseHint}`);
      }
      rmSync(file, { force: true });
    }
  }
  heldHere.add(file);
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      heldHere.delete(file);
      if (readPid(file) === process.pid) rmSync(file, { force: true });
    },
  };
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isLiveNodeProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
  try {
    return /node/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true; // no /proc: we cannot tell, so a live pid holds the lock
  }
}

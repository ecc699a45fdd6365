/**
 * Every process the bench starts is registered here, so that it is stopped whatever happens:
 * a normal end, an error, Ctrl-C. Load processes are forked with an IPC channel (load/ipc.ts)
 * and are driven by `call(...)`, each call with a timeout.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { READY, type Handlers, type Reply } from './load/ipc';
import { isAlive } from './proc';

export const ROOT = path.resolve(__dirname, '../..');

const children = new Set<ChildProcess>();
/** synchronous last-resort cleanups (run on process exit), e.g. stopping PostgreSQL */
const exitHooks = new Set<() => void>();

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function onExit(hook: () => void): () => void {
  exitHooks.add(hook);
  return () => exitHooks.delete(hook);
}

/** SIGKILL whatever is still running, then the exit hooks. Synchronous: also safe in 'exit'. */
export function killEverything(): void {
  for (const child of children) {
    if (child.pid && isAlive(child.pid)) child.kill('SIGKILL');
  }
  children.clear();
  for (const hook of exitHooks) {
    try {
      hook();
    } catch {
      // keep going: the other hooks must run too
    }
  }
  exitHooks.clear();
}

type Arg<F> = F extends (args: infer A) => unknown ? A : never;
type Result<F> = F extends (args: never) => infer R ? Awaited<R> : never;

/** A forked load process (test/bench/load/NAME.ts) and its commands. */
export class LoadProcess<H extends Handlers> {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.on('message', (message: Reply | typeof READY) => {
      if (message === READY) return;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      clearTimeout(waiter.timer);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${name}: ${message.error}`));
    });
    child.once('exit', (code, signal) => {
      for (const waiter of this.pending.values()) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`load process ${name} exited (${signal ?? code})`));
      }
      this.pending.clear();
    });
  }

  /** Forks load/NAME.ts under swc (the bench's own TypeScript setup) and waits until it serves. */
  static async start<H extends Handlers>(name: string, timeoutMs = 30_000): Promise<LoadProcess<H>> {
    const child = track(
      fork(path.join(__dirname, 'load', `${name}.ts`), [], {
        cwd: ROOT,
        execArgv: ['-r', '@swc-node/register'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    const load = new LoadProcess<H>(name, child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`load process ${name} did not start within ${timeoutMs} ms`));
      }, timeoutMs);
      child.on('message', (message) => {
        if (message !== READY) return;
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`load process ${name} exited (${code}) before it was ready`));
      });
    });
    return load;
  }

  call<K extends keyof H & string>(cmd: K, args: Arg<H[K]>, timeoutMs: number): Promise<Result<H[K]>> {
    const id = this.nextId++;
    return new Promise<Result<H[K]>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}.${cmd} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.child.send({ id, cmd, args });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Closing the channel makes the child exit (load/ipc.ts); SIGKILL if it has not within 5 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

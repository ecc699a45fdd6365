/**
 * The tiny request/response protocol between the bench (parent) and its load processes
 * (children forked with an IPC channel). A child exports its handlers' type; the parent
 * imports only that type, so no load code ever runs in the bench's own event loop.
 */

/** A load process's commands: one argument in, a JSON-serialisable result out. */
export type Handlers = Record<string, (args: never) => unknown>;

export interface Request {
  id: number;
  cmd: string;
  args: unknown;
}

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** The first message a child sends, once its handlers are in place. */
export const READY = 'ready';

/**
 * Serves `handlers` over the IPC channel. The child exits when the channel closes, so a
 * bench that dies (even by SIGKILL) leaves no load process behind.
 */
export function serve(handlers: Handlers): void {
  const send = (message: Reply | typeof READY) => process.send?.(message);
  process.on('message', (message: Request) => {
    const handler = handlers[message.cmd] as ((args: unknown) => unknown) | undefined;
    if (!handler) {
      send({ id: message.id, ok: false, error: `unknown command ${message.cmd}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.args))
      .then(
        (result) => send({ id: message.id, ok: true, result: result ?? null }),
        (error: unknown) =>
          send({
            id: message.id,
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      );
  });
  process.on('disconnect', () => process.exit(0));
  send(READY);
}

/** process.hrtime in microseconds: CLOCK_MONOTONIC, the same clock in every process on Linux. */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

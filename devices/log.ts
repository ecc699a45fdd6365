/**
 * The platform's logger and the `Log` interface everything logs through. It lives in
 * `devices/` because `devices/` may import neither `schema/` nor `gateway/`, and every layer
 * logs; `fields` carry ids and counts, never secrets.
 *
 * One-line logs to stderr: `2026-11-26T19:20:00.000Z INFO message {"k":"v"}`. Deliberately tiny:
 * the platform logs little, and operators read it in a terminal; a JSON logger (pino) can
 * replace `createLogger` behind the same interface.
 */
export interface Log {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything (tests, optional logs). */
export const SILENT_LOG: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

export function createLogger(
  level: string,
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): Log {
  const min = LEVELS[(level as Level) in LEVELS ? (level as Level) : 'info'];
  const at =
    (name: Level) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (LEVELS[name] < min) return;
      const extra = fields && Object.keys(fields).length ? ' ' + JSON.stringify(fields) : '';
      write(`${new Date().toISOString()} ${name.toUpperCase()} ${message}${extra}`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
}

/** An error's message (its stack stays out of one-line fields). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Lets a line that may repeat thousands of times a second (a device with a wrong clock, a
 * full spool) through at most once per `everyMs`, counting what happened in between.
 */
export class LogThrottle {
  private lastMs = -Infinity;
  private since = 0;

  constructor(private readonly everyMs: number) {}

  /** Counts `n` occurrences; when a line is due now, how many since the last one, else null. */
  due(n = 1, nowMs = Date.now()): number | null {
    this.since += n;
    if (nowMs - this.lastMs < this.everyMs) return null;
    this.lastMs = nowMs;
    const count = this.since;
    this.since = 0;
    return count;
  }
}

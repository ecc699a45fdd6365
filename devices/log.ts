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

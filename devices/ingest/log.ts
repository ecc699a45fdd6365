/**
 * The logger `devices/` writes to: structural, so the platform can pass its own (pino, console
 * wrapper) without `devices/` depending on it. `fields` carry ids and counts, never secrets.
 */
export interface Log {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything (tests, optional logs). */
export const SILENT_LOG: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

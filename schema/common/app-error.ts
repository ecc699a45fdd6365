/**
 * The one error type of the platform. Resolvers and services throw it; the gateway maps
 * `code` to `extensions.code` in one place (gateway/graphql/format-error.ts). Anything
 * else that escapes is masked as INTERNAL. The codes are those listed at the end of the
 * core contract (README "Errors").
 */
export type AppErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE';

export class AppError extends Error {
  /** extra fields for `extensions`; a `code` among them is dropped, so it can never replace the real one */
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
    if (details) {
      const { code: _ignored, ...rest } = details;
      this.details = rest;
    }
  }

  static notFound(what: string, id: string): AppError {
    return new AppError('NOT_FOUND', `${what} ${id} not found`, { id });
  }

  static badInput(message: string, details?: Record<string, unknown>): AppError {
    return new AppError('BAD_USER_INPUT', message, details);
  }

  /** A stale version or a duplicate: the caller should read again and retry. */
  static conflict(message: string, details?: Record<string, unknown>): AppError {
    return new AppError('CONFLICT', message, details);
  }

  /** A lifecycle move the aggregate's table of allowed moves does not have. */
  static invalidTransition(what: string, from: string, move: string): AppError {
    return new AppError('INVALID_TRANSITION', `${what} cannot ${move} from ${from}`, { from, move });
  }
}

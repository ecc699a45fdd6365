/**
 * The one error type of the platform. Resolvers and services throw it; the gateway maps
 * `code` to `extensions.code` in one place (gateway/graphql/format-error.ts). Anything
 * else that escapes is masked as INTERNAL_SERVER_ERROR.
 */
export type AppErrorCode =
  'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(what: string, id: string): AppError {
    return new AppError('NOT_FOUND', `${what} ${id} not found`, { id });
  }

  static badInput(message: string, details?: Record<string, unknown>): AppError {
    return new AppError('BAD_USER_INPUT', message, details);
  }
}

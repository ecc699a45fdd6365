import { unwrapResolverError } from '@apollo/server/errors';
import {
  DriverException,
  ForeignKeyConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { AppError, type AppErrorCode } from '../../schema/common/app-error';

/** Codes that graphql-js and Apollo give errors the client caused; they pass through as they are. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED', // a bad token, refused while the request context is built
]);

export interface ErrorLog {
  /** an error the client may see mapped (a driver error turned into CONFLICT, say): its cause, kept for us */
  mapped(error: unknown, code: string): void;
  /** an error nobody expected: masked as INTERNAL */
  internal(error: unknown): void;
}

/**
 * The one place errors become responses (one AppError with a code, mapped
 * once). AppError → its code (its details can never replace it); class-validator failures →
 * BAD_USER_INPUT with the fields; database errors the client caused → CONFLICT (a duplicate,
 * a stale version) or BAD_USER_INPUT, with their cause logged first; the client's own
 * mistakes pass; everything else is logged and masked as INTERNAL (core contract, "Error codes").
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: ErrorLog,
  options: FormatOptions = { development: false, hideSuggestions: false },
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const answer = (code: string, message: string, extra: Record<string, unknown> = {}): GraphQLFormattedError => ({
    message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { ...extra, code },
  });
  if (original instanceof AppError) {
    if (original.cause !== undefined) log.mapped(original.cause, original.code);
    return answer(original.code, original.message, original.details);
  }
  if (original instanceof ArgumentValidationError) {
    const problems = original.extensions.validationErrors;
    return answer(
      'BAD_USER_INPUT',
      'Invalid input: ' + problems.map((e) => Object.values(e.constraints ?? {}).join(', ')).join('; '),
      { fields: problems.map((e) => ({ field: e.property, problems: Object.values(e.constraints ?? {}) })) },
    );
  }
  const mapped = mapDatabaseError(original);
  if (mapped) {
    log.mapped(original, mapped.code);
    return answer(mapped.code, mapped.message);
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) return clientError(formatted, code, options);
  log.internal(original);
  return answer('INTERNAL', 'Internal server error');
}

export interface FormatOptions {
  /** NODE_ENV=development: keep the stack trace Apollo adds; never otherwise */
  development: boolean;
  /** production: no "Did you mean …?" naming the schema's fields, types or values */
  hideSuggestions: boolean;
}

/** graphql-js's own words when `parse` stops at `maxTokens` (gateway/graphql/limits.ts) */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens\. Parsing aborted\.$/;

/** A client's mistake as graphql-js or Apollo said it, minus what a stranger should not learn. */
function clientError(formatted: GraphQLFormattedError, code: string, options: FormatOptions): GraphQLFormattedError {
  const { stacktrace, ...extensions } = formatted.extensions ?? {};
  let message = formatted.message;
  if (options.hideSuggestions) message = message.replace(/ ?Did you mean .+\?/, '');
  const tokens = TOKEN_LIMIT.exec(message);
  if (tokens) {
    // a document over the token limit is refused like any other limit (core contract, "Error codes")
    return { message: `Query token limit of ${tokens[1]} exceeded`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  return {
    ...formatted,
    message,
    extensions: { ...extensions, code, ...(options.development && stacktrace ? { stacktrace } : {}) },
  };
}

/** Database errors that describe the request, not a fault of ours. */
function mapDatabaseError(error: unknown): { code: AppErrorCode; message: string } | null {
  if (error instanceof UniqueConstraintViolationException)
    return { code: 'CONFLICT', message: 'A record with the same unique value already exists' };
  if (error instanceof OptimisticLockError)
    return { code: 'CONFLICT', message: 'The record was changed by someone else: read it again and retry' };
  if (error instanceof ForeignKeyConstraintViolationException)
    return { code: 'BAD_USER_INPUT', message: 'A referenced record does not exist (or is still referenced)' };
  // PostgreSQL 57014 query_canceled: the request's statement ran past REQUEST_STATEMENT_TIMEOUT_MS
  // (MikroORM converts it for entity queries; raw SQL leaves pg's own DatabaseError)
  if (error instanceof Error && (error as { code?: unknown }).code === '57014')
    return {
      code: 'BAD_USER_INPUT',
      message:
        'The request took longer than the database allows one request: ask for less (smaller pages, shorter ranges)',
    };
  // PostgreSQL 22001 string_data_right_truncation: a text longer than its varchar column, for
  // any input without a length validator (entity queries and raw SQL alike)
  if (error instanceof Error && (error as { code?: unknown }).code === '22001')
    return { code: 'BAD_USER_INPUT', message: 'A value is longer than its field allows' };
  // PostgreSQL 22P02 invalid_text_representation: an id that is not a UUID, say
  if (error instanceof DriverException && error.code === '22P02')
    return { code: 'BAD_USER_INPUT', message: 'A value has the wrong format (ids are UUIDs)' };
  return null;
}

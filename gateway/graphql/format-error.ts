import { unwrapResolverError } from '@apollo/server/errors';
import { DriverException } from '@mikro-orm/core';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { AppError } from '../../schema/common/app-error';

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

/**
 * The one place errors become responses (ARCHITECTURE: one AppError with a code, mapped
 * once). AppError → its code; class-validator failures → BAD_USER_INPUT with the fields;
 * the client's own mistakes pass; everything else is masked and logged.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal: (error: unknown) => void,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.code, ...(original.details ?? {}) },
    };
  }
  if (original instanceof ArgumentValidationError) {
    return {
      message:
        'Invalid input: ' +
        original.extensions.validationErrors.map((e) => Object.values(e.constraints ?? {}).join(', ')).join('; '),
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: original.extensions.validationErrors.map((e) => ({
          field: e.property,
          problems: Object.values(e.constraints ?? {}),
        })),
      },
    };
  }
  // PostgreSQL 22P02 invalid_text_representation: an id that is not a UUID, say
  if (original instanceof DriverException && original.code === '22P02') {
    return {
      message: 'A value has the wrong format (ids are UUIDs)',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
  onInternal(original);
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

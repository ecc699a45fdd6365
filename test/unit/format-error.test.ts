// Real: gateway/graphql/format-error.ts, AppError, MikroORM's exception classes and a real
// GraphQLError as Apollo hands it over. Faked: the error log (a recorder). No I/O.
import { DriverException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { formatError } from '../../gateway/graphql/format-error';
import { AppError } from '../../schema/common/app-error';

function format(original: unknown) {
  const logged: Array<{ kind: string; error: unknown; code?: string }> = [];
  const log = {
    mapped: (error: unknown, code: string) => logged.push({ kind: 'mapped', error, code }),
    internal: (error: unknown) => logged.push({ kind: 'internal', error }),
  };
  const wrapped = new GraphQLError('resolver failed', { path: ['x'], originalError: original as Error });
  return { result: formatError(wrapped.toJSON(), wrapped, log), logged };
}

describe('formatError', () => {
  it('maps a unique violation to CONFLICT, never INTERNAL, and logs the cause first', () => {
    const cause = new UniqueConstraintViolationException(
      Object.assign(new Error('duplicate key value violates unique constraint "equipment_code_unique"'), {
        code: '23505',
      }),
    );
    const { result, logged } = format(cause);
    expect(result.extensions?.code).toBe('CONFLICT');
    expect(result.message).not.toMatch(/equipment_code_unique/); // the constraint stays in the log
    expect(logged).toEqual([{ kind: 'mapped', error: cause, code: 'CONFLICT' }]);
  });

  it('maps a statement cut by statement_timeout to BAD_USER_INPUT saying to ask for less, and logs it', () => {
    const cause = new DriverException(
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
    );
    const { result, logged } = format(cause);
    expect(result.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.message).toMatch(/ask for less/);
    expect(logged).toEqual([{ kind: 'mapped', error: cause, code: 'BAD_USER_INPUT' }]);
  });

  it('maps a value too long for its column (22001) to BAD_USER_INPUT, from the ORM and from raw SQL', () => {
    const tooLong = () => Object.assign(new Error('value too long for type character varying(200)'), { code: '22001' });
    for (const cause of [new DriverException(tooLong()), tooLong()]) {
      const { result, logged } = format(cause);
      expect(result.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.message).toMatch(/longer than its field allows/);
      expect(logged).toEqual([{ kind: 'mapped', error: cause, code: 'BAD_USER_INPUT' }]);
    }
  });

  it('maps a stale version (optimistic lock) to CONFLICT', () => {
    const { result } = format(OptimisticLockError.lockFailed('Alert'));
    expect(result.extensions?.code).toBe('CONFLICT');
  });

  it('keeps an AppError code even when its details carry a `code`', () => {
    const { result } = format(new AppError('NOT_FOUND', 'Alert x not found', { id: 'x', code: 'INTERNAL' }));
    expect(result.extensions).toEqual({ id: 'x', code: 'NOT_FOUND' });
    expect(new AppError('CONFLICT', 'stale', { code: 'FORBIDDEN', version: 3 }).details).toEqual({ version: 3 });
  });

  it('logs the cause of an AppError that wraps one', () => {
    const cause = new Error('deadlock detected');
    const { result, logged } = format(new AppError('CONFLICT', 'try again', undefined, { cause }));
    expect(result.extensions?.code).toBe('CONFLICT');
    expect(logged).toEqual([{ kind: 'mapped', error: cause, code: 'CONFLICT' }]);
  });

  it('masks anything unexpected as INTERNAL and logs it', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const { result, logged } = format(bug);
    expect(result).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL' } });
    expect(logged).toEqual([{ kind: 'internal', error: bug }]);
  });

  describe('a client error as graphql-js or Apollo formatted it', () => {
    const log = { mapped: () => undefined, internal: () => undefined };
    const validation = {
      message: 'Cannot query field "mee" on type "Query". Did you mean "me"?',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['GraphQLError: …', '    at /srv/app/x.js:1:1'] },
    };

    it('carries no stack trace unless NODE_ENV=development', () => {
      const answer = formatError(validation, null, log, { development: false, hideSuggestions: false });
      expect(answer.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
      const debugging = formatError(validation, null, log, { development: true, hideSuggestions: false });
      expect(debugging.extensions?.stacktrace).toEqual(validation.extensions.stacktrace);
    });

    it('drops "Did you mean" in production', () => {
      expect(formatError(validation, null, log, { development: false, hideSuggestions: true }).message).toBe(
        'Cannot query field "mee" on type "Query".',
      );
      expect(formatError(validation, null, log).message).toBe(validation.message);
    });

    it('answers a document over the token limit as GRAPHQL_VALIDATION_FAILED, like the other limits', () => {
      const parse = {
        message: 'Syntax Error: Document contains more that 1000 tokens. Parsing aborted.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      };
      expect(formatError(parse, null, log)).toEqual({
        message: 'Query token limit of 1000 exceeded',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    });
  });
});

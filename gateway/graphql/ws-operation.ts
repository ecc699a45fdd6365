import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  execute,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { CallerConcurrency } from '../http/caller-concurrency';
import type { RequestContext } from '../../schema/context';
import { LIMITS, limitRules } from './limits';
import { costError, unresolvedOperation } from './operation-cost';

/**
 * A graphql-ws `subscribe` message checked as Apollo checks a POST (gateway/http/server.ts):
 * parsed within the token limit, validated with the shape limits (and without introspection in
 * production), its operation resolved and its cost counted with its variables. Returns what
 * graphql-ws executes, or the errors it answers with.
 */
export function prepareWsOperation(
  schema: GraphQLSchema,
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  options: { introspection: boolean; hideSuggestions: boolean },
): Omit<ExecutionArgs, 'contextValue'> | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: LIMITS.maxTokens });
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed';
    return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
  const rules = [
    ...specifiedRules,
    ...limitRules(),
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const invalid = validate(schema, document, rules, { hideSuggestions: options.hideSuggestions });
  if (invalid.length > 0) {
    // as Apollo labels them over HTTP; the limits' own errors already carry the code
    return invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
  }
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return [unresolvedOperation(payload.operationName)];
  const variables = payload.variables ?? undefined;
  const tooCostly = costError(schema, document, operation, variables, LIMITS.maxCost);
  if (tooCostly) return [tooCostly];
  return { schema, document, operationName: payload.operationName, variableValues: variables };
}

/** Queries and mutations over WebSocket take the caller's turn as they would over HTTP. */
export function gatedExecute(concurrency: CallerConcurrency) {
  return async (args: ExecutionArgs): Promise<ExecutionResult> => {
    const caller = (args.contextValue as RequestContext).caller;
    const release = await concurrency.acquire(`staff:${caller?.staffId ?? ''}`);
    if (!release) {
      return {
        errors: [
          new GraphQLError('Too many operations at once from this caller; retry shortly', {
            extensions: { code: 'TOO_MANY_REQUESTS' },
          }),
        ],
      };
    }
    try {
      const result = await execute(args);
      // no `data` at all: the request itself was refused (its variables), as Apollo answers
      // BAD_USER_INPUT over HTTP; errors met while resolving keep their own way (format-error.ts)
      if (!('data' in result) && result.errors) {
        return { errors: result.errors.map((error) => withCode(error, 'BAD_USER_INPUT')) };
      }
      return result;
    } finally {
      release();
    }
  };
}

/** The error with `code` in its extensions, unless it has one already. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } });
}

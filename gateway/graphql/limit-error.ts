import { GraphQLError } from 'graphql';

/** A refusal by a limit (README "Limits"): GRAPHQL_VALIDATION_FAILED (core contract, "Error codes"), HTTP 400. */
export function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
}

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../../schema/context';

/** Root fields anyone may ask for: signing in, and the schema itself where introspection is on. */
const PUBLIC_ROOT_FIELDS = new Set(['login', '__typename']);
const INTROSPECTION_ROOT_FIELDS = new Set(['__schema', '__type']);

/**
 * Every operation but `login` needs a staff token (issue #2, "every operation requires a staff
 * token"). Checked once per operation, before execution, so no resolver can be reached
 * without a caller even if its own `@Authorized` were forgotten; the per-field role checks
 * (`@Authorized([roles])`) still apply. Over WebSocket the token is checked at connect.
 */
export function requireStaffPlugin(introspection: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.caller || (operation && isPublic(operation, introspection))) return;
          throw new GraphQLError('A staff token is required (Authorization: Bearer <token>); sign in with `login`', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        },
      };
    },
  };
}

function isPublic(operation: OperationDefinitionNode, introspection: boolean): boolean {
  return operation.selectionSet.selections.every(
    (selection) =>
      selection.kind === Kind.FIELD &&
      (PUBLIC_ROOT_FIELDS.has(selection.name.value) ||
        (introspection && INTROSPECTION_ROOT_FIELDS.has(selection.name.value))),
  );
}

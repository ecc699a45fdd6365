import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isInterfaceType,
  isObjectType,
  valueFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { limitError } from './limit-error';

/**
 * What an operation costs, before it runs: the price of its fields times the sizes of the lists
 * they sit in. A list's size is its `first` (a literal, a variable or the argument's default);
 * a list without one counts as `listSize` items. Introspection (`__schema`, `__type`) is not
 * priced: it is off in production and bounded by the shape limits elsewhere.
 */
export const COSTS = {
  /** a root field: at least one statement or request to a store */
  rootField: 10,
  /** each object answered (a row, a loader hit) */
  object: 1,
  /** a scalar or enum: a value already read */
  leaf: 0,
  /** items assumed in a list without `first` */
  listSize: 20,
  /**
   * Lists without `first` whose size the domain bounds in practice: a resident's occupancies (a
   * home or two over the years), a unit's current occupants (a household), the residents matched
   * by one phone, the requests of one call, the moves of one work order (a dozen for a long
   * one), an incident's alerts, buildings and notices. Priced at 20 they made the service desk's contract
   * lists (`residents(first: 500)`) cost six times the limit for what is a few rows each.
   */
  listSizes: {
    'Resident.occupancies': 2,
    'Unit.residents': 4,
    'Call.matchedResidents': 2,
    'Call.requests': 2,
    'WorkOrder.history': 8,
    // an incident: the alerts of one supply, a few buildings, a notice and its update
    'Incident.alerts': 4,
    'Incident.buildings': 4,
    'Incident.announcements': 2,
  } as Readonly<Record<string, number>>,
  /** fields that cost more than their shape says, on top of the above */
  fields: {
    // a query to InfluxDB over a time range
    'Query.telemetry': 1_000,
  } as Readonly<Record<string, number>>,
};

type Variables = Readonly<Record<string, unknown>> | undefined;

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  // a fragment spread many times (or fragments spreading fragments) is priced once per list size
  const memo = new Map<string, number>();

  const selectionSetCost = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    pendingFirst: number | null,
    isRoot: boolean,
  ): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (isCompositeType(type)) total += selectionSetCost(selection.selectionSet, type, pendingFirst, isRoot);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const key = `${selection.name.value}|${pendingFirst}|${isRoot}`;
        let cost = memo.get(key);
        if (cost === undefined) {
          const fragment = fragments.get(selection.name.value);
          const type = fragment && schema.getType(fragment.typeCondition.name.value);
          memo.set(key, 0); // a cycle (refused by validation anyway) adds nothing
          cost =
            fragment && isCompositeType(type) ? selectionSetCost(fragment.selectionSet, type, pendingFirst, isRoot) : 0;
          memo.set(key, cost);
        }
        total += cost;
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
      if (!field) continue;
      const first = firstOf(field, selection.arguments ?? [], variables) ?? pendingFirst;
      const type = getNullableType(field.type);
      const list = isListType(type);
      const items = list ? (first ?? COSTS.listSizes[`${parent.name}.${name}`] ?? COSTS.listSize) : 1;
      const named = getNamedType(type);
      const own = (COSTS.fields[`${parent.name}.${name}`] ?? 0) + (isRoot ? COSTS.rootField : 0);
      const each =
        isCompositeType(named) && selection.selectionSet
          ? COSTS.object + selectionSetCost(selection.selectionSet, named, list ? null : first, false)
          : COSTS.leaf;
      total += own + items * each;
    }
    return total;
  };
  return selectionSetCost(operation.selectionSet, root, null, true);
}

/** The `first` argument's value: a literal, a variable, or the argument's default. */
function firstOf(
  field: GraphQLField<unknown, unknown>,
  args: ReadonlyArray<{ name: { value: string }; value: Parameters<typeof valueFromAST>[0] }>,
  variables: Variables,
): number | null {
  const definition = field.args.find((arg) => arg.name === 'first');
  if (!definition) return null;
  const node = args.find((arg) => arg.name.value === 'first');
  const value = (node && valueFromAST(node.value, definition.type, variables as never)) ?? definition.defaultValue;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** The cost limit as an error, or null when the operation is within it. */
export function costError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
  maxCost: number,
): GraphQLError | null {
  const cost = operationCost(schema, document, operation, variables);
  return cost > maxCost ? limitError(`Query cost limit of ${maxCost} exceeded, found ${Math.ceil(cost)}`) : null;
}

/** What answers a document whose operation cannot be told (several, none named as asked). */
export function unresolvedOperation(operationName: string | null | undefined): GraphQLError {
  return new GraphQLError(
    operationName
      ? `The document has no operation named "${operationName}"`
      : 'The document has several operations: say which one in operationName',
    { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
  );
}

/**
 * The cost limit for Apollo Server, checked once the operation and its variables are known. A
 * document whose operation cannot be resolved stops here too, with a 400, before any other
 * plugin's later hooks see no operation.
 */
export function costLimitPlugin<T extends object>(maxCost: number): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) throw unresolvedOperation(request.operationName);
          const error = costError(schema, document, operation, request.variables, maxCost);
          if (error) throw error;
        },
      };
    },
  };
}

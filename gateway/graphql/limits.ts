import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { limitError } from './limit-error';
import { repeatedFieldsRule } from './repeated-fields-rule';

/**
 * What one GraphQL operation may ask for, over HTTP and graphql-ws alike (README "Limits").
 * Every operation of the desk (dashboards/desk/operations) and of the contracts
 * (test/contract-operations.graphql, test/operations) stays well inside them; a test checks it.
 */
export const LIMITS = {
  /** lexical tokens in a document: bounds parsing and every later pass */
  maxTokens: 1_000,
  /** nesting of fields (a fragment spread counts as one level) */
  maxDepth: 10,
  /** aliased fields (`a: me { id }`) in one operation, fragments included */
  maxAliases: 15,
  /** one response key asked for more than this often in one selection set is refused */
  maxRepeatedFields: 5,
  /** directives in one operation */
  maxDirectives: 10,
  /** total cost (gateway/graphql/operation-cost.ts) */
  maxCost: 5_000,
  /** request body of an authenticated POST /graphql */
  maxBodyBytes: 256 * 1024,
  /** request body of an archive keeper: a roster file (10 MiB of base64) in `variables`; the rest within maxBodyBytes */
  maxImportBodyBytes: 11 * 1024 * 1024,
  /** request body without a valid token: only `login` is public, and it is small */
  maxPublicBodyBytes: 4 * 1024,
  /** one graphql-ws message */
  maxWsMessageBytes: 256 * 1024,
  /** a caller's operations waiting for a turn (API_CONCURRENCY_PER_CALLER, _TOTAL); more are TOO_MANY_REQUESTS */
  queuedPerCaller: 16,
} as const;

/** graphql-armor reports "Syntax Error: …"; ours is a limit, said plainly and with our code. */
const report = (context: ValidationContext | null, error: GraphQLError) =>
  context?.reportError(limitError(error.message.replace(/^Syntax Error: /, '')));
const reject = { propagateOnRejection: false, onReject: [report] };

/**
 * The shape limits, as validation rules run after graphql-js's own (Apollo's `validationRules`
 * and graphql-ws's `onSubscribe`). The cost, which needs the variables, is checked once the
 * operation is resolved (operation-cost.ts).
 */
/** The shape limits a set of rules enforces; LIMITS unless a test tightens them. */
export type ShapeLimits = Record<'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxRepeatedFields', number>;

export function limitRules(limits: ShapeLimits = LIMITS): ValidationRule[] {
  // graphql-armor's depth, alias and directive rules; its token limit is graphql-js's own
  // (`maxTokens` at parse), its cost ignores variables and field prices (operation-cost.ts), and
  // suggestions are hidden by graphql-js and format-error.ts
  const armor = new ApolloArmor({
    maxDepth: { ...reject, n: limits.maxDepth },
    maxAliases: { ...reject, n: limits.maxAliases },
    maxDirectives: { ...reject, n: limits.maxDirectives },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return [...(armor.validationRules as ValidationRule[]), repeatedFieldsRule(limits.maxRepeatedFields)];
}

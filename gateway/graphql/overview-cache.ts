import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { Kind, type FormattedExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../../schema/context';

type Body = FormattedExecutionResult<Record<string, unknown>, Record<string, unknown>>;

/**
 * Whole responses of the desk's overview queries, reused until the next published event.
 * Every open desk asks the same question (`ActiveAlerts`), and its answer changes only when an
 * alert or work order event is published — which empties this cache (gateway/container.ts),
 * as it empties the alert pages below it. A hit skips execution entirely; only parsing (cached
 * by Apollo) and serialising remain. `maxAgeMs` bounds staleness from changes made elsewhere.
 */
export class OverviewResponseCache {
  private entries = new Map<string, { at: number; body: Body }>();
  /** bumped by every invalidation: an answer computed across one is not kept */
  private generation = 0;

  constructor(
    /** root fields whose answers change only through published events */
    private readonly rootFields: ReadonlySet<string>,
    private readonly maxAgeMs: number,
    private readonly maxEntries = 200,
  ) {}

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  plugin(): ApolloServerPlugin<RequestContext> {
    return {
      requestDidStart: async () => {
        let key: string | null = null;
        let generation = -1;
        return {
          responseForOperation: async ({ operation, request, contextValue, queryHash }) => {
            // Apollo asks even when the document's operation could not be resolved
            if (!operation || !this.cacheable(operation) || !contextValue.caller) return null;
            const candidate = [
              queryHash,
              request.operationName ?? '',
              JSON.stringify(request.variables ?? {}),
              contextValue.caller.role,
              // answers differ by the sites the caller may see (schema/estate/site-scope.ts)
              contextValue.caller.siteIds?.join(',') ?? '*',
            ].join('|');
            const hit = this.entries.get(candidate);
            if (hit && Date.now() - hit.at < this.maxAgeMs) {
              return {
                http: { status: undefined, headers: new HeaderMap() },
                body: { kind: 'single', singleResult: hit.body },
              };
            }
            key = candidate;
            generation = this.generation;
            return null;
          },
          willSendResponse: async ({ response }) => {
            if (key === null || generation !== this.generation) return;
            if (response.body.kind !== 'single' || response.body.singleResult.errors) return;
            if (this.entries.size >= this.maxEntries) this.entries.clear();
            this.entries.set(key, { at: Date.now(), body: response.body.singleResult as Body });
          },
        };
      },
    };
  }

  private cacheable(operation: OperationDefinitionNode): boolean {
    return (
      operation.operation === 'query' &&
      operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && this.rootFields.has(s.name.value))
    );
  }
}

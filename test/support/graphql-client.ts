import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;
}

/** POST a GraphQL operation over real HTTP, as an integrator would. */
export async function postGraphql<T, V>(
  url: string,
  document: TypedDocumentNode<T, V> | DocumentNode | string,
  variables?: V,
  token?: string,
): Promise<GraphqlResponse<T>> {
  const query = typeof document === 'string' ? document : print(document);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphqlResponse<T>;
  return { ...body, status: response.status };
}

/** The same, failing the test with the errors when there are any. */
export async function gql<T, V>(
  url: string,
  document: TypedDocumentNode<T, V>,
  variables: V,
  token?: string,
): Promise<T> {
  const result = await postGraphql(url, document, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** A real graphql-ws client (graphql-transport-ws) with the token in connectionParams. */
export function wsClient(graphqlUrl: string, token: string | null, options: { retryAttempts?: number } = {}): Client {
  return createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: options.retryAttempts ?? 0,
    lazy: false,
    // a refused connection reaches the subscribers' error callbacks; do not also log it
    onNonLazyError: () => undefined,
  });
}

/** Collects a subscription's events; `next(n)` waits until n have arrived. */
export function collect<T>(client: Client, query: string | DocumentNode): Collector<T> {
  return new Collector<T>(client, typeof query === 'string' ? query : print(query));
}

export class Collector<T> {
  readonly events: T[] = [];
  readonly errors: unknown[] = [];
  private waiters: Array<() => void> = [];
  readonly unsubscribe: () => void;

  constructor(client: Client, query: string) {
    this.unsubscribe = client.subscribe<T>(
      { query },
      {
        next: (value) => {
          if (value.errors) this.errors.push(value.errors);
          if (value.data) this.events.push(value.data as T);
          this.waiters.forEach((wake) => wake());
        },
        error: (error) => {
          this.errors.push(error);
          this.waiters.forEach((wake) => wake());
        },
        complete: () => undefined,
      },
    );
  }

  async next(count: number, timeoutMs = 10_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      if (this.errors.length) throw new Error(`subscription failed: ${JSON.stringify(this.errors)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} events, got ${this.events.length} in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.events.slice(0, count);
  }
}

import {
  createSourceEventStream,
  execute,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * graphql-ws's `subscribe`, executing each published event ONCE per distinct operation
 * instead of once per subscriber. graphql-js maps every subscriber's event stream through
 * `execute` separately; with thousands of desk clients subscribed to the same `alertRaised`
 * selection that is thousands of identical executions per alert. Here the result is
 * memoised on the event object (the PubSub hands every subscriber the same one) and the
 * operation's text, variables and `scope` (callers whose results could differ: role, sites).
 * `visible` drops, per subscriber, the events it may not see (another site's) before any
 * execution.
 */
export function createSharedSubscribe(
  scope: (args: ExecutionArgs) => string,
  visible: (args: ExecutionArgs, event: unknown) => boolean = () => true,
) {
  const byEvent = new WeakMap<object, Map<string, Result>>();
  const documentText = new WeakMap<DocumentNode, string>();

  return async function subscribe(args: ExecutionArgs) {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source; // an ExecutionResult with the errors
    let text = documentText.get(args.document);
    if (text === undefined) {
      text = print(args.document);
      documentText.set(args.document, text);
    }
    const key = [text, args.operationName ?? '', JSON.stringify(args.variableValues ?? {}), scope(args)].join('\u0000');
    return mapAsyncIterable(
      source,
      (event) => visible(args, event),
      (event) => {
        if (typeof event !== 'object' || event === null) return execute({ ...args, rootValue: event });
        let results = byEvent.get(event);
        if (!results) byEvent.set(event, (results = new Map()));
        let result = results.get(key);
        if (!result) results.set(key, (result = execute({ ...args, rootValue: event })));
        return result;
      },
    );
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Filters and maps an async iterable without an async generator: `return()` must reach the
 * source at once (an async generator would queue it behind the pending `next()`, keeping an
 * unsubscribed client's PubSub listener until the next event).
 */
function mapAsyncIterable<T, U>(
  iterable: AsyncIterable<T>,
  keep: (value: T) => boolean,
  map: (value: T) => U | Promise<U>,
): AsyncIterableIterator<U> {
  const iterator = iterable[Symbol.asyncIterator]();
  const mapped = async (result: IteratorResult<T>): Promise<IteratorResult<U>> =>
    result.done ? { done: true, value: undefined } : { done: false, value: await map(result.value) };
  const nextKept = async (): Promise<IteratorResult<U>> => {
    for (;;) {
      const result = await iterator.next();
      if (result.done || keep(result.value)) return mapped(result);
    }
  };
  return {
    next: nextKept,
    return: () =>
      iterator.return ? iterator.return().then(mapped) : Promise.resolve({ done: true, value: undefined }),
    throw: (error?: unknown) => (iterator.throw ? iterator.throw(error).then(mapped) : Promise.reject(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

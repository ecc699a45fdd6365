import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { createSharedSubscribe } from '../../gateway/http/shared-subscribe';

/**
 * Pure: a real graphql-js schema and a real PubSub, no network; faked: nothing. The subscription field's
 * resolver counts its calls, which is what the memoisation must save.
 */
function setup() {
  const pubSub = createPubSub<{ EVENT: [{ id: string }] }>();
  let resolved = 0;
  let listeners = 0;
  const Event = new GraphQLObjectType({
    name: 'Event',
    fields: {
      id: { type: GraphQLString },
      shout: { type: GraphQLString, resolve: (e: { id: string }) => e.id.toUpperCase() },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        event: {
          type: Event,
          subscribe: () => {
            listeners++;
            const source = pubSub.subscribe('EVENT');
            const iterator = source[Symbol.asyncIterator]();
            return {
              next: () => iterator.next(),
              return: () => {
                listeners--;
                return iterator.return!();
              },
              [Symbol.asyncIterator]() {
                return this;
              },
            };
          },
          resolve: (payload: { id: string }) => {
            resolved++;
            return payload;
          },
        },
      },
    }),
  });
  return { pubSub, schema, resolvedCount: () => resolved, listenerCount: () => listeners };
}

const subscribeWith = (
  subscribe: ReturnType<typeof createSharedSubscribe>,
  schema: GraphQLSchema,
  query: string,
  role = 'A',
) =>
  subscribe({ schema, document: parse(query), contextValue: { role } }) as Promise<
    AsyncIterableIterator<ExecutionResult>
  >;

describe('createSharedSubscribe', () => {
  it('executes an event once for every subscriber of the same operation, and each gets the result', async () => {
    const { pubSub, schema, resolvedCount } = setup();
    const subscribe = createSharedSubscribe((args) => (args.contextValue as { role: string }).role);
    const streams = await Promise.all(
      Array.from({ length: 20 }, () => subscribeWith(subscribe, schema, 'subscription { event { id shout } }')),
    );
    const received = Promise.all(streams.map((s) => s.next()));
    pubSub.publish('EVENT', { id: 'a1' });
    const results = await received;
    expect(results.map((r) => r.value)).toEqual(Array(20).fill({ data: { event: { id: 'a1', shout: 'A1' } } }));
    expect(resolvedCount()).toBe(1);
  });

  it('executes separately for different selections and different scopes', async () => {
    const { pubSub, schema, resolvedCount } = setup();
    const subscribe = createSharedSubscribe((args) => (args.contextValue as { role: string }).role);
    const a = await subscribeWith(subscribe, schema, 'subscription { event { id } }', 'A');
    const b = await subscribeWith(subscribe, schema, 'subscription { event { shout } }', 'A');
    const c = await subscribeWith(subscribe, schema, 'subscription { event { id } }', 'B');
    const next = Promise.all([a.next(), b.next(), c.next()]);
    pubSub.publish('EVENT', { id: 'x' });
    const [ra, rb, rc] = await next;
    expect(ra.value).toEqual({ data: { event: { id: 'x' } } });
    expect(rb.value).toEqual({ data: { event: { shout: 'X' } } });
    expect(rc.value).toEqual({ data: { event: { id: 'x' } } });
    expect(resolvedCount()).toBe(3);
  });

  it('return() releases the PubSub listener at once, while no event is pending', async () => {
    const { schema, listenerCount } = setup();
    const subscribe = createSharedSubscribe(() => '');
    const stream = await subscribeWith(subscribe, schema, 'subscription { event { id } }');
    const pending = stream.next();
    expect(listenerCount()).toBe(1);
    await stream.return!();
    expect(listenerCount()).toBe(0);
    await expect(pending).resolves.toMatchObject({ done: true });
  });

  it('drops, per subscriber, the events `visible` refuses, before executing them', async () => {
    const { pubSub, schema, resolvedCount } = setup();
    // the role stands for the caller's site: a subscriber sees the events whose id starts with it
    const subscribe = createSharedSubscribe(
      (args) => (args.contextValue as { role: string }).role,
      (args, event) => (event as { id: string }).id.startsWith((args.contextValue as { role: string }).role),
    );
    const a = await subscribeWith(subscribe, schema, 'subscription { event { id } }', 'A');
    const b = await subscribeWith(subscribe, schema, 'subscription { event { id } }', 'B');
    const nextA = a.next();
    const nextB = b.next();
    pubSub.publish('EVENT', { id: 'B1' });
    pubSub.publish('EVENT', { id: 'A1' });
    expect((await nextA).value).toEqual({ data: { event: { id: 'A1' } } });
    expect((await nextB).value).toEqual({ data: { event: { id: 'B1' } } });
    expect(resolvedCount()).toBe(2); // B1 for B only, A1 for A only
    // return() still reaches the source while a refused event is all that came
    const pending = b.next();
    pubSub.publish('EVENT', { id: 'A2' });
    await b.return!();
    await expect(pending).resolves.toMatchObject({ done: true });
  });

  it('passes a subscription error through as a result', async () => {
    const { schema } = setup();
    const subscribe = createSharedSubscribe(() => '');
    const result = (await subscribe({ schema, document: parse('subscription { nope }') })) as ExecutionResult;
    expect(result.errors?.[0].message).toMatch(/nope/);
  });
});

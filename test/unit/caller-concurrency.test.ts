// Real: gateway/http/caller-concurrency.ts and gateway/connection-priority.ts. Faked: the pool
// behind the priority queue (an object handing out numbered connections at once). No I/O.
import { ConnectionPriority, type PoolClient } from '../../gateway/connection-priority';
import { CallerConcurrency } from '../../gateway/http/caller-concurrency';

describe('CallerConcurrency', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('runs 2 at once per caller, queues 2 in order, refuses the fifth; another caller still runs', async () => {
    const gate = new CallerConcurrency({ perCaller: 2, total: 10, queuedPerCaller: 2 });
    const order: string[] = [];
    const a1 = await gate.acquire('a');
    const a2 = await gate.acquire('a');
    const a3 = gate.acquire('a').then((release) => (order.push('a3'), release));
    const a4 = gate.acquire('a').then((release) => (order.push('a4'), release));
    expect(await gate.acquire('a')).toBeNull();
    const b1 = await gate.acquire('b');
    expect(b1).not.toBeNull();
    expect(gate.running()).toBe(3);
    a1!();
    a1!(); // a second release of the same turn changes nothing
    await tick();
    expect(order).toEqual(['a3']);
    a2!();
    (await a3)!();
    (await a4)!();
    b1!();
    expect(order).toEqual(['a3', 'a4']);
    expect(gate.running()).toBe(0);
  });

  it('past the total, free turns go to the waiting callers in rotation, not to the longest queue', async () => {
    const gate = new CallerConcurrency({ perCaller: 2, total: 2, queuedPerCaller: 8 });
    const order: string[] = [];
    const held = [await gate.acquire('a'), await gate.acquire('a')];
    const waiting = [
      ...['a', 'a', 'a'].map((k, i) => gate.acquire(k).then((r) => (order.push(`${k}${i}`), r))),
      gate.acquire('b').then((r) => (order.push('b'), r)),
    ];
    expect(gate.running()).toBe(2);
    held[0]!();
    held[1]!();
    await tick();
    // a's queue came first, then b got the next turn before a's second waiting operation
    expect(order).toEqual(['a0', 'b']);
    for (const w of waiting.slice(0, 1)) (await w)!();
    await tick();
    expect(order).toEqual(['a0', 'b', 'a1']);
    (await waiting[3])!();
    (await waiting[1])!();
    (await waiting[2])!();
    expect(order).toEqual(['a0', 'b', 'a1', 'a2']);
    expect(gate.running()).toBe(0);
  });
});

describe('ConnectionPriority', () => {
  it('with one connection, the alert path overtakes queued requests; requests keep their order', async () => {
    let next = 0;
    const client: PoolClient = {
      acquireConnection: async () => ({ n: ++next }),
      releaseConnection: async () => undefined,
    };
    const priority = new ConnectionPriority(1);
    priority.installOn(client);
    const served: string[] = [];
    const held = await client.acquireConnection(); // a request holds the one connection
    const r1 = client.acquireConnection().then((c) => (served.push('request 1'), c));
    const r2 = client.acquireConnection().then((c) => (served.push('request 2'), c));
    const alert = priority.first(() => client.acquireConnection()).then((c) => (served.push('alert'), c));
    await client.releaseConnection(held);
    await client.releaseConnection(await alert);
    await client.releaseConnection(await r1);
    await client.releaseConnection(await r2);
    expect(served).toEqual(['alert', 'request 1', 'request 2']);
    expect(priority.overtakes).toBe(1);
  });
});

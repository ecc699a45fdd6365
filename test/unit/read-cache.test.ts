import { ReadCache } from '../../schema/common/read-cache';

/** Real: ReadCache. Faked: the clock (reset before each test). No I/O. */
describe('ReadCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 0;
  });

  it('serves a cached value until it is invalidated or too old', async () => {
    const cache = new ReadCache<number>(1000, 10, clock);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    now += 999;
    expect(await cache.get('a', load)).toBe(1);
    now += 1;
    expect(await cache.get('a', load)).toBe(2);
    cache.invalidate();
    expect(await cache.get('a', load)).toBe(3);
    expect(await cache.get('b', load)).toBe(4);
  });

  it('shares one load between concurrent callers and does not keep a failed one', async () => {
    const cache = new ReadCache<string>(1000, 10, clock);
    let loads = 0;
    const failing = () => {
      loads++;
      return Promise.reject(new Error('database down'));
    };
    await expect(Promise.all([cache.get('k', failing), cache.get('k', failing)])).rejects.toThrow('database down');
    expect(loads).toBe(1);
    await expect(cache.get('k', async () => 'ok')).resolves.toBe('ok');
  });

  it('never holds more than maxEntries keys', async () => {
    const cache = new ReadCache<string>(1000, 2, clock);
    let loads = 0;
    const load = async () => String(++loads);
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load); // full: starts over
    expect(await cache.get('a', load)).toBe('4');
  });
});

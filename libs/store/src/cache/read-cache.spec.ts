import { ReadCache } from './read-cache';

describe('ReadCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000));

  it('answers from memory within its time to live, then reads again', async () => {
    const cache = new ReadCache<string>(1_000, 10, clock);
    const read = jest.fn(async () => `read at ${now}`);
    expect(await cache.through('k', read)).toBe('read at 1000');
    now = 1_999;
    expect(await cache.through('k', read)).toBe('read at 1000');
    expect(read).toHaveBeenCalledTimes(1);
    now = 2_000;
    expect(await cache.through('k', read)).toBe('read at 2000');
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps no miss: what appears a moment later is found at once', async () => {
    const cache = new ReadCache<string>(1_000, 10, clock);
    const rows = new Map<string, string>();
    const read = async () => rows.get('k');
    expect(await cache.through('k', read)).toBeUndefined();
    rows.set('k', 'created');
    expect(await cache.through('k', read)).toBe('created');
  });

  it('forgets everything on invalidate, and a read under way then does not store what it read', async () => {
    const cache = new ReadCache<string>(1_000, 10, clock);
    await cache.through('k', async () => 'old');
    cache.invalidate();
    let finish: (value: string) => void = () => undefined;
    const slow = cache.through('k', () => new Promise<string>((resolve) => (finish = resolve)));
    // A write lands while the read is in flight: its (possibly older) answer must not be kept.
    cache.invalidate();
    finish('read before the write');
    expect(await slow).toBe('read before the write');
    expect(await cache.through('k', async () => 'new')).toBe('new');
  });

  it('caches nothing with a time to live of 0, and drops the oldest entry when full', async () => {
    const off = new ReadCache<string>(0, 10, clock);
    const read = jest.fn(async () => 'v');
    await off.through('k', read);
    await off.through('k', read);
    expect(read).toHaveBeenCalledTimes(2);
    const small = new ReadCache<string>(1_000, 2, clock);
    for (const key of ['a', 'b', 'c']) await small.through(key, async () => key);
    const again = jest.fn(async () => 'a again');
    expect(await small.through('a', again)).toBe('a again');
    expect(await small.through('c', again)).toBe('c');
  });
});

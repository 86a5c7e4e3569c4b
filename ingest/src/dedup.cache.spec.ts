import { DedupCache } from './dedup.cache.js';

describe('DedupCache', () => {
  it('remembers keys, forgets the oldest generation past its capacity, and never holds more than the capacity', () => {
    const cache = new DedupCache(4); // generations of 2
    for (const key of ['a', 'b', 'c', 'd']) cache.add(key);
    expect(['a', 'b', 'c', 'd'].map((k) => cache.has(k))).toEqual([true, true, true, true]);
    cache.add('e'); // young {c, d} becomes old; {a, b} is dropped
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => cache.has(k))).toEqual([false, false, true, true, true]);
    expect(cache.size).toBe(3);
    for (const key of ['f', 'g', 'h', 'i']) cache.add(key);
    expect(cache.size).toBeLessThanOrEqual(4);
  });

  it('forgets a key on delete (a refused request releases its claims)', () => {
    const cache = new DedupCache(10);
    cache.add('x');
    cache.delete('x');
    expect(cache.has('x')).toBe(false);
  });
});

import { DedupCache } from './dedup.cache.js';

describe('DedupCache', () => {
  it('remembers ids per brand, forgets the oldest generation past its capacity, and never holds more than the capacity', () => {
    const cache = new DedupCache(4); // generations of 2
    for (const id of ['a', 'b', 'c', 'd']) cache.add('b1', id);
    expect(['a', 'b', 'c', 'd'].map((id) => cache.has('b1', id))).toEqual([true, true, true, true]);
    cache.add('b1', 'e'); // young {c, d} becomes old; {a, b} is dropped
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => cache.has('b1', id))).toEqual([false, false, true, true, true]);
    expect(cache.size).toBe(3);
    for (const id of ['f', 'g', 'h', 'i']) cache.add('b1', id);
    expect(cache.size).toBeLessThanOrEqual(4);
  });

  it('keeps brands apart: the same event id in another brand is not a duplicate', () => {
    const cache = new DedupCache(10);
    cache.add('b1', 'e1');
    expect(cache.has('b2', 'e1')).toBe(false);
  });

  it('forgets an id on delete (a refused request releases its claims)', () => {
    const cache = new DedupCache(10);
    cache.add('b1', 'x');
    cache.delete('b1', 'x');
    expect(cache.has('b1', 'x')).toBe(false);
    expect(cache.size).toBe(0);
  });
});

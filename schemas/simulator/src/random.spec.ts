import { hashSeed, Random } from './random.js';

const draws = (rng: Random, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('Random', () => {
  it('repeats its sequence for the same seed, numeric or text', () => {
    expect(draws(new Random(42), 20)).toEqual(draws(new Random(42), 20));
    expect(draws(new Random('demo'), 20)).toEqual(draws(new Random('demo'), 20));
  });

  it('gives different sequences for different seeds', () => {
    expect(draws(new Random(42), 5)).not.toEqual(draws(new Random(43), 5));
    expect(draws(new Random('a'), 5)).not.toEqual(draws(new Random('b'), 5));
  });

  it('forks depend on the seed and label only, not on draws already made', () => {
    const used = new Random(7);
    draws(used, 100);
    expect(draws(used.fork('x'), 10)).toEqual(draws(new Random(7).fork('x'), 10));
    expect(draws(new Random(7).fork('x'), 10)).not.toEqual(draws(new Random(7).fork('y'), 10));
  });

  it('keeps separators between hashed parts', () => {
    expect(hashSeed('ab', 'c')).not.toBe(hashSeed('a', 'bc'));
    expect(hashSeed(1)).not.toBe(hashSeed('1', ''));
  });

  it('draws uniform floats in [0, 1) and inclusive integer ranges', () => {
    const rng = new Random(1);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      seen.add(rng.int(3, 6));
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('picks by weight', () => {
    const rng = new Random(2);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) {
      if (
        rng.weighted([
          ['heavy', 3],
          ['light', 1],
        ]) === 'heavy'
      )
        heavy++;
    }
    // 3 in 4, with a margin of many standard deviations (sd ≈ 43).
    expect(heavy).toBeGreaterThan(7_200);
    expect(heavy).toBeLessThan(7_800);
  });

  it('matches the means of its distributions', () => {
    const rng = new Random(3);
    const mean = (f: () => number): number => {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += f();
      return sum / 20_000;
    };
    expect(mean(() => rng.poisson(0.3))).toBeCloseTo(0.3, 1);
    expect(mean(() => rng.poisson(4))).toBeCloseTo(4, 0);
    expect(mean(() => rng.poisson(100))).toBeCloseTo(100, -1);
    expect(mean(() => rng.normal(10, 2))).toBeCloseTo(10, 1);
    expect(mean(() => rng.exponential(5))).toBeCloseTo(5, 0);
  });

  it('shuffles into a permutation and samples distinct items', () => {
    const rng = new Random(4);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    const sample = rng.sample(items, 10);
    expect(new Set(sample).size).toBe(10);
    expect(rng.sample(items.slice(0, 3), 10)).toHaveLength(3);
  });
});

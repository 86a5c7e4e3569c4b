import { retryDelayMs } from './live-link';

describe('reconnecting the live socket', () => {
  it('waits 1, 2, 4, 8 s, then 10 s per attempt, plus up to 1 s of jitter', () => {
    expect([0, 1, 2, 3, 4, 9].map((retries) => retryDelayMs(retries, 0))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    // 2 s + 0.5 × 1 s
    expect(retryDelayMs(1, 0.5)).toBe(2500);
    expect(retryDelayMs(30, 1)).toBe(11_000);
  });
});

import { FlushPace } from './flush.pace.js';

describe('FlushPace (expected wait for buffered rows)', () => {
  it('expects nothing before the first flush and for an empty buffer', () => {
    const pace = new FlushPace(20_000);
    expect(pace.waitMs(50_000)).toBe(0);
    pace.observe(100, 1);
    expect(pace.waitMs(0)).toBe(0);
  });

  it('counts one insert of the mean length per started batch of rows', () => {
    const pace = new FlushPace(20_000);
    pace.observe(100, 1);
    expect(pace.flushMs).toBe(100);
    expect(pace.waitMs(1)).toBe(100); // ceil(1 / 20 000) = 1 insert
    expect(pace.waitMs(20_000)).toBe(100);
    expect(pace.waitMs(20_001)).toBe(200); // 2 inserts
    expect(pace.waitMs(500_000)).toBe(2_500); // 25 × 100 ms
  });

  it('weighs the newest flush by 0.3 in the running mean', () => {
    const pace = new FlushPace(1_000);
    pace.observe(100, 1);
    pace.observe(200, 1); // 0.3 × 200 + 0.7 × 100 = 130
    expect(pace.flushMs).toBeCloseTo(130, 10);
    pace.observe(30, 1); // 0.3 × 30 + 0.7 × 130 = 100
    expect(pace.flushMs).toBeCloseTo(100, 10);
    expect(pace.waitMs(2_500)).toBeCloseTo(300, 10); // ceil(2.5) = 3 inserts × 100 ms
  });

  it('with two inserts at once, counts rounds of two started batches', () => {
    const pace = new FlushPace(20_000, { lanes: 2 });
    pace.observe(100, 1);
    expect(pace.waitMs(1)).toBe(100); // 1 batch → 1 round
    expect(pace.waitMs(40_000)).toBe(100); // 2 batches side by side → 1 round
    expect(pace.waitMs(40_001)).toBe(200); // 3 batches → ceil(3 / 2) = 2 rounds
    expect(pace.waitMs(500_000)).toBe(1_300); // 25 batches → 13 rounds × 100 ms
  });

  it('ignores a negative or non-number duration', () => {
    const pace = new FlushPace(10);
    pace.observe(-5, 1);
    pace.observe(Number.NaN, 1);
    expect(pace.flushMs).toBeNaN();
  });

  it('per row (INGEST_ACK=log): counts the rows at the mean time per row of inserts of at least half a batch', () => {
    const pace = new FlushPace(20_000, { perRow: true });
    expect(pace.waitMs(50_000)).toBe(0); // nothing measured yet
    pace.observe(400, 50_000); // 0.008 ms a row
    expect(pace.waitMs(100_000)).toBeCloseTo(800, 10);
    pace.observe(200, 9_999); // under half a batch: ignored
    expect(pace.waitMs(100_000)).toBeCloseTo(800, 10);
    pace.observe(100, 10_000); // 0.01 ms a row: 0.3 × 0.01 + 0.7 × 0.008 = 0.0086
    expect(pace.waitMs(100_000)).toBeCloseTo(860, 10);
    expect(pace.waitMs(0)).toBe(0);
  });
});

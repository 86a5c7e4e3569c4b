/**
 * How long the writer's inserts take, smoothed over recent flushes (an exponentially weighted
 * mean), and from it how long rows buffered now will wait for their commit: `lanes` inserts at a
 * time, at most `maxBatchRows` rows each, so `ceil(ceil(buffered / maxBatchRows) / lanes)` rounds of
 * the mean length (the mean is measured with the lanes busy, so it includes their sharing the cores).
 * Under overload every flush is full and the estimate is the real queueing delay — the time before
 * an acknowledgement, and how far behind the dashboards are. When load is light flushes are small
 * and quick, so the estimate stays low and nothing is refused.
 */
export class FlushPace {
  private meanMs = Number.NaN;

  /** `lanes`: inserts that run at once; `weight`: the share of the newest flush in the mean. */
  constructor(
    private readonly maxBatchRows: number,
    private readonly lanes = 1,
    private readonly weight = 0.3,
  ) {}

  observe(ms: number): void {
    if (!(ms >= 0)) return;
    this.meanMs = Number.isNaN(this.meanMs) ? ms : this.weight * ms + (1 - this.weight) * this.meanMs;
  }

  /** Mean flush time in ms, NaN before the first flush. */
  get flushMs(): number {
    return this.meanMs;
  }

  /** Expected wait before `bufferedRows` are all committed; 0 while nothing has been measured. */
  waitMs(bufferedRows: number): number {
    if (Number.isNaN(this.meanMs) || bufferedRows <= 0) return 0;
    return Math.ceil(Math.ceil(bufferedRows / this.maxBatchRows) / this.lanes) * this.meanMs;
  }
}

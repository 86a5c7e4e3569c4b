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
  private meanMsPerRow = Number.NaN;

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

  /**
   * For inserts of any size (`INGEST_ACK=log` moves everything logged meanwhile in one insert): the
   * time per row, from inserts of at least half a batch — below that an insert's time is mostly the
   * engine's fixed cost per insert, and counting it per row would make a burst after a quiet spell
   * look minutes long. `waitMsPerRow` then counts the buffered rows at that pace.
   */
  observeRows(ms: number, rows: number): void {
    if (!(ms >= 0) || !(rows >= this.maxBatchRows / 2)) return;
    const perRow = ms / rows;
    this.meanMsPerRow = Number.isNaN(this.meanMsPerRow)
      ? perRow
      : this.weight * perRow + (1 - this.weight) * this.meanMsPerRow;
  }

  /** Expected wait before `bufferedRows` are all in the engine at the pace of `observeRows`; 0 before it is known. */
  waitMsPerRow(bufferedRows: number): number {
    if (Number.isNaN(this.meanMsPerRow) || bufferedRows <= 0) return 0;
    return bufferedRows * this.meanMsPerRow;
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

/**
 * How long the writer's inserts take, smoothed over recent flushes (an exponentially weighted
 * mean), and from it how long rows buffered now will wait for their commit: `lanes` inserts at a
 * time, at most `maxBatchRows` rows each, so `ceil(ceil(buffered / maxBatchRows) / lanes)` rounds of
 * the mean length (the mean is measured with the lanes busy, so it includes their sharing the cores).
 * Under overload every flush is full and the estimate is the real queueing delay — the time before
 * an acknowledgement, and how far behind the dashboards are. When load is light flushes are small
 * and quick, so the estimate stays low and nothing is refused.
 */
export interface PaceOptions {
  /** Inserts that run at once (default 1). */
  lanes?: number;
  /**
   * The pace per row instead of per insert, for inserts of any size (`INGEST_ACK=log` moves everything
   * logged meanwhile in one insert): measured on inserts of at least half a batch — below that an
   * insert's time is mostly the engine's fixed cost per insert, and counting it per row would make a
   * burst after a quiet spell look minutes long — and the buffered rows are counted at that pace.
   */
  perRow?: boolean;
  /** The share of the newest insert in the mean (default 0.3). */
  weight?: number;
}

export class FlushPace {
  /** Mean time per insert, or per row with `perRow`. */
  private mean = Number.NaN;
  private readonly lanes: number;
  private readonly perRow: boolean;
  private readonly weight: number;

  constructor(
    private readonly maxBatchRows: number,
    { lanes = 1, perRow = false, weight = 0.3 }: PaceOptions = {},
  ) {
    this.lanes = lanes;
    this.perRow = perRow;
    this.weight = weight;
  }

  /** One insert of `rows` rows took `ms`. */
  observe(ms: number, rows: number): void {
    if (!(ms >= 0)) return;
    if (this.perRow && !(rows >= this.maxBatchRows / 2)) return;
    const sample = this.perRow ? ms / rows : ms;
    this.mean = Number.isNaN(this.mean) ? sample : this.weight * sample + (1 - this.weight) * this.mean;
  }

  /** Mean time per insert in ms (per row with `perRow`), NaN before the first one. */
  get flushMs(): number {
    return this.mean;
  }

  /** Expected wait before `bufferedRows` are all committed; 0 while nothing has been measured. */
  waitMs(bufferedRows: number): number {
    if (Number.isNaN(this.mean) || bufferedRows <= 0) return 0;
    if (this.perRow) return bufferedRows * this.mean;
    return Math.ceil(Math.ceil(bufferedRows / this.maxBatchRows) / this.lanes) * this.mean;
  }
}

/**
 * Who runs next on an engine that runs one call at a time. chdb 3.4 runs every parameterized query
 * one after another per process (its `globalParamChain`; BENCHMARKS.md, `bench:chdb-params`), in
 * arrival order — so a dashboard read that arrives while a rollup rebuild statement is queued waits
 * for it, and a page's second round of queries waits for the rebuild statement that slipped in after
 * its first round. Taking turns here first changes only the order, never the concurrency (there is
 * none to lose):
 *
 *   - reads go before background work (rebuilds, DDL) that is waiting;
 *   - background work also waits while reads came in the last `readBurstMs`, so the rounds of one
 *     page follow each other without a rebuild statement between them;
 *   - but never longer than `maxBackgroundWaitMs`, so rebuilds (the live numbers) cannot starve
 *     under a constant stream of reads;
 *   - the end of a background call that *publishes* (a rollup round's session_stats, which the live
 *     pushes and polling dashboards wait for) counts as a read: the next background call waits
 *     `readBurstMs`, so the reads it wakes arrive before the next round's first statement instead of
 *     queueing behind it.
 */
export type Turn = 'read' | 'background';

export interface EngineTurnsOptions {
  readBurstMs: number;
  maxBackgroundWaitMs: number;
  /** The clock, for tests. */
  now?: () => number;
}

export class EngineTurns {
  private busy = false;
  private lastReadAt = Number.NEGATIVE_INFINITY;
  private readonly reads: (() => void)[] = [];
  private readonly background: { since: number; start: () => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: EngineTurnsOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  async run<T>(turn: Turn, call: () => Promise<T>, { publishes = false }: { publishes?: boolean } = {}): Promise<T> {
    await this.take(turn);
    try {
      return await call();
    } finally {
      if (turn === 'read' || publishes) this.lastReadAt = this.now();
      this.busy = false;
      this.next();
    }
  }

  private take(turn: Turn): Promise<void> {
    return new Promise((start) => {
      if (turn === 'read') this.reads.push(start);
      else this.background.push({ since: this.now(), start });
      this.next();
    });
  }

  private next(): void {
    if (this.busy) return;
    const read = this.reads.shift();
    if (read) {
      this.busy = true;
      read();
      return;
    }
    const waiting = this.background[0];
    if (!waiting) return;
    const now = this.now();
    const quietAt = this.lastReadAt + this.options.readBurstMs;
    const overdueAt = waiting.since + this.options.maxBackgroundWaitMs;
    if (now >= quietAt || now >= overdueAt) {
      this.background.shift();
      this.busy = true;
      waiting.start();
      return;
    }
    // Nothing runs until the burst is over (or the oldest background call is overdue): look again then.
    // The timer keeps the process alive, as the waiting call would: a script whose last call is
    // background work right after a read (a migration's data step) must not exit with it pending.
    if (!this.timer) {
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.next();
        },
        Math.max(1, Math.ceil(Math.min(quietAt, overdueAt) - now)),
      );
    }
  }
}

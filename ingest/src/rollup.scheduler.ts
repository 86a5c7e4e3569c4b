import type { RollupRefresher } from '@lc/schemas/clickhouse';

/**
 * Rebuilds the rollups of sessions that received events, at most once per
 * interval per session, so a live session's dashboard follows within about
 * interval + rebuild time (the 2 s freshness goal) without a rebuild per request.
 */
export class RollupScheduler {
  private pending = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly refresher: RollupRefresher,
    private readonly intervalMs: number,
    private readonly onError: (error: Error) => void,
    private readonly chunkSize = 200,
  ) {}

  touch(touched: Map<string, Set<string>>): void {
    for (const [brandId, sessions] of touched) {
      let set = this.pending.get(brandId);
      if (!set) this.pending.set(brandId, (set = new Set()));
      for (const id of sessions) set.add(id);
    }
    this.timer ??= setTimeout(() => void this.run(), this.intervalMs);
  }

  /** Runs what is pending now (shutdown, tests). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.run();
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.running) {
      await this.running;
    }
    const work = this.pending;
    this.pending = new Map();
    this.running = (async () => {
      for (const [brandId, sessions] of work) {
        const ids = [...sessions];
        for (let i = 0; i < ids.length; i += this.chunkSize) {
          try {
            await this.refresher.refreshSessions(brandId, ids.slice(i, i + this.chunkSize));
          } catch (error) {
            // Put them back: the next round retries; the raw events are safe either way.
            this.touch(new Map([[brandId, new Set(ids.slice(i, i + this.chunkSize))]]));
            this.onError(error as Error);
          }
        }
      }
    })();
    await this.running;
    this.running = null;
  }
}

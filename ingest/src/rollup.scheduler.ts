import type { RollupRefresher } from '@lc/clickhouse';

/** What the scheduler needs of a RollupRefresher (tests give it a fake). */
export type ScheduledRefresher = Pick<
  RollupRefresher,
  'refreshSessions' | 'deferredSessions' | 'viewerRowsEveryMs' | 'supersededDueInMs' | 'removeSuperseded'
>;

/** How many sessions a scheduler remembers as rolled up, to tell a new one (its first round's wait). */
export const KNOWN_SESSIONS = 50_000;

/** One round, as it ended (RollupScheduler.onRound). */
export interface RoundReport {
  ms: number;
  /** Sessions it rolled up. */
  sessions: number;
  /**
   * For each session it rolled up first here: from its first committed events to the round's end — how
   * long a new session waited to be shown at all (the API knows a session from its first round on).
   */
  firstWaitsMs: number[];
}

const roundKey = (brandId: string, sessionId: string): string => `${brandId}\u0000${sessionId}`;

/**
 * Rebuilds the rollups of sessions that received events, at most once per
 * interval per session, so a live session's dashboard follows within about
 * interval + rebuild time (the 2 s freshness goal) without a rebuild per request.
 *
 * A big live session's rounds may leave its viewer rows for later (RollupRefresher,
 * VIEWER_ROWS_FROM): while any are left, a catch-up round is asked for after the refresher's
 * viewerRowsEveryMs, so a stream that goes quiet still gets them; flush() (shutdown) writes them all.
 *
 * An ended session keeps the rows of its round before the last for a while (RollupRefresher,
 * EARLIER_ROUNDS_KEPT_MS): the scheduler has them removed, between rounds, when the refresher says they
 * are due, and flush() removes the rest.
 *
 * Rounds run one after another. Under load the timer fires while a round runs, so rounds queue behind it
 * and follow each other without a gap (the first takes everything touched; the rest find little or
 * nothing, and their short length resets the spacing): holding that queue to one round made the spacing
 * real, and the soak's sessions then matched their acknowledged likes 37–54 s after the stop instead of
 * 6 s (BENCHMARKS.md, thirty-sixth session).
 */
export class RollupScheduler {
  private pending = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | null = null;
  /** Rounds run one after another: a round started later must also finish later. */
  private chain: Promise<void> = Promise.resolve();
  /** Sessions not rolled up here yet, with when they were first touched (RoundReport.firstWaitsMs). */
  private readonly firstTouched = new Map<string, number>();
  /** Sessions rolled up here, oldest first, at most KNOWN_SESSIONS of them. */
  private readonly known = new Set<string>();
  private readonly listeners: ((round: RoundReport) => void)[] = [];
  /** How long the last round took: under load, rounds are spaced at least that far apart. */
  private lastRoundMs = 0;
  /** The catch-up for viewer rows left behind (see above). */
  private catchUp: NodeJS.Timeout | null = null;
  /** The next round writes every session's viewer rows (flush). */
  private viewerRowsNow = false;
  /** The removal of ended sessions' earlier rounds, when the refresher has some waiting (see above). */
  private cleanUp: NodeJS.Timeout | null = null;

  constructor(
    private readonly refresher: ScheduledRefresher,
    private readonly intervalMs: number,
    private readonly onError: (error: Error) => void,
    private readonly chunkSize = 200,
  ) {}

  touch(touched: Map<string, Set<string>>): void {
    this.add(touched);
    const now = performance.now();
    for (const [brandId, sessions] of touched)
      for (const id of sessions) {
        const key = roundKey(brandId, id);
        if (!this.known.has(key) && !this.firstTouched.has(key)) this.firstTouched.set(key, now);
      }
    // (a bound for sessions that never get a round, e.g. a brand whose rebuilds keep failing)
    if (this.firstTouched.size > KNOWN_SESSIONS) this.firstTouched.clear();
    // Rebuilding takes engine time away from inserts: keep rebuilds to at most about half of it.
    this.timer ??= setTimeout(() => void this.schedule(), Math.max(this.intervalMs, this.lastRoundMs));
  }

  /** Each round, as it ends: how long it took, and the wait of each session it rolled up first. */
  onRound(listener: (round: RoundReport) => void): void {
    this.listeners.push(listener);
  }

  /** Runs what is pending now, after any round in progress, viewer rows left behind included (shutdown, tests). */
  async flush(): Promise<void> {
    await this.chain;
    if (this.catchUp) clearTimeout(this.catchUp);
    this.catchUp = null;
    const deferred = this.refresher.deferredSessions();
    if (deferred.size > 0) {
      this.add(deferred);
      this.viewerRowsNow = true;
    }
    await this.schedule();
    if (this.cleanUp) clearTimeout(this.cleanUp);
    this.cleanUp = null;
    // nothing later in this process would remove them (a reader mid-page at shutdown is the cost)
    await this.removeSuperseded(Infinity);
  }

  /** Asks the refresher to remove what is due by `nowMs`, after the round in progress; reports a failure. */
  private removeSuperseded(nowMs?: number): Promise<void> {
    this.chain = this.chain.then(() => this.refresher.removeSuperseded(nowMs).catch((e: Error) => this.onError(e)));
    return this.chain;
  }

  /** Once no removal is waiting for its time: one for the next that the refresher holds, if any. */
  private armCleanUp(): void {
    const dueInMs = this.refresher.supersededDueInMs();
    if (this.cleanUp || dueInMs === null) return;
    this.cleanUp = setTimeout(() => {
      this.cleanUp = null;
      void this.removeSuperseded().then(() => this.armCleanUp());
    }, dueInMs).unref();
  }

  private add(touched: Map<string, Set<string>>): void {
    for (const [brandId, sessions] of touched) {
      let set = this.pending.get(brandId);
      if (!set) this.pending.set(brandId, (set = new Set()));
      for (const id of sessions) set.add(id);
    }
  }

  private schedule(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.chain = this.chain.then(() => this.round());
    return this.chain;
  }

  /** Tells the listeners about a round; the sessions it rolled up (not those that failed) are known from now on. */
  private report(work: Map<string, Set<string>>, failed: ReadonlySet<string>, ms: number, ended: number): void {
    const firstWaitsMs: number[] = [];
    let sessions = 0;
    for (const [brandId, ids] of work)
      for (const id of ids) {
        const key = roundKey(brandId, id);
        if (failed.has(key)) continue;
        sessions++;
        const first = this.firstTouched.get(key);
        if (first !== undefined) {
          firstWaitsMs.push(ended - first);
          this.firstTouched.delete(key);
        }
        this.known.delete(key);
        this.known.add(key);
        if (this.known.size > KNOWN_SESSIONS) this.known.delete(this.known.values().next().value as string);
      }
    for (const listener of this.listeners) listener({ ms, sessions, firstWaitsMs });
  }

  private async round(): Promise<void> {
    // Taken when the round starts, not when it was scheduled: it includes everything touched until now.
    const work = this.pending;
    this.pending = new Map();
    const viewerRows = this.viewerRowsNow;
    this.viewerRowsNow = false;
    const started = performance.now();
    const failed = new Set<string>();
    for (const [brandId, sessions] of work) {
      const ids = [...sessions];
      for (let i = 0; i < ids.length; i += this.chunkSize) {
        const chunk = ids.slice(i, i + this.chunkSize);
        try {
          await this.refresher.refreshSessions(brandId, chunk, { viewerRows });
        } catch (error) {
          // Put them back: the next round retries; the raw events are safe either way.
          this.touch(new Map([[brandId, new Set(chunk)]]));
          for (const id of chunk) failed.add(roundKey(brandId, id));
          this.onError(error as Error);
        }
      }
    }
    const ended = performance.now();
    this.lastRoundMs = ended - started;
    if (work.size > 0) this.report(work, failed, ended - started, ended);
    this.armCleanUp();
    const deferred = this.refresher.deferredSessions();
    if (!this.catchUp && !viewerRows && deferred.size > 0)
      this.catchUp = setTimeout(() => {
        this.catchUp = null;
        this.touch(deferred);
      }, this.refresher.viewerRowsEveryMs).unref();
  }
}

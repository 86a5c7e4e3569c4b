import type { RollupRefresher } from '@lc/clickhouse';

/** What the scheduler needs of a RollupRefresher (tests give it a fake). */
export type ScheduledRefresher = Pick<
  RollupRefresher,
  'refreshSessions' | 'deferredSessions' | 'viewerRowsEveryMs' | 'supersededDueInMs' | 'removeSuperseded'
>;

/** How many sessions a scheduler remembers as rolled up (older ones would get an early round again). */
export const KNOWN_SESSIONS = 50_000;

/** One round, as it ended (RollupScheduler.onRound). */
export interface RoundReport {
  ms: number;
  /** Sessions it rolled up. */
  sessions: number;
  /** For each session it gave its first round here: from its first committed events to the round's end. */
  firstWaitsMs: number[];
  /** It held the regular lane (else only sessions waiting for a first round). */
  regular: boolean;
}

const roundKey = (brandId: string, sessionId: string): string => `${brandId}\u0000${sessionId}`;

function addTo(map: Map<string, Set<string>>, brandId: string, id: string): void {
  let set = map.get(brandId);
  if (!set) map.set(brandId, (set = new Set()));
  set.add(id);
}

const countOf = (work: Map<string, Set<string>>): number => [...work.values()].reduce((n, s) => n + s.size, 0);

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
 * A session this scheduler has not rolled up yet gets its first round after the interval, not after the
 * spacing the load sets: until then the API does not know it at all (its live readings between rounds
 * start from a round). Such a first round holds the new sessions only (a few events each, so it is short);
 * a regular round takes both lanes. See docs/ARCHITECTURE.md "A new session's first round".
 */
export class RollupScheduler {
  /** Sessions touched since their last round (the regular lane, spaced by the load). */
  private pending = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | null = null;
  /** Sessions waiting for their first round here, with when they were first touched (the first lane). */
  private firsts = new Map<string, Map<string, number>>();
  private firstTimer: NodeJS.Timeout | null = null;
  /** Sessions given a first round here, oldest first, at most KNOWN_SESSIONS of them. */
  private readonly known = new Set<string>();
  private readonly listeners: ((round: RoundReport) => void)[] = [];
  /** The lanes with a round queued in the chain that has not started yet. */
  private readonly queued = new Set<'first' | 'regular'>();
  /** Rounds run one after another: a round started later must also finish later. */
  private chain: Promise<void> = Promise.resolve();
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
    const now = performance.now();
    for (const [brandId, sessions] of touched)
      for (const id of sessions) {
        const waiting = this.firsts.get(brandId);
        if (this.known.has(roundKey(brandId, id)) && !waiting?.has(id)) addTo(this.pending, brandId, id);
        else if (!waiting) this.firsts.set(brandId, new Map([[id, now]]));
        else if (!waiting.has(id)) waiting.set(id, now);
      }
    // Rebuilding takes engine time away from inserts: keep rebuilds to at most about half of it.
    if (this.pending.size > 0)
      this.timer ??= setTimeout(
        () => {
          this.timer = null;
          void this.enqueueRound('regular');
        },
        Math.max(this.intervalMs, this.lastRoundMs),
      );
    // A new session does not wait for the load's spacing: its first round is small.
    if (this.firsts.size > 0)
      this.firstTimer ??= setTimeout(() => {
        this.firstTimer = null;
        void this.enqueueRound('first');
      }, this.intervalMs);
  }

  /** Each round, as it ends: how long it took, and the wait of each session it gave a first round. */
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
    for (const timer of [this.timer, this.firstTimer]) if (timer) clearTimeout(timer);
    this.timer = this.firstTimer = null;
    await this.enqueueRound('regular');
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
    for (const [brandId, sessions] of touched) for (const id of sessions) addTo(this.pending, brandId, id);
  }

  /**
   * Queues a round of \`lane\` after those in the chain, unless one of that lane waits there already (it
   * takes everything touched until it starts): rounds do not pile up behind a long one, and a first round
   * asked for during it runs right after it.
   */
  private enqueueRound(lane: 'first' | 'regular'): Promise<void> {
    if (this.queued.has(lane)) return this.chain;
    this.queued.add(lane);
    this.chain = this.chain.then(() => {
      this.queued.delete(lane);
      return this.round(lane === 'regular');
    });
    return this.chain;
  }

  /**
   * Taken when the round starts, not when it was scheduled: the sessions waiting for a first round, and
   * in a regular round every other session touched until now too. A first-lane round holds new sessions
   * only, whatever else waits: it stays short, and the regular round follows it.
   */
  private takeWork(regular: boolean): { work: Map<string, Set<string>>; firsts: Map<string, Map<string, number>> } {
    const firsts = this.firsts;
    this.firsts = new Map();
    const work = new Map<string, Set<string>>();
    for (const [brandId, sessions] of firsts)
      for (const id of sessions.keys()) {
        addTo(work, brandId, id);
        this.remember(roundKey(brandId, id));
      }
    if (regular) {
      for (const [brandId, sessions] of this.pending) for (const id of sessions) addTo(work, brandId, id);
      this.pending = new Map();
    }
    return { work, firsts };
  }

  private remember(key: string): void {
    this.known.delete(key);
    this.known.add(key);
    if (this.known.size > KNOWN_SESSIONS) this.known.delete(this.known.values().next().value as string);
  }

  private async round(regular: boolean): Promise<void> {
    // a first round asked for while this one waited goes first: it is short, and the new sessions it
    // holds would otherwise wait for this one's length too (the round queued after finds nothing)
    if (regular && this.queued.has('first')) await this.roundOf(false);
    await this.roundOf(regular);
  }

  private async roundOf(regular: boolean): Promise<void> {
    const { work, firsts } = this.takeWork(regular);
    if (work.size === 0) return;
    const viewerRows = this.viewerRowsNow;
    this.viewerRowsNow = false;
    const started = performance.now();
    for (const [brandId, sessions] of work) {
      const ids = [...sessions];
      for (let i = 0; i < ids.length; i += this.chunkSize) {
        const chunk = ids.slice(i, i + this.chunkSize);
        try {
          await this.refresher.refreshSessions(brandId, chunk, { viewerRows });
        } catch (error) {
          // Put them back: the next round retries; the raw events are safe either way.
          this.touch(new Map([[brandId, new Set(chunk)]]));
          this.onError(error as Error);
        }
      }
    }
    const ended = performance.now();
    // the spacing is the regular lane's; a round of new sessions alone may only lengthen it (a short
    // one says little about the load)
    this.lastRoundMs = regular ? ended - started : Math.max(this.lastRoundMs, ended - started);
    const firstWaitsMs = [...firsts.values()].flatMap((sessions) => [...sessions.values()].map((at) => ended - at));
    const report: RoundReport = { ms: ended - started, sessions: countOf(work), firstWaitsMs, regular };
    for (const listener of this.listeners) listener(report);
    this.armCleanUp();
    const deferred = this.refresher.deferredSessions();
    if (!this.catchUp && !viewerRows && deferred.size > 0)
      this.catchUp = setTimeout(() => {
        this.catchUp = null;
        this.touch(deferred);
      }, this.refresher.viewerRowsEveryMs).unref();
  }
}

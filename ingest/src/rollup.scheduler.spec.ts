import { jest } from '@jest/globals';
import { RollupScheduler, type RoundReport } from './rollup.scheduler.js';

interface Refresh {
  brandId: string;
  sessionIds: string[];
  /** Fake clock, ms since the test began. */
  at: number;
  /** Only when the scheduler asked for the viewer rows at once. */
  viewerRows?: true;
}

/** Records each rebuild; `respond` decides how long it takes and whether it fails. */
class FakeRefresher {
  readonly calls: Refresh[] = [];
  private readonly start = Date.now();
  respond: (call: Refresh) => Promise<void> = async () => undefined;
  /** The sessions whose viewer rows the refresher says it left behind, and how long they may wait. */
  deferred = new Map<string, Set<string>>();
  readonly viewerRowsEveryMs = 2_000;

  refreshSessions(brandId: string, sessionIds: readonly string[], options?: { viewerRows?: boolean }): Promise<void> {
    const call: Refresh = { brandId, sessionIds: [...sessionIds], at: Date.now() - this.start };
    if (options?.viewerRows) call.viewerRows = true;
    this.calls.push(call);
    return this.respond(call);
  }

  deferredSessions(): Map<string, Set<string>> {
    return this.deferred;
  }

  /** When (fake clock) each ended session's earlier rounds may go, oldest first; and each removal asked for. */
  superseded: number[] = [];
  readonly removals: { at: number; upTo: number }[] = [];

  supersededDueInMs(nowMs = Date.now()): number | null {
    return this.superseded.length === 0 ? null : Math.max(0, this.start + this.superseded[0] - nowMs);
  }

  removeSuperseded(nowMs = Date.now()): Promise<void> {
    const upTo = nowMs - this.start;
    this.removals.push({ at: Date.now() - this.start, upTo });
    this.superseded = this.superseded.filter((due) => due > upTo);
    return Promise.resolve();
  }
}

const touched = (brandId: string, ...sessionIds: string[]) => new Map([[brandId, new Set(sessionIds)]]);
const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('RollupScheduler', () => {
  let refresher: FakeRefresher;
  let errors: Error[];
  const scheduler = (intervalMs = 500, chunkSize?: number) =>
    new RollupScheduler(refresher, intervalMs, (e) => errors.push(e), chunkSize);

  /** A round that finds every session it rolls up ended: their earlier rounds may go 60 s later. */
  const endsWhatItRollsUp = async (call: Refresh): Promise<void> => {
    refresher.superseded.push(call.at + 60_000);
  };

  beforeEach(() => {
    jest.useFakeTimers();
    refresher = new FakeRefresher();
    errors = [];
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('rebuilds each touched session once per interval, however often it was touched', async () => {
    const s = scheduler(500);
    s.touch(touched('b1', 's1', 's2'));
    await jest.advanceTimersByTimeAsync(100);
    s.touch(touched('b1', 's1'));
    s.touch(touched('b2', 's9'));
    await jest.advanceTimersByTimeAsync(399);
    expect(refresher.calls).toEqual([]);

    await jest.advanceTimersByTimeAsync(1);
    expect(refresher.calls).toEqual([
      { brandId: 'b1', sessionIds: ['s1', 's2'], at: 500 },
      { brandId: 'b2', sessionIds: ['s9'], at: 500 },
    ]);

    await jest.advanceTimersByTimeAsync(5_000); // nothing touched since: no more rounds
    expect(refresher.calls).toHaveLength(2);
    expect(jest.getTimerCount()).toBe(0);
  });

  it("reports each round, and a new session's wait from its first events to the end of the round that held it", async () => {
    const s = scheduler(500);
    const rounds: RoundReport[] = [];
    s.onRound((round) => rounds.push(round));
    refresher.respond = (call) =>
      call.sessionIds.includes('bad') ? Promise.reject(new Error('engine busy')) : later(100);
    s.touch(touched('b1', 's1'));
    await jest.advanceTimersByTimeAsync(300);
    s.touch(touched('b1', 's1', 's2'));
    await jest.advanceTimersByTimeAsync(300); // round 1: 500 → 600, s1 first touched at 0, s2 at 300
    expect(rounds).toEqual([{ ms: 100, sessions: 2, firstWaitsMs: [600, 300] }]);
    s.touch(touched('b1', 's1'));
    s.touch(touched('b2', 'bad'));
    await jest.advanceTimersByTimeAsync(600); // round 2 at 1 100: s1 known; bad failed, so not counted
    expect(rounds[1]).toEqual({ ms: 100, sessions: 1, firstWaitsMs: [] });
    refresher.respond = () => later(100);
    await jest.advanceTimersByTimeAsync(600); // round 3 at 1 700: bad again, first touched at 600
    expect(rounds[2]).toEqual({ ms: 100, sessions: 1, firstWaitsMs: [1_200] });
  });

  it('rebuilds a brand with many touched sessions in chunks', async () => {
    const s = scheduler(500, 2);
    s.touch(touched('b1', 's1', 's2', 's3', 's4', 's5'));
    await jest.advanceTimersByTimeAsync(500);
    expect(refresher.calls.map((c) => c.sessionIds)).toEqual([['s1', 's2'], ['s3', 's4'], ['s5']]);
  });

  it('picks up sessions touched during a round in the next one, after the round in progress', async () => {
    const s = scheduler(500);
    refresher.respond = () => later(700); // a round takes 700 ms: longer than the interval
    s.touch(touched('b1', 's1'));
    await jest.advanceTimersByTimeAsync(600); // round 1 runs from 500 to 1200
    s.touch(touched('b1', 's2'));
    s.touch(touched('b1', 's1')); // touched again while being rebuilt: must be rebuilt again

    await jest.advanceTimersByTimeAsync(600); // t=1200: round 2 was due at 1100, starts when round 1 ends
    expect(refresher.calls).toEqual([
      { brandId: 'b1', sessionIds: ['s1'], at: 500 },
      { brandId: 'b1', sessionIds: ['s2', 's1'], at: 1200 },
    ]);

    // Under load the next round waits at least as long as the last one took (700 ms), not the interval.
    await jest.advanceTimersByTimeAsync(700); // round 2 ends at 1900
    s.touch(touched('b1', 's3'));
    await jest.advanceTimersByTimeAsync(699);
    expect(refresher.calls).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(refresher.calls[2]).toEqual({ brandId: 'b1', sessionIds: ['s3'], at: 2600 });
  });

  it('reports a failed rebuild, carries on with the other brands, and retries the failed sessions next round', async () => {
    const s = scheduler(500);
    const failure = new Error('engine busy');
    refresher.respond = async (call) => {
      if (call.brandId === 'b1' && refresher.calls.filter((c) => c.brandId === 'b1').length === 1) throw failure;
    };
    s.touch(touched('b1', 's1'));
    s.touch(touched('b2', 's9'));
    await jest.advanceTimersByTimeAsync(500);
    expect(errors).toEqual([failure]);
    expect(refresher.calls.map((c) => [c.brandId, c.at])).toEqual([
      ['b1', 500],
      ['b2', 500],
    ]);

    await jest.advanceTimersByTimeAsync(500);
    expect(refresher.calls.slice(2)).toEqual([{ brandId: 'b1', sessionIds: ['s1'], at: 1000 }]);
    expect(errors).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('flush runs what is pending at once, and waits for a round in progress first', async () => {
    const s = scheduler(500);
    refresher.respond = () => later(300);
    s.touch(touched('b1', 's1'));
    await jest.advanceTimersByTimeAsync(600); // round 1 runs from 500 to 800
    s.touch(touched('b1', 's2'));

    let flushed = false;
    const flushing = s.flush().then(() => (flushed = true));
    await jest.advanceTimersByTimeAsync(199); // t=799: round 1 still running
    expect(flushed).toBe(false);
    expect(refresher.calls.map((c) => c.at)).toEqual([500]);

    await jest.advanceTimersByTimeAsync(1); // round 1 ends; the flushed round starts at once
    expect(refresher.calls[1]).toEqual({ brandId: 'b1', sessionIds: ['s2'], at: 800 });
    expect(flushed).toBe(false);
    await jest.advanceTimersByTimeAsync(300);
    await flushing;
    expect(flushed).toBe(true);
    expect(jest.getTimerCount()).toBe(0); // the touch's timer was taken over by the flush
  });

  it('while the refresher has viewer rows left behind, asks for a round for them after its interval', async () => {
    const s = scheduler(500);
    refresher.deferred = touched('b1', 's1');
    // the second round writes them
    refresher.respond = async () => {
      if (refresher.calls.length === 2) refresher.deferred = new Map();
    };
    s.touch(touched('b1', 's1'));
    await jest.advanceTimersByTimeAsync(500); // round 1 at 500 leaves s1's viewer rows behind
    await jest.advanceTimersByTimeAsync(2_499);
    expect(refresher.calls.map((c) => c.at)).toEqual([500]);
    // t=2500 the catch-up touches s1 (2 000 ms after round 1), the round follows an interval later
    await jest.advanceTimersByTimeAsync(1);
    expect(refresher.calls.map((c) => c.at)).toEqual([500, 3_000]);
    expect(refresher.calls[1]).toEqual({ brandId: 'b1', sessionIds: ['s1'], at: 3_000 });

    // round 2 wrote them: nothing more is asked for
    await jest.advanceTimersByTimeAsync(10_000);
    expect(refresher.calls).toHaveLength(2);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('flush writes the viewer rows left behind at once, and asks for no catch-up after', async () => {
    const s = scheduler(500);
    refresher.deferred = touched('b1', 's1', 's2');
    s.touch(touched('b1', 's1'));
    await jest.advanceTimersByTimeAsync(500);
    await s.flush();
    expect(refresher.calls).toEqual([
      { brandId: 'b1', sessionIds: ['s1'], at: 500 },
      { brandId: 'b1', sessionIds: ['s1', 's2'], at: 500, viewerRows: true },
    ]);
    expect(jest.getTimerCount()).toBe(0); // round 1's catch-up was cancelled, the flushed round set none
  });

  it("has an ended session's earlier rounds removed when the refresher says they are due, not before", async () => {
    const s = scheduler(500);
    // round 1 (at 500) rolls up s1 ended: its earlier rounds may go at 60 500, round 2's s2's at 61 000
    refresher.respond = endsWhatItRollsUp;
    s.touch(touched('b1', 's1'));
    await jest.advanceTimersByTimeAsync(500);
    s.touch(touched('b1', 's2'));
    await jest.advanceTimersByTimeAsync(500);
    expect(refresher.calls.map((c) => c.at)).toEqual([500, 1_000]);
    await jest.advanceTimersByTimeAsync(59_499); // t=60 499
    expect(refresher.removals).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(refresher.removals).toEqual([{ at: 60_500, upTo: 60_500 }]);
    expect(refresher.superseded).toEqual([61_000]);
    await jest.advanceTimersByTimeAsync(500); // the next one's turn
    expect(refresher.removals).toEqual([
      { at: 60_500, upTo: 60_500 },
      { at: 61_000, upTo: 61_000 },
    ]);
    expect(refresher.superseded).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('flush removes the earlier rounds still waiting, whatever their time', async () => {
    const s = scheduler(500);
    refresher.respond = endsWhatItRollsUp;
    s.touch(touched('b1', 's1'));
    await jest.advanceTimersByTimeAsync(500);
    await s.flush();
    expect(refresher.removals).toEqual([{ at: 500, upTo: Infinity }]);
    expect(refresher.superseded).toEqual([]);
    expect(jest.getTimerCount()).toBe(0); // the removal's timer was cancelled
  });

  it('flush with nothing pending resolves without touching the engine', async () => {
    await scheduler(500).flush();
    expect(refresher.calls).toEqual([]);
  });
});

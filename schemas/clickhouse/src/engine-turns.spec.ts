import { jest } from '@jest/globals';
import { EngineTurns } from './engine-turns.js';

/** A call that records when it started and ends when the test says so. */
function call(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const run = () => {
    log.push(`${name}@${Date.now()}`);
    return done;
  };
  return { run, finish };
}

describe('engine turns: one call at a time, reads first', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs one call at a time', async () => {
    const turns = new EngineTurns({ readBurstMs: 0, maxBackgroundWaitMs: 1_000 });
    const log: string[] = [];
    const a = call(log, 'a');
    const b = call(log, 'b');
    const first = turns.run('read', a.run);
    const second = turns.run('read', b.run);
    await jest.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['a@0']);
    a.finish();
    await first;
    await jest.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['a@0', 'b@0']);
    b.finish();
    await second;
  });

  it('lets a waiting read go before waiting background work, and holds background work during a burst of reads', async () => {
    const turns = new EngineTurns({ readBurstMs: 25, maxBackgroundWaitMs: 1_000 });
    const log: string[] = [];
    const rebuild1 = call(log, 'rebuild1');
    const running = turns.run('background', rebuild1.run); // the engine is busy with a rebuild
    await jest.advanceTimersByTimeAsync(0);
    const rebuild2 = call(log, 'rebuild2');
    const read1 = call(log, 'read1');
    const queuedRebuild = turns.run('background', rebuild2.run); // queued first…
    const page = turns.run('read', read1.run); // …but the read goes first
    await jest.advanceTimersByTimeAsync(10);
    rebuild1.finish();
    await running;
    await jest.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['rebuild1@0', 'read1@10']);
    await jest.advanceTimersByTimeAsync(5);
    read1.finish();
    await page;
    // The page's second round arrives 10 ms later: the rebuild has not slipped in between.
    await jest.advanceTimersByTimeAsync(10);
    const read2 = call(log, 'read2');
    const secondRound = turns.run('read', read2.run);
    await jest.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['rebuild1@0', 'read1@10', 'read2@25']);
    read2.finish();
    await secondRound;
    // 25 ms after the last read, the rebuild takes its turn.
    await jest.advanceTimersByTimeAsync(24);
    expect(log).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['rebuild1@0', 'read1@10', 'read2@25', 'rebuild2@50']);
    rebuild2.finish();
    await queuedRebuild;
  });

  it('after a background call that publishes, holds the next one for a read burst so the reads it wakes go first', async () => {
    const turns = new EngineTurns({ readBurstMs: 25, maxBackgroundWaitMs: 1_000 });
    const log: string[] = [];
    const stats = call(log, 'stats');
    const published = turns.run('background', stats.run, { publishes: true });
    const frame = call(log, 'frame');
    const nextRound = turns.run('background', frame.run); // the next round, queued behind it
    await jest.advanceTimersByTimeAsync(10);
    stats.finish();
    await published;
    // the push's read, woken by the publication, arrives 5 ms later: before the next round's statement
    await jest.advanceTimersByTimeAsync(5);
    const push = call(log, 'push');
    const pushed = turns.run('read', push.run);
    await jest.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['stats@0', 'push@15']);
    push.finish();
    await pushed;
    await jest.advanceTimersByTimeAsync(25);
    expect(log).toEqual(['stats@0', 'push@15', 'frame@40']);
    frame.finish();
    await nextRound;
  });

  it('does not hold background work after a background call that does not publish', async () => {
    const turns = new EngineTurns({ readBurstMs: 25, maxBackgroundWaitMs: 1_000 });
    const log: string[] = [];
    const minutes = call(log, 'minutes');
    const first = turns.run('background', minutes.run);
    const products = call(log, 'products');
    const second = turns.run('background', products.run);
    await jest.advanceTimersByTimeAsync(10);
    minutes.finish();
    await first;
    await jest.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['minutes@0', 'products@10']);
    products.finish();
    await second;
  });

  it('never lets reads starve background work beyond its limit', async () => {
    const turns = new EngineTurns({ readBurstMs: 25, maxBackgroundWaitMs: 100 });
    const log: string[] = [];
    const first = call(log, 'read0');
    const r0 = turns.run('read', first.run);
    await jest.advanceTimersByTimeAsync(0);
    const rebuild = call(log, 'rebuild');
    const rebuilt = turns.run('background', rebuild.run); // waiting from t = 0
    first.finish();
    await r0;
    // A read every 10 ms, each 1 ms long: never a 25 ms quiet gap.
    for (let t = 10; t <= 150; t += 10) {
      await jest.advanceTimersByTimeAsync(9);
      if (log.at(-1)?.startsWith('rebuild')) break;
      const read = call(log, `read${t}`);
      const done = turns.run('read', read.run);
      await jest.advanceTimersByTimeAsync(1);
      read.finish();
      await done;
    }
    const started = log.find((entry) => entry.startsWith('rebuild@'));
    expect(started).toBeDefined();
    expect(Number(started?.split('@')[1])).toBeLessThanOrEqual(110);
    expect(Number(started?.split('@')[1])).toBeGreaterThanOrEqual(100);
    rebuild.finish();
    await rebuilt;
  });

  it('keeps going after a call fails', async () => {
    const turns = new EngineTurns({ readBurstMs: 0, maxBackgroundWaitMs: 1_000 });
    await expect(turns.run('read', () => Promise.reject(new Error('engine said no')))).rejects.toThrow(
      'engine said no',
    );
    await expect(turns.run('background', () => Promise.resolve(42))).resolves.toBe(42);
  });
});

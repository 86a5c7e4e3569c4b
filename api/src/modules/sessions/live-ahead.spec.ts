import type { ClickHouseGateway } from '@lc/clickhouse';
import type { LiveRepository, RecentAsk, RecentCounts } from '../../repositories/live.repository.js';
import type { SessionDto } from './dtos/session.dto.js';
import { LiveSumsAhead, RECENT_MIN_GAP_MS } from './live-ahead.js';
import type { SessionService } from './session.service.js';

/**
 * When a reading of a live session's newest minutes begins, and who shares it: a request gets one that
 * begins after it comes. The engine is replaced by readings the test ends by hand (each shows the likes
 * "inserted" before it began), so what each request was answered from is known exactly.
 */
describe('LiveSumsAhead readings', () => {
  /** Likes stored in L1's newest minute so far (L2 has ten times as many): what a reading that begins now counts. */
  let likesNow = 0;
  /** Each statement: the sessions it reads, and how the test ends it. */
  let readings: { sessions: string[]; end: () => void }[] = [];
  const live = {
    recentCountsOf: (asks: readonly RecentAsk[]): Promise<RecentCounts[]> => {
      const counted = asks.map(({ ref }) => (ref.sessionId === 'L1' ? likesNow : likesNow * 10));
      return new Promise((resolve) => {
        readings.push({
          sessions: asks.map(({ ref }) => ref.sessionId),
          end: () =>
            resolve(
              counted.map((likes) => ({
                rows: [{ minute: 0, likes, comments: 0, cart_adds: 0 }],
                lastMs: 1_000,
                minuteCount: 1,
                ends: false,
              })),
            ),
        });
      });
    },
  } as unknown as LiveRepository;
  const sessions = {
    minuteSeries: async (_principal: unknown, bases: readonly SessionDto[]) => bases.map(() => []),
  } as unknown as SessionService;
  const gateway = { onQuery: () => () => undefined } as unknown as ClickHouseGateway;
  const base = {
    id: 'L1',
    brandId: 'b1',
    version: 7,
    isLive: true,
    minutes: 1,
    startedAt: new Date(0),
    lastEventAt: new Date(1_000),
    metrics: { likes: 0, comments: 0, cartAdds: 0 },
  } as unknown as SessionDto;
  const principal = { kind: 'admin' } as const;
  const likesOf = async (answer: Promise<SessionDto>) => (await answer).metrics.likes;
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const until = async (n: number) => {
    while (readings.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  let ahead: LiveSumsAhead;

  beforeEach(() => {
    likesNow = 0;
    readings = [];
    ahead = new LiveSumsAhead(live, sessions, gateway);
  });
  afterEach(() => ahead.onModuleDestroy());

  it('shares one reading among the requests that come before it begins', async () => {
    likesNow = 3;
    const [a, b] = [ahead.of(principal, base, 'counts'), ahead.of(principal, base, 'counts')];
    await until(1);
    readings[0].end();
    expect(await Promise.all([likesOf(a), likesOf(b)])).toEqual([3, 3]);
    expect(readings).toHaveLength(1);
  });

  it('reads the sessions asked on one turn in one statement, each with its own numbers', async () => {
    likesNow = 3;
    const l2 = { ...base, id: 'L2' } as SessionDto;
    const [a, b] = [ahead.of(principal, base, 'counts'), ahead.of(principal, l2, 'counts')];
    await until(1);
    expect(readings.map((r) => r.sessions)).toEqual([['L1', 'L2']]);
    readings[0].end();
    expect(await Promise.all([likesOf(a), likesOf(b)])).toEqual([3, 30]);
  });

  it('answers a request that comes while a reading runs with the next one, after it and its pace', async () => {
    likesNow = 3;
    const first = ahead.of(principal, base, 'counts');
    await until(1); // the first reading has begun: it counts 3
    likesNow = 5; // two likes inserted, then two requests come
    const [second, third] = [ahead.of(principal, base, 'counts'), ahead.of(principal, base, 'counts')];
    await turn();
    expect(readings).toHaveLength(1); // the next waits for the first to end
    const endedAt = performance.now();
    readings[0].end();
    expect(await likesOf(first)).toBe(3);
    await until(2);
    // it began after the first ended and its pace (RECENT_MIN_GAP_MS: the fake engine spent no time)
    expect(performance.now() - endedAt).toBeGreaterThanOrEqual(RECENT_MIN_GAP_MS - 5);
    readings[1].end();
    expect(await Promise.all([likesOf(second), likesOf(third)])).toEqual([5, 5]);
    expect(readings).toHaveLength(2);
  });

  it('starts at once for a new rollup version, and reads nothing for a session that is not live', async () => {
    likesNow = 3;
    const first = ahead.of(principal, base, 'counts');
    await until(1);
    const next = ahead.of(principal, { ...base, version: 8 } as SessionDto, 'counts');
    await until(2); // not after the first: the new version's minutes are another reading's
    readings[0].end();
    readings[1].end();
    expect(await Promise.all([likesOf(first), likesOf(next)])).toEqual([3, 3]);
    const ended = { ...base, isLive: false, metrics: { likes: 4 } } as unknown as SessionDto;
    expect(await likesOf(ahead.of(principal, ended, 'counts'))).toBe(4);
    expect(readings).toHaveLength(2);
  });
});

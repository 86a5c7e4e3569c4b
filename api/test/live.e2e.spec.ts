import {
  B6_PERIOD,
  B6_PERIOD_EXPECTED,
  LIVE_EARLIER,
  LIVE_EXPECTED,
  LIVE_NOW,
  LIVE_SESSION_ID,
  RECAP_EXPECTED,
  RECAP_SESSION,
  liveFixture,
} from '@lc/contract/testing';
import { loadEvents } from '@lc/clickhouse/testing';
import { startApi, type ApiHarness } from './api.harness.js';

/** Expected values are worked out by hand in docs/FIXTURE.md ("Brand b6 — recaps and the live console"). */
const close = (value: unknown): unknown => {
  if (typeof value === 'number') return expect.closeTo(value, 9);
  if (Array.isArray(value)) return value.map(close);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, close(v)]));
  return value;
};
const WINDOW = 'minutes watching comments likes cartAdds orders revenue';

describe('recaps and the live console over GraphQL (b6 fixture)', () => {
  let api: ApiHarness;
  let reader: string;
  const live = (at: number) =>
    api.gql(
      `query($id: ID!, $at: DateTime!) { session(id: $id) { live(at: $at) {
         minute nowVsBefore { last { ${WINDOW} } before { ${WINDOW} } }
         unansweredComments { eventId ageSeconds question }
         waitingForRecap { viewers minutesSinceRecap }
         alerts { kind minute watching watchingBefore comments usualComments waiting minutesSinceRecap
           question { eventId viewerId text } } } } }`,
      { id: LIVE_SESSION_ID, at: new Date(at).toISOString() },
      reader,
    );

  beforeAll(async () => {
    api = await startApi({ b6: { timeZone: 'Asia/Tokyo', currency: 'JPY', events: liveFixture().byBrand.b6 } });
    reader = api.tokens.b6;
  });
  afterAll(() => api.close());

  it('computes the recap KPIs of the live and the finished session', async () => {
    for (const [id, expected] of [
      [LIVE_SESSION_ID, LIVE_EXPECTED],
      [RECAP_SESSION, RECAP_EXPECTED],
    ] as const) {
      const result = await api.gql(
        `query($id: ID!) { session(id: $id) { metrics { uniqueViewers recaps lateJoiners recapCoverage recapLift } } }`,
        { id },
        reader,
      );
      expect(result.errors).toBeUndefined();
      const { uniqueViewers, recaps, lateJoiners, recapCoverage, recapLift } = expected;
      expect([id, (result.data?.session as { metrics: unknown }).metrics]).toEqual([
        id,
        close({ uniqueViewers, recaps, lateJoiners, recapCoverage, recapLift }),
      ]);
    }
  });

  it('adds the recap KPIs up over a period as ratios of sums', async () => {
    const result = await api.gql(
      `query($p: PeriodInput!) { brandOverview(brandId: "b6", period: $p, compare: false) { metrics { sessions recaps lateJoiners recapCoverage recapLift } } }`,
      { p: B6_PERIOD },
      reader,
    );
    expect(result.errors).toBeUndefined();
    expect((result.data?.brandOverview as { metrics: unknown }).metrics).toEqual(close(B6_PERIOD_EXPECTED));
  });

  it('gives the live state at LIVE_NOW: now vs before, unanswered comments, waiting viewers and every alert', async () => {
    const result = await live(LIVE_NOW);
    expect(result.errors).toBeUndefined();
    const state = (result.data?.session as { live: Record<string, unknown> }).live;
    expect(state.minute).toBe(32);
    expect(state.nowVsBefore).toEqual(close(LIVE_EXPECTED.nowVsBefore));
    expect(state.unansweredComments).toEqual(LIVE_EXPECTED.unansweredComments);
    expect(state.waitingForRecap).toEqual(LIVE_EXPECTED.waitingForRecap);
    expect(state.alerts).toEqual(LIVE_EXPECTED.alerts);
  });

  it('gives the head of the unanswered queue and its length when asked for the first few', async () => {
    const result = await api.gql(
      `query($id: ID!, $at: DateTime!) { session(id: $id) { live(at: $at) {
         unansweredCount head: unansweredComments(first: 2) { eventId question } none: unansweredComments(first: 0) { eventId }
         all: unansweredComments(first: 50) { eventId } } } }`,
      { id: LIVE_SESSION_ID, at: new Date(LIVE_NOW).toISOString() },
      reader,
    );
    expect(result.errors).toBeUndefined();
    // five unanswered at LIVE_NOW (FIXTURE.md): three questions, then two comments
    expect((result.data?.session as { live: unknown }).live).toEqual({
      unansweredCount: 5,
      head: [
        { eventId: 'L1-q3', question: true },
        { eventId: 'L1-q4', question: true },
      ],
      none: [],
      all: ['L1-q3', 'L1-q4', 'L1-q5', 'L1-c1051', 'L1-c1950'].map((eventId) => ({ eventId })),
    });
    const negative = await api.gql(
      `query($id: ID!, $at: DateTime!) { session(id: $id) { live(at: $at) { unansweredComments(first: -1) { eventId } } } }`,
      { id: LIVE_SESSION_ID, at: new Date(LIVE_NOW).toISOString() },
      reader,
    );
    expect(negative.errors?.[0]?.message).toBe('first must be 0 or more, not -1');
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('leaves minutes before the start out of the windows', async () => {
    for (const earlier of LIVE_EARLIER) {
      const result = await live(earlier.now);
      expect(result.errors).toBeUndefined();
      expect((result.data?.session as { live: { nowVsBefore: unknown } }).live.nowVsBefore).toEqual(
        close(earlier.nowVsBefore),
      );
    }
  });

  it('computes the state now once for consoles that ask at the same time, and a state at an instant each time', async () => {
    const comments: number[] = [];
    const stop = api.engine.gateway.onQuery((call) => {
      if (call.tag === 'live.comments') comments.push(call.ms);
    });
    try {
      const now = `query($id: ID!) { session(id: $id) { id live { at minute waitingForRecap { viewers } } } }`;
      const asked = await Promise.all([1, 2, 3, 4].map(() => api.gql(now, { id: LIVE_SESSION_ID }, reader)));
      for (const result of asked) expect(result.errors).toBeUndefined();
      // four consoles, one read of the comments: the state is shared, the same instant for each
      expect(comments).toHaveLength(1);
      expect(new Set(asked.map((r) => JSON.stringify(r.data))).size).toBe(1);
      // a state "at" an instant is never shared
      await live(LIVE_NOW);
      await live(LIVE_NOW);
      expect(comments).toHaveLength(3);
    } finally {
      stop();
    }
  });

  it('says until when its numbers count every acknowledged event: the start of the round that computed them', async () => {
    const counted = async () => {
      const result = await api.gql(`{ session(id: "counted-1") { countedUntil metrics { likes } } }`, {}, reader);
      expect(result.errors).toBeUndefined();
      const { countedUntil, metrics } = result.data?.session as { countedUntil: string; metrics: { likes: number } };
      return { at: Date.parse(countedUntil), likes: metrics.likes };
    };
    const event = (eventId: string, type: 'session_start' | 'like', seconds: number) => ({
      eventId,
      sessionId: 'counted-1',
      occurredAt: new Date(Date.now() - 60_000 + seconds * 1000).toISOString(),
      ...(type === 'session_start'
        ? {
            type,
            commercerId: 'c1',
            commercerName: 'Aoi',
            commercerKind: 'in_house' as const,
            title: 'Counted',
            platform: 'app',
          }
        : { type, viewerId: 'v1', count: 2, stamp: 'heart' }),
    });
    // loadEvents inserts, then runs a rollup round: that round started between before and after
    const before = Date.now();
    await loadEvents(api.engine.gateway, 'b6', [event('cu-start', 'session_start', 0), event('cu-like-1', 'like', 5)]);
    const after = Date.now();
    const first = await counted();
    expect(first.likes).toBe(2);
    expect(first.at).toBeGreaterThanOrEqual(before);
    expect(first.at).toBeLessThanOrEqual(after);
    // another event, another round: a later instant
    await loadEvents(api.engine.gateway, 'b6', [event('cu-like-2', 'like', 10)]);
    const second = await counted();
    expect(second.likes).toBe(4);
    expect(second.at).toBeGreaterThanOrEqual(after);
    expect(second.at).toBeLessThanOrEqual(Date.now());
  });

  it('has no live state once a session has ended', async () => {
    const result = await api.gql(`{ session(id: "${RECAP_SESSION}") { isLive live { minute } } }`, {}, reader);
    expect(result.data?.session).toEqual({ isLive: false, live: null });
  });
});

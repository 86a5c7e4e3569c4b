import type { LiveEventInput } from '@lc/contract';
import { startApi, type ApiHarness } from './api.harness.js';

/**
 * Period queries over the hand fixture (docs/FIXTURE.md) and a second small
 * brand, b3, made for time zones, regulars, cohorts, correlation and currencies:
 *
 *   T1 2026-11-20 14:30Z (23:30 Tokyo, Fri 20th)  r1 likes, r2               → engagement 1/2, conversion 0
 *   T2 2026-11-20 15:30Z (00:30 Tokyo, Sat 21st)  r1 likes + buys 1000 JPY, r3 comments → 1, 1/2
 *   T3 2026-11-24 12:00Z (next week)              r1, r2 (join only)          → 0, 0
 *   T4 2026-11-26 01:00Z                           r4 buys 10 USD              → 1, 1
 */
const at = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();
let n = 0;
function session(
  id: string,
  start: string,
  host: string,
  body: (e: (s: number, rest: Record<string, unknown>) => LiveEventInput) => LiveEventInput[],
): LiveEventInput[] {
  const e = (seconds: number, rest: Record<string, unknown>) =>
    ({ eventId: `${id}-${++n}`, sessionId: id, occurredAt: at(start, seconds), ...rest }) as LiveEventInput;
  return [
    e(0, {
      type: 'session_start',
      commercerId: host,
      commercerName: `Host ${host}`,
      commercerKind: 'in_house',
      title: `Stream ${id}`,
      platform: 'own_site',
    }),
    ...body(e),
    e(600, { type: 'session_end' }),
  ];
}
const b3Events: LiveEventInput[] = [
  ...session('T1', '2026-11-20T14:30:00Z', 'c7', (e) => [
    e(10, { type: 'join', viewerId: 'r1' }),
    e(20, { type: 'like', viewerId: 'r1', count: 4, stamp: 'star' }),
    e(30, { type: 'join', viewerId: 'r2' }),
  ]),
  ...session('T2', '2026-11-20T15:30:00Z', 'c7', (e) => [
    e(10, { type: 'join', viewerId: 'r1' }),
    e(20, { type: 'like', viewerId: 'r1', count: 1 }),
    e(40, {
      type: 'purchase',
      viewerId: 'r1',
      orderId: 'o9',
      currency: 'JPY',
      items: [{ productId: 'p', quantity: 1, unitPrice: '1000' }],
    }),
    e(50, { type: 'comment', viewerId: 'r3', author: 'viewer', text: 'hi' }),
  ]),
  ...session('T3', '2026-11-24T12:00:00Z', 'c7', (e) => [
    e(10, { type: 'join', viewerId: 'r1' }),
    e(20, { type: 'join', viewerId: 'r2' }),
  ]),
  ...session('T4', '2026-11-26T01:00:00Z', 'c8', (e) => [
    e(10, {
      type: 'purchase',
      viewerId: 'r4',
      orderId: 'o10',
      currency: 'USD',
      items: [{ productId: 'q', quantity: 1, unitPrice: '10' }],
    }),
  ]),
];

const PERIOD_METRIC_FIELDS = `sessions views uniqueViewers totalWatchSeconds avgWatchSeconds peakConcurrentViewers comments commenters chatRate
  likes likers engagedViewers engagementRate cartAdds cartAdders orders buyers revenue revenueByCurrency { currency amount }
  conversionRate cartConversionRate averageOrderValue revenuePerViewer gpm returningViewers newViewers returningRate lateJoiners commentResponseRate`;

describe('period queries (brand overview, commercers, engagement vs sales, community)', () => {
  let api: ApiHarness;
  const query = async (text: string, brand: string) => {
    const r = await api.gql(text, {}, api.tokens[brand]);
    expect(r.errors).toBeUndefined();
    return r.data as Record<string, never>;
  };

  beforeAll(async () => {
    api = await startApi({ b3: { timeZone: 'Asia/Tokyo', currency: 'JPY', events: b3Events } });
  });
  afterAll(() => api.close());

  it('brandOverview: b1 over S0 and S1, every KPI a ratio of sums (worked out in docs/FIXTURE.md)', async () => {
    const d = await query(
      `{ brandOverview(period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z", timeZone: "UTC" }) {
          brand { id } period { from to timeZone } previousPeriod { from to }
          metrics { ${PERIOD_METRIC_FIELDS} }
          previous { sessions views revenue }
          comparisons { name value previous change }
          daily { date sessions views uniqueViewers orders revenue }
          best { id } worst { id }
      } }`,
      'b1',
    );
    const o = d.brandOverview as Record<string, never>;
    expect(o).toMatchObject({
      brand: { id: 'b1' },
      period: { from: '2026-11-19T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z', timeZone: 'UTC' },
      previousPeriod: { from: '2026-11-17T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z' },
    });
    const close = (x: number) => expect.closeTo(x, 9);
    expect(o.metrics).toEqual({
      sessions: 2,
      views: 6, // 4 + 2
      uniqueViewers: 5, // v1 v2 v3 v4 v9
      totalWatchSeconds: 810, // 750 + 60
      avgWatchSeconds: 135, // 810 / 6
      peakConcurrentViewers: 2,
      comments: 3,
      commenters: 3,
      chatRate: close(3 / 25), // 20 + 5 minutes
      likes: 15,
      likers: 2,
      engagedViewers: 4,
      engagementRate: close(4 / 6),
      cartAdds: 2,
      cartAdders: 2,
      orders: 2,
      buyers: 2,
      revenue: 4400,
      revenueByCurrency: [{ currency: 'JPY', amount: 4400 }],
      conversionRate: close(2 / 6),
      cartConversionRate: 0.5,
      averageOrderValue: 2200,
      revenuePerViewer: close(4400 / 6),
      gpm: close(4_400_000 / 6),
      returningViewers: 1, // v1 in S1
      newViewers: 5,
      returningRate: close(1 / 6),
      lateJoiners: 2,
      commentResponseRate: close(2 / 3),
    });
    expect(o.previous).toEqual({ sessions: 0, views: 0, revenue: 0 });
    expect(o.comparisons).toContainEqual({ name: 'views', value: 6, previous: 0, change: null });
    expect(o.daily).toEqual([
      { date: '2026-11-19', sessions: 1, views: 2, uniqueViewers: 2, orders: 0, revenue: 0 },
      { date: '2026-11-20', sessions: 1, views: 4, uniqueViewers: 4, orders: 2, revenue: 4400 },
    ]);
    expect(o.best).toEqual([{ id: 'S1' }, { id: 'S0' }]);
    expect(o.worst).toEqual([{ id: 'S0' }, { id: 'S1' }]);
  });

  it('compares with the previous period: the change is relative', async () => {
    // Current = the day of S1, previous = the day of S0: views 4 vs 2 → +100 %.
    const d = await query(
      '{ brandOverview(period: { from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z" }) { comparisons { name value previous change } } }',
      'b1',
    );
    const comparisons = (d.brandOverview as { comparisons: { name: string }[] }).comparisons;
    expect(comparisons.find((c) => c.name === 'views')).toEqual({ name: 'views', value: 4, previous: 2, change: 1 });
    expect(comparisons.find((c) => c.name === 'conversionRate')).toEqual({
      name: 'conversionRate',
      value: 0.5,
      previous: 0,
      change: null,
    });
  });

  it("buckets days in the period's zone: 23:30 and 00:30 Tokyo are two days, one UTC day", async () => {
    const tokyo = await query(
      '{ brandOverview(period: { from: "2026-11-20T00:00:00+09:00", to: "2026-11-22T00:00:00+09:00" }) { period { timeZone } daily { date sessions } } }',
      'b3',
    );
    // No zone given: the brand's own (Asia/Tokyo).
    expect(tokyo.brandOverview).toEqual({
      period: { timeZone: 'Asia/Tokyo' },
      daily: [
        { date: '2026-11-20', sessions: 1 },
        { date: '2026-11-21', sessions: 1 },
      ],
    });
    const utc = await query(
      '{ brandOverview(period: { from: "2026-11-20T00:00:00Z", to: "2026-11-22T00:00:00Z", timeZone: "UTC" }) { daily { date sessions } } }',
      'b3',
    );
    expect((utc.brandOverview as { daily: unknown }).daily).toEqual([
      { date: '2026-11-20', sessions: 2 },
      { date: '2026-11-21', sessions: 0 },
    ]);
  });

  it('never sums money across currencies', async () => {
    const d = await query(
      '{ brandOverview(period: { from: "2026-11-16T00:00:00Z", to: "2026-11-30T00:00:00Z" }) { metrics { revenue averageOrderValue gpm orders revenueByCurrency { currency amount } } } }',
      'b3',
    );
    expect((d.brandOverview as { metrics: unknown }).metrics).toEqual({
      revenue: null,
      averageOrderValue: null,
      gpm: null,
      orders: 2,
      revenueByCurrency: [
        { currency: 'JPY', amount: 1000 },
        { currency: 'USD', amount: 10 },
      ],
    });
  });

  it('answers an empty period with zeros and null ratios, not an error', async () => {
    const d = await query(
      '{ brandOverview(period: { from: "2020-01-01T00:00:00Z", to: "2020-01-03T00:00:00Z" }) { metrics { sessions views conversionRate revenue } daily { date sessions } best { id } } }',
      'b1',
    );
    expect(d.brandOverview).toEqual({
      metrics: { sessions: 0, views: 0, conversionRate: null, revenue: 0 },
      // 2020-01-01 00:00 UTC is 09:00 in Tokyo; the period's zone is the brand's (Tokyo) → 1st, 2nd, 3rd
      daily: [
        { date: '2020-01-01', sessions: 0 },
        { date: '2020-01-02', sessions: 0 },
        { date: '2020-01-03', sessions: 0 },
      ],
      best: [],
    });
  });

  it('leaderboard and commercers: side by side, sortable, filtered by kind', async () => {
    const period = 'period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z" }';
    const board = await query(
      `{ leaderboard(${period}) { commercer { id name kind } metrics { sessions views revenue conversionRate } previous { sessions } } }`,
      'b1',
    );
    expect(board.leaderboard).toEqual([
      {
        commercer: { id: 'c1', name: 'Aki Tanaka', kind: 'professional' },
        metrics: { sessions: 1, views: 4, revenue: 4400, conversionRate: 0.5 },
        previous: { sessions: 0 },
      },
      {
        commercer: { id: 'c2', name: 'Mei Sato', kind: 'in_house' },
        metrics: { sessions: 1, views: 2, revenue: 0, conversionRate: 0 },
        previous: { sessions: 0 },
      },
    ]);
    const byViews = await query(
      `{ commercers(${period}, sortBy: views, direction: ASC) { commercer { id } previous { sessions } } }`,
      'b1',
    );
    expect(byViews.commercers).toEqual([
      { commercer: { id: 'c2' }, previous: null },
      { commercer: { id: 'c1' }, previous: null },
    ]);
    const inHouse = await query(`{ commercers(${period}, kind: in_house) { commercer { id } } }`, 'b1');
    expect(inHouse.commercers).toEqual([{ commercer: { id: 'c2' } }]);
  });

  it('commercer profile: KPIs, sessions, stamps and community of one host', async () => {
    const d = await query(
      `{ commercer(id: "c1", period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z" }) {
          commercer { name } metrics { sessions views commentResponseRate } sessions { id } stamps { stamp likes }
          community { uniqueViewers returningViewers returningRate regularsCount }
      } }`,
      'b1',
    );
    expect(d.commercer).toEqual({
      commercer: { name: 'Aki Tanaka' },
      metrics: { sessions: 1, views: 4, commentResponseRate: 2 / 3 },
      sessions: [{ id: 'S1' }],
      stamps: [
        { stamp: 'heart', likes: 10 },
        { stamp: 'like', likes: 5 },
      ],
      community: { uniqueViewers: 4, returningViewers: 1, returningRate: 0.25, regularsCount: 0 },
    });
    const unknown = await query(
      '{ commercer(id: "nobody", period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z" }) { brandId } }',
      'b1',
    );
    expect(unknown.commercer).toBeNull();
  });

  it('engagementVsSales: points per session with Pearson r and the least-squares line', async () => {
    const d = await query(
      '{ engagementVsSales(period: { from: "2026-11-20T00:00:00Z", to: "2026-11-25T00:00:00Z" }) { points { id label engagementRate conversionRate viewers } correlation slope intercept } }',
      'b3',
    );
    const r = d.engagementVsSales as {
      points: { id: string }[];
      correlation: number;
      slope: number;
      intercept: number;
    };
    expect(r.points).toEqual([
      { id: 'T1', label: 'Stream T1', engagementRate: 0.5, conversionRate: 0, viewers: 2 },
      { id: 'T2', label: 'Stream T2', engagementRate: 1, conversionRate: 0.5, viewers: 2 },
      { id: 'T3', label: 'Stream T3', engagementRate: 0, conversionRate: 0, viewers: 2 },
    ]);
    // x̄ = 0.5, ȳ = 1/6; Sxy = 1/4, Sxx = 1/2, Syy = 1/6 → r = (1/4)/√(1/12) = √3/2, slope 1/2, intercept 1/6 − 1/4
    expect(r.correlation).toBeCloseTo(Math.sqrt(3) / 2, 9);
    expect(r.slope).toBeCloseTo(0.5, 9);
    expect(r.intercept).toBeCloseTo(-1 / 12, 9);
    const twoPoints = await query(
      '{ engagementVsSales(period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z" }) { correlation } }',
      'b1',
    );
    expect(twoPoints.engagementVsSales).toEqual({ correlation: null });
  });

  it('community: regulars, returning rate, weekly cohorts and stamps by commercer', async () => {
    const d = await query(
      `{ community(period: { from: "2026-11-16T00:00:00Z", to: "2026-11-30T00:00:00Z", timeZone: "UTC" }) {
          uniqueViewers returningViewers returningRate regularsCount regulars { viewerId sessions }
          cohorts { week size partial returning returningPartial } stamps { commercer { id } stamps { stamp likes } }
      } }`,
      'b3',
    );
    expect(d.community).toEqual({
      uniqueViewers: 4, // r1 r2 r3 r4
      returningViewers: 3, // T2: r1; T3: r1, r2
      returningRate: 3 / 7, // views: 2 + 2 + 2 + 1 (T4 has one viewer)
      regularsCount: 1,
      regulars: [{ viewerId: 'r1', sessions: 3 }],
      // Week of Mon 16th: r1, r2 (T1), r3 (T2); 2 of 3 watched again in the week of the 23rd (T3).
      // Week of the 23rd: r4 (T4); the period ends in that week, so no following week.
      // The period is Mon 16th 00:00 to Mon 30th 00:00 UTC: both weeks whole.
      cohorts: [
        { week: '2026-11-16', size: 3, partial: false, returning: [2 / 3], returningPartial: [false] },
        { week: '2026-11-23', size: 1, partial: false, returning: [], returningPartial: [] },
      ],
      // c8's only session has no likes: not listed
      stamps: [
        {
          commercer: { id: 'c7' },
          stamps: [
            { stamp: 'star', likes: 4 },
            { stamp: 'like', likes: 1 },
          ],
        },
      ],
    });
  });

  it('brandOverview.history: the four periods of equal length just before the period, newest first', async () => {
    // Two days from Sat 28th (UTC): [26th, 28th) holds T4 (r4 buys), [24th, 26th) T3 (r1, r2 join only),
    // [22nd, 24th) nothing, [20th, 22nd) T1 (r1, r2) and T2 (r1 buys, r3): 4 views of 3 viewers, 1 buyer.
    const d = await query(
      `{ brandOverview(period: { from: "2026-11-28T00:00:00Z", to: "2026-11-30T00:00:00Z", timeZone: "UTC" }, compare: false) {
          history { period { from to } metrics { sessions views uniqueViewers conversionRate } }
      } }`,
      'b3',
    );
    const day = (n: number) => `2026-11-${n}T00:00:00.000Z`;
    expect((d.brandOverview as { history: unknown }).history).toEqual([
      {
        period: { from: day(26), to: day(28) },
        metrics: { sessions: 1, views: 1, uniqueViewers: 1, conversionRate: 1 },
      },
      {
        period: { from: day(24), to: day(26) },
        metrics: { sessions: 1, views: 2, uniqueViewers: 2, conversionRate: 0 },
      },
      {
        period: { from: day(22), to: day(24) },
        metrics: { sessions: 0, views: 0, uniqueViewers: 0, conversionRate: null },
      },
      {
        period: { from: day(20), to: day(22) },
        metrics: { sessions: 2, views: 4, uniqueViewers: 3, conversionRate: 0.25 },
      },
    ]);
  });

  it('brandOverview: the totals and the history in one statement when a query asks both, with the same numbers', async () => {
    const tags: string[] = [];
    const off = api.engine.gateway.onQuery((e) => {
      if (e.kind === 'query' && e.tag.startsWith('period.totals.')) tags.push(e.tag);
    });
    // Two days from Sat 28th, as above; London is on UTC in November, so the same days — but parameters no
    // other test sends, so no answer of them is kept (KeptBrandReads) and each statement runs
    const period = '{ from: "2026-11-28T00:00:00Z", to: "2026-11-30T00:00:00Z", timeZone: "Europe/London" }';
    const totals =
      'metrics { sessions views uniqueViewers conversionRate } previous { sessions views } daily { date sessions }';
    const history = 'history { period { from to } metrics { sessions views uniqueViewers conversionRate } }';
    const both = await query(`{ brandOverview(period: ${period}) { ${totals} ${history} } }`, 'b3');
    expect(tags).toEqual(['period.totals.overviewHistory']);
    tags.length = 0;
    const alone = await query(
      `{ t: brandOverview(period: ${period}) { ${totals} } h: brandOverview(period: ${period}) { ${history} } }`,
      'b3',
    );
    expect(tags.sort()).toEqual(['period.totals.history', 'period.totals.overview']);
    off();
    const { history: bothHistory, ...bothTotals } = both.brandOverview as Record<string, unknown>;
    expect(bothTotals).toEqual(alone.t);
    expect({ history: bothHistory }).toEqual(alone.h);
    // the previous period is the history's newest, [26th, 28th): T4, one view (by hand, the test above)
    expect(bothTotals.previous).toEqual({ sessions: 1, views: 1 });
    expect((bothHistory as { metrics: { views: number } }[]).map((h) => h.metrics.views)).toEqual([1, 2, 0, 4]);
  });

  it('community: marks the cohort weeks the period covers only in part, cut in its zone', async () => {
    // Thu 19th 00:00 to Thu 26th 00:00 in Tokyo. T1 (Fri 20th 23:30), T2 (Sat 21st 00:30) and T3 (Tue 24th 21:00)
    // are in it; T4 (Thu 26th 10:00) is not. r1, r2 (T1) and r3 (T2) first watched in the week of Mon 16th,
    // which the period enters on Thursday; r1 and r2 came back in the week of the 23rd, which it leaves on
    // Wednesday night: 2/3, a partial week, not a drop.
    const d = await query(
      `{ community(period: { from: "2026-11-18T15:00:00Z", to: "2026-11-25T15:00:00Z", timeZone: "Asia/Tokyo" }) {
          cohorts { week size partial returning returningPartial }
      } }`,
      'b3',
    );
    expect(d.community).toEqual({
      cohorts: [{ week: '2026-11-16', size: 3, partial: true, returning: [2 / 3], returningPartial: [true] }],
    });
  });

  it('asks for brandId when a token reads several brands, and hides brands it cannot read', async () => {
    const r = await api.gql(
      '{ brandOverview(brandId: "b2", period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z" }) { brand { id } } }',
      {},
      api.tokens.b1,
    );
    expect(r.errors?.[0]).toMatchObject({
      message: 'no brand "b2" for this token',
      extensions: { code: 'NOT_FOUND', field: 'brandId' },
    });
    const admin = await api.gql(
      '{ brandOverview(period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z" }) { brand { id } } }',
      {},
      'test-admin-token',
    );
    expect(admin.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'brandId' } });
  });
});

import type { LiveEventInput } from '@lc/contract';
import { T0 } from '@lc/contract/testing';
import { loadEvents } from '@lc/clickhouse/testing';
import { startApi, type ApiHarness } from './api.harness.js';

/**
 * Issue 11 ("reads faster than raw scans"): the period pages' reads are kept under the brand's rollup
 * state (KeptBrandReads), over real HTTP on the embedded engine. Hand fixture (docs/FIXTURE.md), b1 over
 * 19–21 Nov UTC: S0 of c2 (v1, v9) and S1 of c1 (v1–v4, ¥4 400); v1 watched S0 the day before S1.
 *   leaderboard: c1 1 session, 4 views, 4 viewers, 1 returning (1/4), ¥4 400; c2 1 session, 2 views, 0 returning.
 *   overview: 6 views, 5 distinct viewers, 1 returning view (1/6), ¥4 400.
 * Statements are counted with the gateway's own query log; a kept answer runs none.
 */
describe('period pages kept per brand rollup state (real engine, real HTTP)', () => {
  let api: ApiHarness;
  let tags: string[] = [];
  const PAGE = `{
    leaderboard(period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z", timeZone: "UTC" }, sortBy: views) {
      commercer { id } metrics { sessions views uniqueViewers returningRate revenue } }
    brandOverview(period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z", timeZone: "UTC" }) {
      metrics { sessions views uniqueViewers returningRate revenue } } }`;
  type Metrics = { sessions: number; views: number; uniqueViewers: number; returningRate: number; revenue: number };
  type Page = { leaderboard: { commercer: { id: string }; metrics: Metrics }[]; brandOverview: { metrics: Metrics } };
  const page = async (): Promise<Page> => {
    const r = await api.gql(PAGE, {}, api.tokens.b1);
    expect(r.errors).toBeUndefined();
    return r.data as unknown as Page;
  };
  const periodStatements = () => tags.filter((t) => t.startsWith('period.') || t.startsWith('hostCost.'));
  const join = (viewerId: string, at: number): LiveEventInput =>
    ({
      eventId: `kept-${viewerId}`,
      sessionId: 'S1',
      occurredAt: new Date(T0 + at).toISOString(),
      type: 'join',
      viewerId,
    }) as LiveEventInput;
  const c1 = (p: Page) => p.leaderboard.find((row) => row.commercer.id === 'c1')!.metrics;

  beforeAll(async () => {
    api = await startApi();
    api.engine.gateway.onQuery((e) => {
      if (e.kind === 'query') tags.push(e.tag);
    });
  });
  afterAll(() => api.close());

  it('answers the page again without a statement while nothing was written', async () => {
    tags = [];
    const first = await page();
    expect(first.leaderboard.map((row) => [row.commercer.id, row.metrics])).toEqual([
      ['c1', { sessions: 1, views: 4, uniqueViewers: 4, returningRate: 0.25, revenue: 4400 }],
      ['c2', { sessions: 1, views: 2, uniqueViewers: 2, returningRate: 0, revenue: 0 }],
    ]);
    expect(first.brandOverview.metrics).toEqual({
      sessions: 2,
      views: 6,
      uniqueViewers: 5,
      returningRate: expect.closeTo(1 / 6, 12),
      revenue: 4400,
    });
    expect(periodStatements()).toEqual(
      expect.arrayContaining(['period.totals.commercerCompare.withoutLater', 'period.totals.overview']),
    );

    tags = [];
    expect(await page()).toEqual(first);
    // not even the brand states: nothing was written since they were read (embedded mode)
    expect(tags).toEqual([]);
  });

  it("keeps its answers while only another brand's sessions change", async () => {
    const before = await page();
    await loadEvents(api.engine.gateway, 'b2', [
      {
        eventId: 'kept-b2-join',
        sessionId: 'S2',
        occurredAt: new Date(T0).toISOString(),
        type: 'join',
        viewerId: 'x1',
      },
    ] as LiveEventInput[]);
    tags = [];
    expect(await page()).toEqual(before);
    expect(tags).toContain('rollups.brandStates'); // session_stats was written: the states are read again
    expect(periodStatements()).toEqual([]);
  });

  it('reads again once a session of the brand has new events, with the new numbers', async () => {
    // v7 joins S1 at 30 s: c1 5 views, 5 viewers, still 1 returning (1/5); the period 7 views, 6 viewers (1/7)
    await loadEvents(api.engine.gateway, 'b1', [join('v7', 30_000)]);
    tags = [];
    const after = await page();
    expect(c1(after)).toEqual({ sessions: 1, views: 5, uniqueViewers: 5, returningRate: 0.2, revenue: 4400 });
    expect(after.brandOverview.metrics).toMatchObject({ views: 7, uniqueViewers: 6 });
    expect(after.brandOverview.metrics.returningRate).toBeCloseTo(1 / 7, 12);
    expect(periodStatements()).toEqual(
      expect.arrayContaining(['period.totals.commercerCompare.withoutLater', 'period.totals.overview']),
    );
  });

  it('runs one read for requests that ask the same thing at once', async () => {
    // v8 joins S1 at 31 s: c1 6 views, 6 viewers (1/6)
    await loadEvents(api.engine.gateway, 'b1', [join('v8', 31_000)]);
    tags = [];
    const pages = await Promise.all([page(), page(), page()]);
    for (const p of pages) expect(c1(p)).toMatchObject({ views: 6, uniqueViewers: 6 });
    expect(periodStatements().filter((t) => t === 'period.totals.commercerCompare.withoutLater')).toHaveLength(1);
    expect(periodStatements().filter((t) => t === 'period.totals.overview')).toHaveLength(1);
  });
});

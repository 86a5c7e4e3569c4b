import type { LiveEventInput } from '@lc/contract';
import { T0 } from '@lc/contract/testing';
import { loadEvents } from '@lc/clickhouse/testing';
import { startApi, type ApiHarness } from './api.harness.js';

/**
 * Issue 11 (reads-11): the community page is kept per brand rollup state. Hand fixture
 * (docs/FIXTURE.md), b1 over 19–21 Nov UTC: S0 (v1, v9) and S1 (v1–v4): 5 viewers, 6 views,
 * v1 returning in S1 → returning rate 1/6.
 */
describe('community page kept per brand rollup state (real engine, real HTTP)', () => {
  let api: ApiHarness;
  let tags: string[] = [];
  const COMMUNITY = `{ community(period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z", timeZone: "UTC" }) {
    uniqueViewers returningViewers returningRate regularsCount daily { date newViewers returningViewers } } }`;
  const community = async () => {
    tags = [];
    const r = await api.gql(COMMUNITY, {}, api.tokens.b1);
    expect(r.errors).toBeUndefined();
    return r.data?.community as {
      uniqueViewers: number;
      returningViewers: number;
      returningRate: number;
      daily: { date: string; newViewers: number; returningViewers: number }[];
    };
  };

  beforeAll(async () => {
    api = await startApi();
    api.engine.gateway.onQuery((e) => tags.push(e.tag));
  });
  afterAll(() => api.close());

  it('computes the page once, then reads nothing while nothing was written', async () => {
    const first = await community();
    expect(first).toMatchObject({ uniqueViewers: 5, returningViewers: 1, regularsCount: 0 });
    expect(first.returningRate).toBeCloseTo(1 / 6, 12);
    expect(tags.length).toBeGreaterThan(1);

    const again = await community();
    expect(again).toEqual(first);
    // not even the brand state: nothing was written since it was read (embedded mode, S11R2-1)
    expect(tags).toEqual([]);
  });

  it('computes it again once a session of the brand has new events', async () => {
    // v7 joins S1 at 30 s (20 Nov): 6 viewers, 7 views; v7 has no earlier session, so still 1 returning (1/7);
    // 20 Nov: new v2 v3 v4 v7, returning v1.
    const join: LiveEventInput = {
      eventId: 'community-cache-v7',
      sessionId: 'S1',
      occurredAt: new Date(T0 + 30_000).toISOString(),
      type: 'join',
      viewerId: 'v7',
    } as LiveEventInput;
    await loadEvents(api.engine.gateway, 'b1', [join]);
    const after = await community();
    expect(after).toMatchObject({ uniqueViewers: 6, returningViewers: 1 });
    expect(after.returningRate).toBeCloseTo(1 / 7, 12);
    expect(after.daily.find((d) => d.date === '2026-11-20')).toEqual({
      date: '2026-11-20',
      newViewers: 4,
      returningViewers: 1,
    });
    expect(tags.length).toBeGreaterThan(1);
  });
});

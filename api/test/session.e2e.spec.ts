import { jest } from '@jest/globals';
import { ApiKeyRepository } from '@lc/clickhouse';
import { S0_EXPECTED, S1_EXPECTED } from '@lc/contract/testing';
import { SESSION_KPI_NAMES } from '@lc/contract';
import { SESSION_METRICS } from '../src/metrics/session-metric.definitions.js';
import { SessionRepository } from '../src/repositories/session.repository.js';
import { ADMIN, startApi, type ApiHarness } from './api.harness.js';

const ALL_METRICS = SESSION_METRICS.map((m) => m.name).join(' ');

describe('GraphQL over real HTTP on the embedded engine (hand fixture)', () => {
  let api: ApiHarness;
  let b1Reader: string;
  let b2Reader: string;
  const gql = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
    api.gql(query, variables, token);

  // These tests count each request's own statements; a sessions list's read ahead (S11R5-1, tested in
  // session-open-ahead.e2e.spec.ts) would keep rows for the requests after it and make the counts
  // depend on the order of the tests.
  const noReadAhead = jest.spyOn(SessionRepository.prototype, 'openAhead').mockImplementation(() => undefined);
  beforeAll(async () => {
    api = await startApi();
    b1Reader = api.tokens.b1;
    b2Reader = api.tokens.b2;
  });
  afterAll(async () => {
    noReadAhead.mockRestore();
    await api.close();
  });

  it('declares exactly the session KPIs of METRICS.md', () => {
    expect(SESSION_METRICS.map((m) => m.name)).toEqual([...SESSION_KPI_NAMES]);
  });

  it('returns every S1 KPI as worked out by hand', async () => {
    const result = await gql(
      `query($id: ID!) { session(id: $id) { id title isLive commercer { id name kind } currency metrics { ${ALL_METRICS} } } }`,
      { id: 'S1' },
      b1Reader,
    );
    expect(result.errors).toBeUndefined();
    const session = result.data?.session as { metrics: Record<string, number | null> };
    expect(session).toMatchObject({
      id: 'S1',
      title: 'Winter coats',
      isLive: false,
      currency: 'JPY',
      commercer: { id: 'c1', name: 'Aki Tanaka', kind: 'professional' },
    });
    for (const [name, expected] of Object.entries(S1_EXPECTED)) {
      expect([name, session.metrics[name]]).toEqual([name, expect.closeTo(expected, 9)]);
    }
  });

  it('gives null, not 0, for ratios whose denominator is 0 (S0)', async () => {
    const result = await gql(`{ session(id: "S0") { currency metrics { ${ALL_METRICS} } } }`, {}, b1Reader);
    expect(result.errors).toBeUndefined();
    // No sales in S0: the currency is the brand's.
    expect(result.data?.session).toMatchObject({ currency: 'JPY', metrics: S0_EXPECTED });
  });

  it("lists a brand's sessions newest first and never another brand's", async () => {
    const mine = await gql('{ sessions { totalCount nodes { id } } }', {}, b1Reader);
    expect(mine.data?.sessions).toEqual({ totalCount: 2, nodes: [{ id: 'S1' }, { id: 'S0' }] });
    const other = await gql(
      '{ sessions { nodes { id isLive endedAt metrics { uniqueViewers likes } } } }',
      {},
      b2Reader,
    );
    // S2 has no session_end yet: live, its duration running to its last event
    expect(other.data?.sessions).toEqual({
      nodes: [{ id: 'S2', isLive: true, endedAt: null, metrics: { uniqueViewers: 1, likes: 7 } }],
    });
    const peek = await gql('{ session(id: "S1") { id } }', {}, b2Reader);
    expect(peek.data?.session).toBeNull();
    const asked = await gql('{ sessions(filter: { brandId: "b1" }) { totalCount nodes { id } } }', {}, b2Reader);
    expect(asked.data?.sessions).toEqual({ totalCount: 0, nodes: [] });
  });

  it('answers UNAUTHENTICATED without a token or with a wrong one', async () => {
    const none = await gql('{ sessions { totalCount } }');
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await gql('{ sessions { totalCount } }', {}, 'lcr_nope');
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets the admin create a brand and keys, and a revoked key stops working', async () => {
    const brand = await gql(
      'mutation { createBrand(input: {id: "b3", name: "Three", timeZone: "Europe/Paris", currency: "EUR"}) { id timeZone } }',
      {},
      ADMIN,
    );
    expect(brand.data?.createBrand).toEqual({ id: 'b3', timeZone: 'Europe/Paris' });
    const bad = await gql(
      'mutation { createBrand(input: {id: "b4", name: "x", timeZone: "Mars/Base", currency: "EUR"}) { id } }',
      {},
      ADMIN,
    );
    expect(bad.errors?.[0]).toMatchObject({
      message: 'timeZone "Mars/Base" is not an IANA time zone',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const created = await gql('mutation { createApiKey(scope: READ, brandIds: ["b3"]) { keyId secret } }', {}, ADMIN);
    const { keyId, secret } = created.data?.createApiKey as { keyId: string; secret: string };
    expect((await gql('{ brands { id } }', {}, secret)).data?.brands).toEqual([{ id: 'b3' }]);
    await gql('mutation($k: ID!) { revokeApiKey(keyId: $k) }', { k: keyId }, ADMIN);
    // The key cache holds a verdict for a few seconds; a fresh repository sees the revocation at once.
    expect(await new ApiKeyRepository(api.engine.gateway).verify(secret)).toBeNull();
    const notAdmin = await gql('mutation { createApiKey(scope: READ, brandIds: ["b1"]) { secret } }', {}, b1Reader);
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('sorts by a KPI, filters, and pages with a cursor', async () => {
    const ids = async (args: string) => {
      const r = await gql(
        `{ sessions(${args}) { totalCount pageInfo { endCursor hasNextPage } nodes { id } } }`,
        {},
        b1Reader,
      );
      expect(r.errors).toBeUndefined();
      return r.data?.sessions as {
        totalCount: number;
        pageInfo: { endCursor: string; hasNextPage: boolean };
        nodes: { id: string }[];
      };
    };
    expect((await ids('sortBy: revenue')).nodes).toEqual([{ id: 'S1' }, { id: 'S0' }]);
    expect((await ids('sortBy: uniqueViewers, direction: ASC')).nodes).toEqual([{ id: 'S0' }, { id: 'S1' }]);
    // A null ratio (S0's averageOrderValue) sorts last when descending.
    expect((await ids('sortBy: averageOrderValue')).nodes).toEqual([{ id: 'S1' }, { id: 'S0' }]);
    const page1 = await ids('first: 1, sortBy: revenue');
    expect(page1).toMatchObject({ totalCount: 2, nodes: [{ id: 'S1' }], pageInfo: { hasNextPage: true } });
    const page2 = await ids(`first: 1, sortBy: revenue, after: "${page1.pageInfo.endCursor}"`);
    expect(page2).toMatchObject({ nodes: [{ id: 'S0' }], pageInfo: { hasNextPage: false } });
    expect((await ids('filter: { commercerId: "c2" }')).nodes).toEqual([{ id: 'S0' }]);
    expect((await ids('filter: { kind: professional }')).nodes).toEqual([{ id: 'S1' }]);
    expect((await ids('filter: { platform: "instagram" }')).nodes).toEqual([{ id: 'S0' }]);
    const day = 'filter: { period: { from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z" } }';
    expect(await ids(day)).toMatchObject({ totalCount: 1, nodes: [{ id: 'S1' }] });
  });

  it('rejects bad paging and period arguments with the field named', async () => {
    const tooMany = await gql('{ sessions(first: 500) { totalCount } }', {}, b1Reader);
    expect(tooMany.errors?.[0]).toMatchObject({
      message: 'first must be between 1 and 200',
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
    const badCursor = await gql('{ sessions(after: "nope") { totalCount } }', {}, b1Reader);
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const backwards = await gql(
      '{ sessions(filter: { period: { from: "2026-11-21T00:00:00Z", to: "2026-11-20T00:00:00Z" } }) { totalCount } }',
      {},
      b1Reader,
    );
    expect(backwards.errors?.[0]).toMatchObject({ message: 'filter.period.from must be before filter.period.to' });
    const zone = await gql(
      '{ sessions(filter: { period: { from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z", timeZone: "Asia/Nowhere" } }) { totalCount } }',
      {},
      b1Reader,
    );
    expect(zone.errors?.[0]?.message).toBe(
      'filter.period.timeZone "Asia/Nowhere" is not an IANA time zone (e.g. Asia/Tokyo)',
    );
  });

  it("returns S1's series and breakdowns as worked out by hand (docs/FIXTURE.md)", async () => {
    const r = await gql(
      `{ session(id: "S1") {
          minuteSeries { minute at watching comments likes likesByStamp { stamp likes } cartAdds orders revenue }
          retention { minute share }
          funnel { viewers engaged cartAdders buyers }
          moments(top: 3) { minute comments likes activity cartAdds orders }
          stamps { stamp likes }
          joinerComparison { early { viewers avgWatchSeconds engagementRate conversionRate } late { viewers avgWatchSeconds engagementRate conversionRate } }
      } }`,
      {},
      b1Reader,
    );
    expect(r.errors).toBeUndefined();
    const s = r.data?.session as Record<string, unknown> & {
      minuteSeries: { minute: number; watching: number; at: string }[];
      retention: { minute: number; share: number }[];
    };
    expect(s.minuteSeries).toHaveLength(20);
    expect(s.minuteSeries[0].at).toBe('2026-11-20T11:00:00.000Z');
    expect(s.minuteSeries.map((m) => m.watching)).toEqual([2, 2, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1]);
    expect(s.minuteSeries[1]).toMatchObject({
      comments: 1,
      likes: 15,
      likesByStamp: [
        { stamp: 'heart', likes: 10 },
        { stamp: 'like', likes: 5 },
      ],
    });
    expect(s.minuteSeries[3]).toMatchObject({ orders: 1, revenue: 2900 });
    // watch: v1 120 s, v2 30 s, v3 600 s, v4 0 s → k=0: 4/4; k=1,2: v1,v3; k=3…10: v3; k≥11: none
    const expectedShares = Array.from({ length: 21 }, (_, k) => (k === 0 ? 1 : k <= 2 ? 0.5 : k <= 10 ? 0.25 : 0));
    expect(s.retention.map((p) => p.share)).toEqual(expectedShares);
    expect(s.funnel).toEqual({ viewers: 4, engaged: 4, cartAdders: 2, buyers: 2 });
    // m1: cv2 + 10 + 5 likes = 16; m0: cv1 = 1; m11: cv3 = 1 (tie → earlier first). Cart adds of m and m+1.
    expect(s.moments).toEqual([
      { minute: 1, comments: 1, likes: 15, activity: 16, cartAdds: 1, orders: 0 },
      { minute: 0, comments: 1, likes: 0, activity: 1, cartAdds: 0, orders: 0 },
      { minute: 11, comments: 1, likes: 0, activity: 1, cartAdds: 1, orders: 0 },
    ]);
    expect(s.stamps).toEqual([
      { stamp: 'heart', likes: 10 },
      { stamp: 'like', likes: 5 },
    ]);
    // early v1, v2: watch (120 + 30) / 2, both engaged, v1 bought; late v3, v4: (600 + 0) / 2, both engaged, v4 bought
    expect(s.joinerComparison).toEqual({
      early: { viewers: 2, avgWatchSeconds: 75, engagementRate: 1, conversionRate: 0.5 },
      late: { viewers: 2, avgWatchSeconds: 300, engagementRate: 1, conversionRate: 0.5 },
    });
  });

  it('batches sub-fields of a session list into one query per field (no N+1)', async () => {
    const tags: string[] = [];
    api.engine.gateway.onQuery((e) => tags.push(e.tag));
    const r = await gql(
      '{ sessions { nodes { id metrics { returningViewers newViewers } minuteSeries { minute } retention { minute } moments { minute } joinerComparison { late { viewers } } } } }',
      {},
      b1Reader,
    );
    expect(r.errors).toBeUndefined();
    expect((r.data?.sessions as { nodes: unknown[] }).nodes).toHaveLength(2);
    expect(tags.filter((t) => t === 'sessions.minutes')).toHaveLength(1);
    // retention, joinerComparison and returningViewers share one viewer query (the one with returning viewers)
    expect(tags.filter((t) => t === 'sessions.viewerGroups')).toHaveLength(1);
    expect(tags.filter((t) => t === 'sessions.watchGroups')).toHaveLength(0);
    expect(tags.filter((t) => t === 'sessions.returning')).toHaveLength(0);
    // totalCount was not asked for: not counted
    expect(tags.filter((t) => t === 'sessions.count')).toHaveLength(0);
  });

  it('reads several sessions asked by id in one request together, each as asked (one read, not one each)', async () => {
    const reads = jest.spyOn(SessionRepository.prototype, 'findByIds');
    try {
      const r = await gql(
        `{ a: session(id: "S1") { id metrics { likes uniqueViewers } } b: session(id: "S0") { id metrics { totalWatchSeconds uniqueViewers } }
           again: session(id: "S1") { id } other: session(id: "S2") { id } none: session(id: "nope") { id } }`,
        {},
        b1Reader,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({
        a: { id: 'S1', metrics: { likes: S1_EXPECTED.likes, uniqueViewers: S1_EXPECTED.uniqueViewers } },
        b: {
          id: 'S0',
          metrics: { totalWatchSeconds: S0_EXPECTED.totalWatchSeconds, uniqueViewers: S0_EXPECTED.uniqueViewers },
        },
        again: { id: 'S1' },
        other: null, // brand b2's
        none: null,
      });
      expect(reads.mock.calls.map(([, ids]) => [...ids])).toEqual([['S1', 'S0', 'S2', 'nope']]);
    } finally {
      reads.mockRestore();
    }
  });
});

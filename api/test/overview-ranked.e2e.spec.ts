import { BENCHMARK_BRANDS, benchmarkFixture } from '@lc/contract/testing';
import { startApi, type ApiHarness } from './api.harness.js';

/**
 * S13B-3: the overview's best and worst sessions come from one narrow ranking statement and a read by
 * id. They must be exactly what the sessions list gives for the same sort — ties broken by id, a null
 * ratio as the smallest value — for every field the overview can rank by. The pb1 sessions of the
 * benchmark fixture (benchmark-fixture.ts) have many ties (0 revenue, 0 or 1 unmatched refunds, 50
 * viewers) and null ratios (no orders: no average order value).
 */
let api: ApiHarness;
beforeAll(async () => {
  const fixture = benchmarkFixture();
  api = await startApi(
    Object.fromEntries(
      BENCHMARK_BRANDS.map((id) => [id, { timeZone: 'UTC', currency: 'JPY', events: fixture.byBrand[id] }]),
    ),
  );
}, 120_000);
afterAll(() => api.close());

const PERIOD = '{ from: "2026-06-01T00:00:00Z", to: "2026-07-15T00:00:00Z", timeZone: "UTC" }';

async function ids(query: string): Promise<Record<string, unknown>> {
  const result = await api.gql(query, {}, api.tokens.pb1);
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, unknown>;
}

describe('brand overview: best and worst sessions', () => {
  it('lists pb1’s by comments as worked out by hand', async () => {
    const d = await ids(`{ brandOverview(period: ${PERIOD}, rankBy: comments) { best { id } worst { id } } }`);
    // pb1 in June 1 – July 15: Q1, Q3, …, Q27 (i − 1 comments: 0, 2, …, 26), T1 (July 1, 30 comments) and
    // T4 (April 10 + 90 days = July 9, 0 comments). Best: T1, Q27, Q25. Worst: Q1 and T4 tie at 0 and go by
    // id ascending ('Q1' < 'T4'), then Q3 (2).
    expect(d.brandOverview).toEqual({
      best: [{ id: 'T1' }, { id: 'Q27' }, { id: 'Q25' }],
      worst: [{ id: 'Q1' }, { id: 'T4' }, { id: 'Q3' }],
    });
  });

  it('agrees with the sessions list for every field it can rank by, ties and nulls included', async () => {
    const type = await api.gql('{ __type(name: "SessionSortField") { enumValues { name } } }', {}, api.tokens.pb1);
    const fields = (type.data?.__type as { enumValues: { name: string }[] }).enumValues.map((v) => v.name);
    expect(fields).toEqual(expect.arrayContaining(['startedAt', 'revenue', 'averageOrderValue', 'unmatchedRefunds']));
    for (const field of fields) {
      // `o` alone ranks by its own statement; `withTotals` reads the totals, and ranks a field their session
      // points carry (revenue, uniqueViewers) from them
      const d = await ids(`{
        o: brandOverview(period: ${PERIOD}, rankBy: ${field}) { best { id } worst { id } }
        withTotals: brandOverview(period: ${PERIOD}, rankBy: ${field}) { metrics { sessions } best { id } worst { id } }
        best: sessions(filter: { brandId: "pb1", period: ${PERIOD} }, sortBy: ${field}, direction: DESC, first: 3) { nodes { id } }
        worst: sessions(filter: { brandId: "pb1", period: ${PERIOD} }, sortBy: ${field}, direction: ASC, first: 3) { nodes { id } }
      }`);
      const list = {
        best: (d.best as { nodes: { id: string }[] }).nodes,
        worst: (d.worst as { nodes: { id: string }[] }).nodes,
      };
      for (const key of ['o', 'withTotals']) {
        const overview = d[key] as { best: { id: string }[]; worst: { id: string }[] };
        expect({ field, key, best: overview.best, worst: overview.worst }).toEqual({ field, key, ...list });
      }
    }
  }, 120_000);

  it('ranks by revenue from the totals when the query reads them, with no ranking statement of its own', async () => {
    const tags: string[] = [];
    const off = api.engine.gateway.onQuery((e) => {
      if (e.kind === 'query') tags.push(e.tag);
    });
    // a period no earlier test asked (nothing of it kept)
    const period = '{ from: "2026-06-02T00:00:00Z", to: "2026-07-15T00:00:00Z", timeZone: "UTC" }';
    const withTotals = await ids(
      `{ brandOverview(period: ${period}) { metrics { sessions } best { id } worst { id } } }`,
    );
    expect(tags).toContain('period.totals.overview');
    expect(tags.filter((t) => t.startsWith('period.rankedSessions'))).toEqual([]);
    tags.length = 0;
    // without the totals, the narrow statement (reading the totals for the ranking alone would cost more)
    const alone = await ids(`{ brandOverview(period: ${period}) { best { id } worst { id } } }`);
    expect(tags).toContain('period.rankedSessions.revenue');
    expect(tags).not.toContain('period.totals.overview');
    const { metrics, ...ranked } = withTotals.brandOverview as Record<string, unknown>;
    expect(metrics).toEqual({ sessions: expect.any(Number) });
    expect(ranked).toEqual(alone.brandOverview);
    off();
  });

  it('lists none for a period without sessions', async () => {
    const d = await ids(
      '{ brandOverview(period: { from: "2020-01-01T00:00:00Z", to: "2020-01-03T00:00:00Z" }) { best { id } worst { id } } }',
    );
    expect(d.brandOverview).toEqual({ best: [], worst: [] });
  });
});

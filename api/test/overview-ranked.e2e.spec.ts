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
      const d = await ids(`{
        o: brandOverview(period: ${PERIOD}, rankBy: ${field}) { best { id } worst { id } }
        best: sessions(filter: { brandId: "pb1", period: ${PERIOD} }, sortBy: ${field}, direction: DESC, first: 3) { nodes { id } }
        worst: sessions(filter: { brandId: "pb1", period: ${PERIOD} }, sortBy: ${field}, direction: ASC, first: 3) { nodes { id } }
      }`);
      const overview = d.o as { best: { id: string }[]; worst: { id: string }[] };
      expect({ field, best: overview.best, worst: overview.worst }).toEqual({
        field,
        best: (d.best as { nodes: { id: string }[] }).nodes,
        worst: (d.worst as { nodes: { id: string }[] }).nodes,
      });
    }
  }, 120_000);

  it('lists none for a period without sessions', async () => {
    const d = await ids(
      '{ brandOverview(period: { from: "2020-01-01T00:00:00Z", to: "2020-01-03T00:00:00Z" }) { best { id } worst { id } } }',
    );
    expect(d.brandOverview).toEqual({ best: [], worst: [] });
  });
});

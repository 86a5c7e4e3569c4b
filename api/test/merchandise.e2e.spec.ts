import {
  B5_PERIOD,
  B5_PERIOD_EXPECTED,
  M1_EXPECTED,
  M1_PIN_SEGMENTS,
  M1_PIN_SEGMENT_WATCHING_CHANGE,
  M1_PRODUCTS,
  M1_TRAFFIC_SOURCES,
  R_EXPECTED,
  merchFixture,
} from '@lc/contract/testing';
import { startApi, type ApiHarness } from './api.harness.js';

/** Expected values are worked out by hand in docs/FIXTURE.md ("Brand b5 — merchandise and regulars"). */
const NEW_SESSION_KPIS = [
  'follows',
  'followRate',
  'shares',
  'sharers',
  'productClickers',
  'productClickRate',
  'refunds',
  'unmatchedRefunds',
  'netRevenue',
  'refundRate',
  'regularViewers',
  'regularShare',
] as const;
const PRODUCT_FIELDS =
  'productId productName pins pinnedSeconds impressed clickers clickRate cartAdds cartAdders orders units revenue buyers orderRate';
const SEGMENT_FIELDS =
  'productId start end watchingAtStart watchingAtEnd comments commentsPerMinute clicks cartAdds orders units revenue segmentGpm';
const SOURCE_FIELDS = 'source viewers engagedViewers buyers revenue conversionRate avgWatchSeconds';

const bySource = <T extends { source: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.source.localeCompare(b.source));
const byProduct = <T extends { productId: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.productId.localeCompare(b.productId));
/** Exact integers, and ratios to 9 digits (they are computed in floating point). */
const close = (value: unknown): unknown =>
  typeof value === 'number' ? expect.closeTo(value, 9) : Array.isArray(value) ? value.map(close) : value;
const closeRow = (row: object) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, close(v)]));

describe('merchandise over GraphQL on the embedded engine (b5 fixture)', () => {
  let api: ApiHarness;
  let reader: string;

  beforeAll(async () => {
    api = await startApi({ b5: { timeZone: 'Asia/Tokyo', currency: 'JPY', events: merchFixture().byBrand.b5 } });
    reader = api.tokens.b5;
  });
  afterAll(() => api.close());

  it('serves every new session KPI of M1 as worked out by hand', async () => {
    const result = await api.gql(`{ session(id: "M1") { metrics { ${NEW_SESSION_KPIS.join(' ')} } } }`, {}, reader);
    expect(result.errors).toBeUndefined();
    const metrics = (result.data?.session as { metrics: Record<string, number | null> }).metrics;
    expect(metrics).toEqual(Object.fromEntries(NEW_SESSION_KPIS.map((name) => [name, close(M1_EXPECTED[name])])));
  });

  it('counts a regular only from sessions of the 28 days before, and refunds per session (R0–R3)', async () => {
    for (const [id, expected] of Object.entries(R_EXPECTED)) {
      const names = Object.keys(expected).join(' ');
      const result = await api.gql(`query($id: ID!) { session(id: $id) { metrics { ${names} } } }`, { id }, reader);
      expect(result.errors).toBeUndefined();
      expect([id, (result.data?.session as { metrics: unknown }).metrics]).toEqual([id, closeRow(expected)]);
    }
  });

  it("serves M1's products, run-sheet and traffic sources", async () => {
    const result = await api.gql(
      `{ session(id: "M1") { products { ${PRODUCT_FIELDS} } pinSegments { ${SEGMENT_FIELDS} watchingChange }
         trafficSources { ${SOURCE_FIELDS} } } }`,
      {},
      reader,
    );
    expect(result.errors).toBeUndefined();
    const session = result.data?.session as {
      products: { productId: string }[];
      pinSegments: { watchingChange: number }[];
      trafficSources: { source: string }[];
    };
    expect(byProduct(session.products)).toEqual(M1_PRODUCTS.map(closeRow));
    expect(session.pinSegments.map(({ watchingChange: _w, ...row }) => row)).toEqual(M1_PIN_SEGMENTS.map(closeRow));
    expect(session.pinSegments.map((s) => s.watchingChange)).toEqual([...M1_PIN_SEGMENT_WATCHING_CHANGE]);
    // each row carries the name its own pin gave (D-2): the re-pin renamed p1
    const names = await api.gql('{ session(id: "M1") { pinSegments { productName } } }', {}, reader);
    expect(names.data?.session).toEqual({
      pinSegments: [
        { productName: 'Cashmere scarf' },
        { productName: 'Cashmere scarf (navy)' },
        { productName: 'Leather gloves' },
      ],
    });
    expect(bySource(session.trafficSources)).toEqual(M1_TRAFFIC_SOURCES.map(closeRow));
  });

  it('adds up the new period KPIs of b5 over R1–R3 and M1', async () => {
    const names = 'sessions views follows followRate shares refunds netRevenue refundRate revenue';
    const result = await api.gql(
      `query($period: PeriodInput!) { brandOverview(brandId: "b5", period: $period, compare: false) { metrics { ${names} } } }`,
      { period: B5_PERIOD },
      reader,
    );
    expect(result.errors).toBeUndefined();
    const expected = Object.fromEntries(
      names.split(' ').map((n) => [n, close(B5_PERIOD_EXPECTED[n as keyof typeof B5_PERIOD_EXPECTED])]),
    );
    expect((result.data?.brandOverview as { metrics: unknown }).metrics).toEqual(expected);
  });

  it("adds up products and traffic sources over the period, naming each product's best commercer", async () => {
    const result = await api.gql(
      `query($period: PeriodInput!) { brandOverview(brandId: "b5", period: $period, compare: false) {
         products { productId revenue units orders sessions currency bestCommercer { id name } }
         trafficSources { source viewers buyers revenue currency } } }`,
      { period: B5_PERIOD },
      reader,
    );
    expect(result.errors).toBeUndefined();
    const overview = result.data?.brandOverview as { products: unknown[]; trafficSources: { source: string }[] };
    // p1: M1's 32000 (4 units, 4 orders); p2: M1's 6000 (2 units, o4) + R2's o6 (1 × 3000); p3: M1's 2500
    const c5 = { id: 'c5', name: 'Yui Mori' };
    expect(overview.products).toEqual([
      { productId: 'p1', revenue: 32000, units: 4, orders: 4, sessions: 1, currency: 'JPY', bestCommercer: c5 },
      { productId: 'p2', revenue: 9000, units: 3, orders: 2, sessions: 2, currency: 'JPY', bestCommercer: c5 },
      { productId: 'p3', revenue: 2500, units: 1, orders: 1, sessions: 1, currency: 'JPY', bestCommercer: c5 },
    ]);
    // every session's source rows add up: M1's plus R1–R3's viewers (views 14 in all)
    const viewers = overview.trafficSources.reduce((sum, s) => sum + (s as unknown as { viewers: number }).viewers, 0);
    expect(viewers).toBe(B5_PERIOD_EXPECTED.views);
  });

  it('sorts the leaderboard by followRate and netRevenue', async () => {
    for (const sortBy of ['followRate', 'netRevenue']) {
      const result = await api.gql(
        `query($period: PeriodInput!, $sortBy: CommercerSortField!) {
           leaderboard(brandId: "b5", period: $period, sortBy: $sortBy) { commercer { id } metrics { followRate netRevenue } } }`,
        { period: B5_PERIOD, sortBy },
        reader,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.leaderboard).toEqual([
        { commercer: { id: 'c5' }, metrics: { followRate: close(4 / 14), netRevenue: 35000 } },
      ]);
    }
  });

  const csv = async (table: string) => {
    const query = new URLSearchParams({ brandId: 'b5', ...B5_PERIOD }).toString();
    const res = await fetch(api.url.replace('/graphql', `/export/${table}.csv?${query}`), {
      headers: { authorization: `Bearer ${reader}` },
    });
    expect(res.status).toBe(200);
    return (await res.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
  };

  it('downloads the period products and traffic sources as CSV', async () => {
    const products = await csv('products');
    expect(products[0]).toBe(
      'productId,productName,pins,pinnedSeconds,impressed,clickers,clickRate,cartAdds,cartAdders,orders,units,revenue,buyers,orderRate,currency,sessions,bestCommercerId,bestCommercerName',
    );
    // p2 over the period: M1 (1 pin of 360 s, 2 impressed, 2 clickers, 2 carts by 2, o4: 2 units 6000, 1 buyer)
    // + R2 (o6: 1 × 3000 by w2, nothing else) → orderRate = 2 buyers / 2 clickers
    expect(products[2]).toBe('p2,Leather gloves,1,360,2,2,1,2,2,2,3,9000,2,1,JPY,2,c5,Yui Mori');
    expect(products).toHaveLength(1 + 3);
    const sources = await csv('sources');
    expect(sources[0]).toBe('source,viewers,engagedViewers,buyers,revenue,conversionRate,avgWatchSeconds,currency');
    expect(sources.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0)).toBe(B5_PERIOD_EXPECTED.views);
  });
});

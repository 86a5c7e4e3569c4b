import type { ClickHouseGateway } from '@lc/clickhouse';
import { BENCHMARK_BRANDS, benchmarkFixture } from '@lc/contract/testing';
import { BENCHMARK_KPIS, viewerBandSql } from '../src/metrics/benchmark.definitions.js';
import { BenchmarkRepository } from '../src/repositories/benchmark.repository.js';
import { BrandScope } from '../src/modules/auth/principal.js';
import { startApi, type ApiHarness } from './api.harness.js';

/**
 * METRICS.md "Streams of the same size" over real GraphQL on the embedded engine. Every expected
 * number is worked out by hand in schemas/contract/src/testing/benchmark-fixture.ts.
 */
const BENCHMARK_FIELDS = 'band bandMin bandMax percentile peers brands';
const close = (value: number) => expect.closeTo(value, 9);

type Benchmark = {
  band: string;
  bandMin: number;
  bandMax: number | null;
  percentile: number;
  peers: number;
  brands: number;
};
type KpiBenchmark = { kpi: string; benchmark: Benchmark | null };

// One engine per test process (chdb locks its folder), shared by both groups below.
let api: ApiHarness;
const fixture = benchmarkFixture();
beforeAll(async () => {
  api = await startApi(
    Object.fromEntries(
      BENCHMARK_BRANDS.map((id) => [id, { timeZone: 'UTC', currency: 'JPY', events: fixture.byBrand[id] }]),
    ),
  );
}, 120_000);
afterAll(() => api.close());

describe('peer benchmark over GraphQL (pb1–pb3 fixture)', () => {
  const benchmarksOf = async (sessionId: string, token: string): Promise<Record<string, Benchmark | null>> => {
    const result = await api.gql(
      `query ($id: ID!) { session(id: $id) { metrics { benchmarks { kpi benchmark { ${BENCHMARK_FIELDS} } } } } }`,
      { id: sessionId },
      token,
    );
    expect(result.errors).toBeUndefined();
    const list = (result.data?.session as { metrics: { benchmarks: KpiBenchmark[] } }).metrics.benchmarks;
    return Object.fromEntries(list.map((b) => [b.kpi, b.benchmark]));
  };

  it('places T2 among its 30 peers of 3 brands (band 50–199), higher and lower is better', async () => {
    const all = await benchmarksOf('T2', api.tokens.pb2);
    const band = { band: 'from50to199', bandMin: 50, bandMax: 199, peers: 30, brands: 3 };
    // 100 × (10 + 2/2) / 30: 10 peers below 10 comments, R and Q11 tied
    expect(all.comments).toEqual({ ...band, percentile: close(1100 / 30) });
    // 100 × (27 + 2/2) / 30: Q1 (50, the band's lower edge) and Q3…Q28 below, R and T1 tied, Q2 (199) above
    expect(all.uniqueViewers).toEqual({ ...band, percentile: close(2800 / 30) });
    // lower is better: beats the 5 peers with an unmatched refund, ties the other 25
    expect(all.unmatchedRefunds).toEqual({ ...band, percentile: close(1750 / 30) });
    // no order: no average order value, so no benchmark of it
    expect(all.averageOrderValue).toBeNull();
    expect(Object.keys(all).sort()).toEqual(BENCHMARK_KPIS.map((k) => k.name).sort());
  });

  it('takes the peer at exactly 90 days and leaves out a same-currency-less one for money (T4)', async () => {
    const result = await api.gql(
      `{ session(id: "T4") { metrics { comments revenue
          c: benchmark(kpi: comments) { ${BENCHMARK_FIELDS} }
          r: benchmark(kpi: revenue) { ${BENCHMARK_FIELDS} } } } }`,
      {},
      api.tokens.pb1,
    );
    expect(result.errors).toBeUndefined();
    const metrics = (result.data?.session as { metrics: Record<string, unknown> }).metrics;
    const band = { band: 'from50to199', bandMin: 50, bandMax: 199, brands: 3 };
    // R (exactly 90 days before), Q1…Q28, T1, T2 = 31; only Q1 ties at 0: 100 × 0.5 / 31
    expect(metrics.c).toEqual({ ...band, peers: 31, percentile: close(50 / 31) });
    // Q8 sold in USD: 30 peers; 29 at 0 below 1000 JPY, Q9 (2000 JPY) above
    expect(metrics.r).toEqual({ ...band, peers: 30, percentile: close(2900 / 30) });
  });

  it('shows nothing below the thresholds: 29 sessions (T1), 2 brands (T3, R 1 ms too old)', async () => {
    for (const [id, token] of [
      ['T1', api.tokens.pb1],
      ['T3', api.tokens.pb2],
    ] as const) {
      const all = await benchmarksOf(id, token);
      expect(Object.values(all).filter((b) => b !== null)).toEqual([]);
      expect(Object.keys(all)).toHaveLength(BENCHMARK_KPIS.length);
    }
  });

  it('bands uniqueViewers with each edge in the upper band: 50, 200, 500, 2000 (on the engine)', async () => {
    const [row] = await api.engine.gateway.query<{ bands: string[] }>(
      `SELECT arrayMap(u -> ${viewerBandSql('u')}, [0, 49, 50, 199, 200, 499, 500, 1999, 2000, 4000000000]) AS bands`,
      {},
      { tag: 'test.bands' },
    );
    expect(row.bands).toEqual([
      'under50',
      'under50',
      'from50to199',
      'from50to199',
      'from200to499',
      'from200to499',
      'from500to1999',
      'from500to1999',
      'from2000',
      'from2000',
    ]);
  });

  it('gives a live session no benchmark', async () => {
    const all = await benchmarksOf('Z', api.tokens.pb3);
    expect(Object.values(all).filter((b) => b !== null)).toEqual([]);
  });

  it('names the argument of a KPI that has no benchmark', async () => {
    const result = await api.gql(
      '{ session(id: "T2") { metrics { benchmark(kpi: returningViewers) { percentile } } } }',
      {},
      api.tokens.pb2,
    );
    expect(result.errors?.[0]?.message).toMatch(/kpi|BenchmarkKpi/);
    expect(result.errors?.[0]?.message).toMatch(/returningViewers/);
  });
});

describe('peer benchmark privacy: a brand learns nothing else about another brand', () => {
  // the repository reads the stored KPI values (S13B-1): bring them up to the fixture first
  beforeAll(() => new BenchmarkRepository(api.engine.gateway).refreshPeerValues());

  const otherBrandsSessions = (brand: string) =>
    Object.entries(fixture.brandOf)
      .filter(([, b]) => b !== brand)
      .map(([id]) => id);

  /** Every row the engine hands the repository, and what the repository returns. */
  async function captured(brand: string, sessionId: string) {
    const gateway = api.engine.gateway;
    const rows: unknown[] = [];
    // The real gateway, recording every row the engine answers with.
    const recording = {
      async query<T>(...args: Parameters<ClickHouseGateway['query']>): Promise<T[]> {
        const result = await gateway.query<T>(...args);
        rows.push(...result);
        return result;
      },
    } as unknown as ClickHouseGateway;
    const scope = BrandScope.of({ kind: 'reader', keyId: 'test', brandIds: [brand] });
    const returned = await new BenchmarkRepository(recording).percentiles(scope, sessionId);
    return { rows, returned };
  }

  const allowedColumns = ['band', 'percentiles', 'peers', 'brands'];

  it('receives from the engine only the band and, per KPI, a percentile and two counts', async () => {
    const { rows, returned } = await captured('pb2', 'T2');
    expect(rows).toHaveLength(1);
    const row = rows[0] as Record<string, unknown>;
    expect(Object.keys(row).sort()).toEqual([...allowedColumns].sort());
    expect(row.band).toBe('from50to199');
    // three arrays of one number (or null) per KPI
    for (const column of allowedColumns.slice(1)) {
      const values = row[column] as unknown[];
      expect(values).toHaveLength(BENCHMARK_KPIS.length);
      expect(values.filter((v) => v !== null && typeof v !== 'number')).toEqual([]);
    }
    // the repository passes on exactly that: band, and kpi / percentile / peers / brands
    expect(Object.keys(returned ?? {}).sort()).toEqual(['band', 'kpis']);
    for (const kpi of returned?.kpis ?? [])
      expect(Object.keys(kpi).sort()).toEqual(['brands', 'kpi', 'peers', 'percentile']);
    // counts are 30 peers and 3 brands or nothing; no peer's value (e.g. Q9's 2000 revenue, Q28's 27 comments) appears
    for (const kpi of returned?.kpis ?? []) {
      if (kpi.peers !== null) expect([kpi.peers, kpi.brands]).toEqual([30, 3]);
      if (kpi.percentile !== null) expect(kpi.percentile).toBeGreaterThanOrEqual(0);
      if (kpi.percentile !== null) expect(kpi.percentile).toBeLessThanOrEqual(100);
    }
    const text = JSON.stringify(returned);
    for (const name of ['pb1', 'pb3', 'Host of', 'Stream', ...otherBrandsSessions('pb2')])
      expect(text).not.toContain(`"${name}`);
  });

  it('receives nothing but NULLs below the thresholds (T1: 29 sessions), not even the counts', async () => {
    const { rows, returned } = await captured('pb1', 'T1');
    expect(rows).toHaveLength(1);
    const row = rows[0] as Record<string, unknown>;
    for (const column of allowedColumns.slice(1))
      expect((row[column] as unknown[]).filter((v) => v !== null)).toEqual([]);
    expect(returned?.kpis.filter((k) => k.percentile !== null || k.peers !== null || k.brands !== null)).toEqual([]);
  });

  it('answers nothing for another brand’s session or a crafted id', async () => {
    for (const id of ['T1', 'R', 'Q9', "T2' OR '1'='1", 'T2\u0000', '%', '*']) {
      const { rows, returned } = await captured('pb2', id);
      expect({ id, rows, returned }).toEqual({ id, rows: [], returned: null });
      const result = await api.gql(
        `query ($id: ID!) { session(id: $id) { metrics { benchmarks { kpi benchmark { percentile } } } } }`,
        { id },
        api.tokens.pb2,
      );
      expect({ id, data: result.data }).toEqual({ id, data: { session: null } });
    }
  }, 30_000);

  it('puts no other brand’s name, session or value anywhere in the whole GraphQL response', async () => {
    const result = await api.gql(
      `{ session(id: "T2") { id title commercer { id name } metrics { uniqueViewers comments
          benchmarks { kpi benchmark { ${BENCHMARK_FIELDS} } } } } }`,
      {},
      api.tokens.pb2,
    );
    expect(result.errors).toBeUndefined();
    const text = JSON.stringify(result);
    for (const name of [
      'pb1',
      'pb3',
      'Host of pb1',
      'Host of pb3',
      ...otherBrandsSessions('pb2').map((id) => `Stream ${id}`),
    ])
      expect(text).not.toContain(name);
    // the only numbers besides T2's own are percentiles, 30, 3 and the band's edges 50 and 199
    const numbers = new Set([...text.matchAll(/:(-?[\d.]+)/g)].map((m) => Number(m[1])));
    const percentiles = new Set(
      (result.data?.session as { metrics: { benchmarks: KpiBenchmark[] } }).metrics.benchmarks.flatMap((b) =>
        b.benchmark ? [b.benchmark.percentile] : [],
      ),
    );
    const own = new Set([60, 10]); // T2's uniqueViewers and comments
    expect([...numbers].filter((n) => !percentiles.has(n) && !own.has(n) && ![30, 3, 50, 199].includes(n))).toEqual([]);
  });

  it('exposes in the schema no field of a benchmark beyond band, percentile and counts, and no input but the KPI', async () => {
    const result = await api.gql(
      `{ b: __type(name: "Benchmark") { fields { name } }
         m: __type(name: "SessionMetrics") { fields { name args { name } } } }`,
      {},
      api.tokens.pb2,
    );
    const fields = (result.data?.b as { fields: { name: string }[] }).fields.map((f) => f.name).sort();
    expect(fields).toEqual(['band', 'bandMax', 'bandMin', 'brands', 'peers', 'percentile']);
    const metricFields = (result.data?.m as { fields: { name: string; args: { name: string }[] }[] }).fields;
    expect(metricFields.find((f) => f.name === 'benchmark')?.args.map((a) => a.name)).toEqual(['kpi']);
    expect(metricFields.find((f) => f.name === 'benchmarks')?.args).toEqual([]);
  });
});

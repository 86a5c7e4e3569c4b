import { openTestEngine } from '@lc/clickhouse/testing';
import type { ClickHouseGateway } from '@lc/clickhouse';
import { FORMULA_COLUMNS_SQL, FORMULA_METRICS } from '../src/metrics/session-metric.definitions.js';

/**
 * A session read selects session_stats columns and computes its KPIs in the API (Formula.value); the
 * sessions list still sorts by the same formulas' SQL. Both must give the same numbers: here each KPI
 * of rows with awkward values (zero denominators, a null median, decimals whose difference is not a
 * double) is computed both ways on the real engine, and a few are checked against hand arithmetic.
 */
const ROWS = [
  {
    session_id: 'f1',
    duration_seconds: 90,
    unique_viewers: 7,
    total_watch_seconds: 1000,
    comments: 3,
    engaged_viewers: 3,
    buyers: 2,
    orders: 3,
    revenue: '4400.3',
    refunds: '1000.1',
    late_joiners: 4,
    covered_late_joiners: 1,
    covered_watch_seconds: 300,
    uncovered_watch_seconds: 240,
    answered_comments: 2,
    median_response_s: 12.5,
  },
  {
    // nothing happened: every ratio's denominator is 0, the median is null
    session_id: 'f2',
    duration_seconds: 0,
    unique_viewers: 0,
    late_joiners: 2,
    covered_late_joiners: 2,
    covered_watch_seconds: 50,
    median_response_s: null,
  },
];

const formulas = FORMULA_METRICS;

describe('session KPI formulas: the API computes what the engine would', () => {
  let gateway: ClickHouseGateway;
  let dispose: () => Promise<void>;
  let byEngine: Record<string, Record<string, number | null>>;
  let byApi: Record<string, Record<string, number | null>>;

  beforeAll(async () => {
    ({ gateway, dispose } = await openTestEngine());
    await gateway.insert(
      'session_stats',
      ROWS.map((row) => ({ brand_id: 'bf', started_at: '2026-11-20 10:00:00.000', version: 1, ...row })),
      { tag: 'test.stats' },
    );
    const rows = await gateway.query<Record<string, unknown>>(
      `SELECT s.session_id AS session_id,
              ${formulas.map(({ name, formula }) => `${formula.sql} AS m_${name}`).join(', ')},
              ${FORMULA_COLUMNS_SQL}
       FROM session_stats AS s FINAL WHERE s.brand_id = {b:String} ORDER BY s.session_id`,
      { b: 'bf' },
      { tag: 'test.formulas' },
    );
    byEngine = Object.fromEntries(
      rows.map((row) => [
        row.session_id,
        Object.fromEntries(
          formulas.map(({ name }) => [name, row[`m_${name}`] === null ? null : Number(row[`m_${name}`])]),
        ),
      ]),
    );
    byApi = Object.fromEntries(
      rows.map((row) => [
        row.session_id,
        Object.fromEntries(formulas.map(({ name, formula }) => [name, formula.value(row)])),
      ]),
    );
  }, 60_000);
  afterAll(() => dispose());

  it('covers every KPI that session_stats holds', () => {
    expect(formulas.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(byApi.f1)).toEqual(formulas.map((f) => f.name));
  });

  it('gives the same number for each KPI, to the last bit', () => {
    for (const id of ['f1', 'f2'])
      for (const { name } of formulas) expect([id, name, byApi[id][name]]).toEqual([id, name, byEngine[id][name]]);
  });

  it('agrees with the arithmetic by hand', () => {
    expect(byApi.f1).toMatchObject({
      avgWatchSeconds: 1000 / 7,
      chatRate: 2, // 3 comments / 1.5 minutes
      engagementRate: 3 / 7,
      averageOrderValue: 4400.3 / 3,
      gpm: (4400.3 / 7) * 1000,
      netRevenue: 3400.2, // 4400.3 − 1000.1, exact in decimals (in doubles 3400.2000000000003)
      commentResponseRate: 2 / 3,
      medianResponseSeconds: 12.5,
      recapCoverage: 1 / 4,
      recapLift: 300 / 1 / (240 / 3),
      engagedNonBuyers: 1,
      passiveNonBuyers: 4,
    });
    expect(4400.3 - 1000.1).not.toBe(3400.2);
    expect(byApi.f2).toMatchObject({
      avgWatchSeconds: null,
      chatRate: null,
      engagementRate: null,
      averageOrderValue: null,
      gpm: null,
      medianResponseSeconds: null,
      recapCoverage: 1,
      recapLift: null, // no uncovered late joiner
      netRevenue: 0,
    });
  });
});

import { Injectable } from '@nestjs/common';
import { ClickHouseGateway } from '@lc/clickhouse';
import {
  BENCHMARK_KPIS,
  MIN_PEER_BRANDS,
  MIN_PEER_SESSIONS,
  PEER_WINDOW_DAYS,
  VIEWER_BANDS,
  viewerBandSql,
  type BenchmarkKpiName,
  type ViewerBandName,
} from '../metrics/benchmark.definitions.js';
import { scopeFilter, type BrandScope } from '../modules/auth/principal.js';

/** One KPI's place among its peers; all three are null when the band is below the thresholds. */
export interface KpiPercentile {
  kpi: BenchmarkKpiName;
  percentile: number | null;
  peers: number | null;
  brands: number | null;
}

/** Everything the benchmark query returns: the session's own band and, per KPI, a percentile and two counts. */
export interface SessionPercentiles {
  band: ViewerBandName;
  kpis: KpiPercentile[];
}

/** Every benchmarked KPI of a session_stats row `s`, in BENCHMARK_KPIS order, as one array. */
const KPI_VALUES = `[${BENCHMARK_KPIS.map((k) => `toNullable(toFloat64(${k.sql}))`).join(',\n    ')}]`;
/** Per KPI: 1 when higher is better, −1 when lower is; a peer is beaten when (peer − own) × direction < 0. */
const DIRECTIONS = `[${BENCHMARK_KPIS.map((k) => (k.direction === 'higher' ? '1' : '-1')).join(', ')}]`;
/** Per KPI: 1 for amounts of money, which compare only within one currency (P-4). */
const MONEY = `[${BENCHMARK_KPIS.map((k) => (k.money ? '1' : '0')).join(', ')}]`;

/** A session without sales has no currency: its amounts are 0 in every currency (P-4). */
const SAME_CURRENCY = `(p.currency = o.currency OR p.currency = '' OR o.currency = '')`;
/** The thresholds, applied in the engine so no count of a small band ever reaches the API process. */
const SHOWN = `n >= ${MIN_PEER_SESSIONS} AND k >= ${MIN_PEER_BRANDS}`;

/**
 * The one query that reads other brands' rows (P-5). Only the benchmarked session is filtered by the
 * caller's scope; the peers are every brand's finished sessions of its band started in the 90 days
 * before it. The engine reduces them to counts and applies the thresholds: what leaves it is the
 * band and, per KPI, the percentile, the number of peers and of their brands — all NULL when the
 * band is too small — never a peer's value, id or brand.
 *
 * The KPIs travel as arrays (one aggregate per quantity, not per KPI): a column per KPI made the
 * engine plan ~200 aggregates, seconds per query.
 */
const PERCENTILES_SQL = `
WITH own AS (
  SELECT s.started_at AS started_at, s.currency AS currency, ${viewerBandSql('s.unique_viewers')} AS band,
    ${KPI_VALUES} AS v
  FROM session_stats AS s FINAL
  WHERE ${scopeFilter('s.brand_id')} AND s.session_id = {sessionId:String} AND s.ended_at IS NOT NULL
),
by_brand AS (
  -- per peer brand and KPI: peers beaten, tied and with a value
  SELECT
    sumForEach(arrayMap((pv, ov, dir, money) -> if(isNotNull(pv) AND isNotNull(ov) AND (money = 0 OR ${SAME_CURRENCY}) AND (pv - ov) * dir < 0, 1, 0),
                        p.v, o.v, ${DIRECTIONS}, ${MONEY})) AS beaten,
    sumForEach(arrayMap((pv, ov, money) -> if(isNotNull(pv) AND isNotNull(ov) AND (money = 0 OR ${SAME_CURRENCY}) AND pv = ov, 1, 0),
                        p.v, o.v, ${MONEY})) AS tied,
    sumForEach(arrayMap((pv, money) -> if(isNotNull(pv) AND (money = 0 OR ${SAME_CURRENCY}), 1, 0), p.v, ${MONEY})) AS counted
  FROM own AS o
  INNER JOIN (
    SELECT s.brand_id AS brand_id, s.started_at AS started_at, s.currency AS currency,
      ${viewerBandSql('s.unique_viewers')} AS band, ${KPI_VALUES} AS v
    FROM session_stats AS s FINAL
    WHERE s.ended_at IS NOT NULL
      AND s.started_at >= (SELECT started_at FROM own) - INTERVAL ${PEER_WINDOW_DAYS} DAY
      AND s.started_at < (SELECT started_at FROM own)
  ) AS p ON p.band = o.band
  GROUP BY p.brand_id
),
totals AS (
  SELECT sumForEach(beaten) AS beaten, sumForEach(tied) AS tied, sumForEach(counted) AS n,
    sumForEach(arrayMap(c -> if(c > 0, 1, 0), counted)) AS brands
  FROM by_brand
  HAVING count() > 0
)
SELECT o.band AS band,
  arrayMap((b, t, n, k, ov) -> if(isNotNull(ov) AND ${SHOWN}, 100 * (b + t / 2) / n, NULL), t.beaten, t.tied, t.n, t.brands, o.v) AS percentiles,
  arrayMap((n, k, ov) -> if(isNotNull(ov) AND ${SHOWN}, n, NULL), t.n, t.brands, o.v) AS peers,
  arrayMap((n, k, ov) -> if(isNotNull(ov) AND ${SHOWN}, k, NULL), t.n, t.brands, o.v) AS brands
FROM own AS o CROSS JOIN totals AS t`;

interface RawPercentiles {
  band: string;
  percentiles: (number | null)[];
  peers: (number | null)[];
  brands: (number | null)[];
}

const BAND_NAMES: ReadonlySet<string> = new Set(VIEWER_BANDS.map((b) => b.name));

@Injectable()
export class BenchmarkRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  /**
   * The percentiles of a finished session the scope may read, among its peers of all brands;
   * null when the session is unknown, not the scope's, still live, or has no peer at all.
   */
  async percentiles(scope: BrandScope, sessionId: string): Promise<SessionPercentiles | null> {
    const [row] = await this.gateway.query<RawPercentiles>(
      PERCENTILES_SQL,
      { ...scope.params, sessionId },
      { tag: 'benchmark.percentiles' },
    );
    if (!row) return null;
    if (!BAND_NAMES.has(row.band)) throw new Error(`benchmark query returned an unknown band ${row.band}`);
    const count = (value: unknown) => (value === null || value === undefined ? null : Number(value));
    return {
      band: row.band as ViewerBandName,
      kpis: BENCHMARK_KPIS.map((k, i) => ({
        kpi: k.name,
        percentile: count(row.percentiles[i]),
        peers: count(row.peers[i]),
        brands: count(row.brands[i]),
      })),
    };
  }
}

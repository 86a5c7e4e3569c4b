import { createHash } from 'node:crypto';
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

/** A peer's currency `c` against the session's `oc`; a session without sales has none: its amounts are 0 in every currency (P-4). */
const SAME_CURRENCY = `(c = oc OR c = '' OR oc = '')`;
/** The thresholds, applied in the engine so no count of a small band ever reaches the API process. */
const SHOWN = `n >= ${MIN_PEER_SESSIONS} AND k >= ${MIN_PEER_BRANDS}`;

/** The session's start and band (a cheap point read, no KPI): which rows the one scan below needs. */
const OWN_KEY = `(
  SELECT tuple(s.started_at, ${viewerBandSql('s.unique_viewers')})
  FROM session_stats AS s FINAL
  WHERE ${scopeFilter('s.brand_id')} AND s.session_id = {sessionId:String} AND s.ended_at IS NOT NULL
)`;
const IS_OWN = `(${scopeFilter('s.brand_id')} AND s.session_id = {sessionId:String})`;
const K = BENCHMARK_KPIS.length;

/**
 * From the session's and its peers' KPI arrays (`rows`: is_own, brand_id, currency, v) to what may
 * leave the engine: the band and, per KPI, the percentile, the number of peers and of their brands —
 * all NULL when the band is too small. Shared by both formulations below, so they count alike.
 */
const COUNTED = `
gathered AS (
  SELECT anyIf(v, is_own) AS ov, anyIf(currency, is_own) AS oc,
    groupArrayIf(brand_id, NOT is_own) AS pb, groupArrayIf(currency, NOT is_own) AS pc, groupArrayIf(v, NOT is_own) AS pv
  FROM rows
  HAVING countIf(is_own) > 0 AND length(pb) > 0
),
counts AS (
  -- per peer and KPI: 1 when it counts (a value, and for money the same currency), is beaten, is tied
  SELECT ov,
    arrayMap((v, c) -> arrayMap((x, money) -> if(isNotNull(x) AND (money = 0 OR ${SAME_CURRENCY}), 1, 0), v, ${MONEY}), pv, pc) AS counted,
    arrayMap((v, cs) -> arrayMap((x, o, dir, counts) -> if(counts = 1 AND isNotNull(o) AND (x - o) * dir < 0, 1, 0), v, ov, ${DIRECTIONS}, cs), pv, counted) AS beaten,
    arrayMap((v, cs) -> arrayMap((x, o, counts) -> if(counts = 1 AND isNotNull(o) AND x = o, 1, 0), v, ov, cs), pv, counted) AS tied,
    pb
  FROM gathered
),
totals AS (
  SELECT ov,
    arrayReduce('sumForEach', beaten) AS b, arrayReduce('sumForEach', tied) AS t, arrayReduce('sumForEach', counted) AS n,
    -- per KPI, the peer brands with at least one counted peer
    arrayMap(i -> length(arrayDistinct(arrayFilter((brand, cs) -> cs[i] = 1, pb, counted))), range(1, ${K} + 1)) AS k
  FROM counts
)
SELECT own_band AS band,
  arrayMap((b, t, n, k, ov) -> if(isNotNull(ov) AND ${SHOWN}, 100 * (b + t / 2) / n, NULL), b, t, n, k, ov) AS percentiles,
  arrayMap((n, k, ov) -> if(isNotNull(ov) AND ${SHOWN}, n, NULL), n, k, ov) AS peers,
  arrayMap((n, k, ov) -> if(isNotNull(ov) AND ${SHOWN}, k, NULL), n, k, ov) AS brands
FROM totals`;

/**
 * The formulation over session_stats itself (S13-1), computing every KPI of every peer at read: the
 * reference the stored values are checked against (test/benchmark-peer-values.e2e.spec.ts) and the
 * bench's same-run "before". The session and its peers are read in one scan, so the ~40 KPI
 * expressions are planned once — still ~14 ms of planning and a FINAL over all of session_stats.
 */
export const PERCENTILES_FROM_STATS_SQL = `
WITH ${OWN_KEY} AS own_key, tupleElement(own_key, 1) AS own_start, tupleElement(own_key, 2) AS own_band,
rows AS (
  SELECT ${IS_OWN} AS is_own, s.brand_id AS brand_id, toString(s.currency) AS currency, ${KPI_VALUES} AS v
  FROM session_stats AS s FINAL
  WHERE s.ended_at IS NOT NULL
    AND (${IS_OWN}
      OR (s.started_at >= own_start - INTERVAL ${PEER_WINDOW_DAYS} DAY AND s.started_at < own_start
          AND ${viewerBandSql('s.unique_viewers')} = own_band))
),${COUNTED}`;

/**
 * Which KPI expressions, in which order, the stored values were computed with: rows of another
 * build (other KPIs, another expression) are neither read nor mistaken for current ones.
 */
export const PEER_VALUES_LAYOUT = createHash('sha256')
  .update(BENCHMARK_KPIS.map((k) => k.sql).join('\u0000'))
  .digest('hex')
  .slice(0, 16);

/** Stored rows of the current layout, latest version per session. */
const PEER_VALUES = `session_peer_values AS p FINAL`;
const IS_OWN_STORED = `(${scopeFilter('p.brand_id')} AND p.session_id = {sessionId:String})`;

/**
 * The read (S13B-1): the same counting over the values session_peer_values holds, so no KPI
 * expression is planned and no session_stats row is read — a point read of the session's start and
 * band, then one scan of the stored rows of its band and window.
 */
const PERCENTILES_SQL = `
WITH (
  SELECT tuple(p.started_at, p.band)
  FROM ${PEER_VALUES}
  WHERE p.layout = {layout:String} AND ${IS_OWN_STORED} AND p.ended = 1
) AS own_key, tupleElement(own_key, 1) AS own_start, tupleElement(own_key, 2) AS own_band,
rows AS (
  SELECT ${IS_OWN_STORED} AS is_own, p.brand_id AS brand_id, toString(p.currency) AS currency, p.kpi_values AS v
  FROM ${PEER_VALUES}
  WHERE p.layout = {layout:String} AND p.ended = 1
    AND (${IS_OWN_STORED}
      OR (p.started_at >= own_start - INTERVAL ${PEER_WINDOW_DAYS} DAY AND p.started_at < own_start AND p.band = own_band))
),${COUNTED}`;

/**
 * Brings session_peer_values up to session_stats: every current session_stats row whose version it
 * does not hold for this layout, with its KPI values computed once. Rows are never rewritten or
 * removed by hand: a newer version replaces an older one at merge and FINAL, as in session_stats.
 */
const REFRESH_PEER_VALUES_SQL = `
INSERT INTO session_peer_values (layout, brand_id, session_id, started_at, ended, band, currency, kpi_values, version)
SELECT {layout:String}, s.brand_id, s.session_id, s.started_at, s.ended_at IS NOT NULL, ${viewerBandSql('s.unique_viewers')},
  s.currency, ${KPI_VALUES}, s.version
FROM session_stats AS s FINAL
WHERE (s.brand_id, s.session_id, s.version) NOT IN (
  SELECT brand_id, session_id, version FROM session_peer_values WHERE layout = {layout:String}
)`;

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
   * Brings the stored KPI values up to session_stats (S13B-1): call it after the change token moved
   * and before `percentiles`. Computes the KPIs of the new or rebuilt sessions only.
   */
  async refreshPeerValues(): Promise<void> {
    await this.gateway.command(REFRESH_PEER_VALUES_SQL, { layout: PEER_VALUES_LAYOUT }, { tag: 'benchmark.refresh' });
  }

  /**
   * The percentiles of a finished session the scope may read, among its peers of all brands;
   * null when the session is unknown, not the scope's, still live, or has no peer at all. Reads the
   * stored values: as fresh as the last `refreshPeerValues`.
   */
  async percentiles(scope: BrandScope, sessionId: string): Promise<SessionPercentiles | null> {
    return this.read(PERCENTILES_SQL, 'benchmark.percentiles', scope, sessionId);
  }

  /** The same answer computed from session_stats at read (the reference formulation, S13-1). */
  async percentilesFromStats(scope: BrandScope, sessionId: string): Promise<SessionPercentiles | null> {
    return this.read(PERCENTILES_FROM_STATS_SQL, 'benchmark.percentilesFromStats', scope, sessionId);
  }

  private async read(
    sql: string,
    tag: string,
    scope: BrandScope,
    sessionId: string,
  ): Promise<SessionPercentiles | null> {
    const [row] = await this.gateway.query<RawPercentiles>(
      sql,
      { ...scope.params, sessionId, layout: PEER_VALUES_LAYOUT },
      { tag },
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

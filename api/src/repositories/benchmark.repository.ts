import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
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
import { ApiSettings } from '../api.env.js';
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
 * From each target session's and its peers' KPI arrays (`rows`: t_brand, t_session — the target —,
 * own_band, is_own, brand_id, currency, v) to what may leave the engine: per target, the band and, per
 * KPI, the percentile, the number of peers and of their brands — all NULL when the band is too small.
 * Shared by every formulation below (one session at read, many at a refresh), so they count alike; a
 * target without any peer has no row.
 */
const COUNTED = (target: boolean) => `
gathered AS (
  SELECT t_brand, t_session, any(own_band) AS band, anyIf(v, is_own) AS ov, anyIf(currency, is_own) AS oc,
    groupArrayIf(brand_id, NOT is_own) AS pb, groupArrayIf(currency, NOT is_own) AS pc, groupArrayIf(v, NOT is_own) AS pv
  FROM rows
  GROUP BY t_brand, t_session
  HAVING countIf(is_own) > 0 AND length(pb) > 0
),
counts AS (
  -- per peer and KPI: 1 when it counts (a value, and for money the same currency), is beaten, is tied
  SELECT t_brand, t_session, band, ov,
    arrayMap((v, c) -> arrayMap((x, money) -> if(isNotNull(x) AND (money = 0 OR ${SAME_CURRENCY}), 1, 0), v, ${MONEY}), pv, pc) AS counted,
    arrayMap((v, cs) -> arrayMap((x, o, dir, counts) -> if(counts = 1 AND isNotNull(o) AND (x - o) * dir < 0, 1, 0), v, ov, ${DIRECTIONS}, cs), pv, counted) AS beaten,
    arrayMap((v, cs) -> arrayMap((x, o, counts) -> if(counts = 1 AND isNotNull(o) AND x = o, 1, 0), v, ov, cs), pv, counted) AS tied,
    pb
  FROM gathered
),
totals AS (
  SELECT t_brand, t_session, band, ov,
    arrayReduce('sumForEach', beaten) AS b, arrayReduce('sumForEach', tied) AS t, arrayReduce('sumForEach', counted) AS n,
    -- per KPI, the peer brands with at least one counted peer
    arrayMap(i -> length(arrayDistinct(arrayFilter((brand, cs) -> cs[i] = 1, pb, counted))), range(1, ${K} + 1)) AS k
  FROM counts
)
SELECT ${target ? 't_brand, t_session, ' : ''}band,
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
  SELECT '' AS t_brand, '' AS t_session, own_band, ${IS_OWN} AS is_own, s.brand_id AS brand_id, toString(s.currency) AS currency, ${KPI_VALUES} AS v
  FROM session_stats AS s FINAL
  WHERE s.ended_at IS NOT NULL
    AND (${IS_OWN}
      OR (s.started_at >= own_start - INTERVAL ${PEER_WINDOW_DAYS} DAY AND s.started_at < own_start
          AND ${viewerBandSql('s.unique_viewers')} = own_band))
),${COUNTED(false)}`;

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
export const PERCENTILES_SQL = `
WITH (
  SELECT tuple(p.started_at, p.band)
  FROM ${PEER_VALUES}
  WHERE p.layout = {layout:String} AND ${IS_OWN_STORED} AND p.ended = 1
) AS own_key, tupleElement(own_key, 1) AS own_start, tupleElement(own_key, 2) AS own_band,
rows AS (
  SELECT '' AS t_brand, '' AS t_session, own_band, ${IS_OWN_STORED} AS is_own, p.brand_id AS brand_id, toString(p.currency) AS currency, p.kpi_values AS v
  FROM ${PEER_VALUES}
  WHERE p.layout = {layout:String} AND p.ended = 1
    AND (${IS_OWN_STORED}
      OR (p.started_at >= own_start - INTERVAL ${PEER_WINDOW_DAYS} DAY AND p.started_at < own_start AND p.band = own_band))
),${COUNTED(false)}`;

/**
 * Brings session_peer_values up to session_stats: the current session_stats rows CHANGED_SQL found
 * (their versions), with their KPI values computed once. Rows are never rewritten or
 * removed by hand: a newer version replaces an older one at merge and FINAL, as in session_stats.
 */
const REFRESH_PEER_VALUES_SQL = `
INSERT INTO session_peer_values (layout, brand_id, session_id, started_at, ended, band, currency, kpi_values, version)
SELECT {layout:String}, s.brand_id, s.session_id, s.started_at, s.ended_at IS NOT NULL, ${viewerBandSql('s.unique_viewers')},
  s.currency, ${KPI_VALUES}, s.version
FROM session_stats AS s FINAL
WHERE (s.brand_id, s.session_id, s.version) IN (
  SELECT arrayJoin(arrayZip({brands:Array(String)}, {sessions:Array(String)}, {versions:Array(UInt64)}))
)`;

/**
 * The session_stats rows session_peer_values does not hold yet (new or rebuilt sessions), with the
 * band and start of their new row (S13C-2).
 */
const CHANGED_SQL = `
SELECT s.brand_id AS brand_id, s.session_id AS session_id, s.version AS version,
       ${viewerBandSql('s.unique_viewers')} AS band, toUnixTimestamp64Milli(s.started_at) AS start_ms,
       s.ended_at IS NOT NULL AS ended
FROM session_stats AS s FINAL
WHERE (s.brand_id, s.session_id, s.version) NOT IN (
  SELECT brand_id, session_id, version FROM session_peer_values WHERE layout = {layout:String}
)`;

/** The band and start of the stored rows of finished sessions among `brands`/`sessions` (before they are replaced). */
const STORED_FINISHED_SQL = `
SELECT p.band AS band, toUnixTimestamp64Milli(p.started_at) AS start_ms
FROM ${PEER_VALUES}
WHERE p.layout = {layout:String} AND p.ended = 1
  AND (p.brand_id, p.session_id) IN (SELECT arrayJoin(arrayZip({brands:Array(String)}, {sessions:Array(String)})))`;

/**
 * Marks stale (S13C-2) every stored answer a refresh changes: the changed sessions' own
 * (`brands`/`sessions`), and those of the bands that a finished session enters or leaves
 * (`moveBands`/`moveStarts`: its new and its stored row) that started in the 90 days after it — the
 * sessions it is, or was, a peer of. Run before the values are stored and again after: a crash in
 * between leaves the marks, and an answer another API process computed meanwhile from the old values
 * is marked again.
 */
const MARK_STALE_SQL = `
INSERT INTO session_peer_percentiles (layout, brand_id, session_id, started_at, band, stale, has_peers, percentiles, peers, brands, computed_at)
SELECT t.layout, t.brand_id, t.session_id, t.started_at, t.band, 1, 0, [], [], [], now64(3)
FROM session_peer_percentiles AS t FINAL
WHERE t.layout = {layout:String} AND t.stale = 0
  AND ((t.brand_id, t.session_id) IN (SELECT arrayJoin(arrayZip({brands:Array(String)}, {sessions:Array(String)})))
    OR arrayExists((band, start) -> band = t.band AND toUnixTimestamp64Milli(t.started_at) > start
                     AND toUnixTimestamp64Milli(t.started_at) <= start + ${PEER_WINDOW_DAYS * 86_400_000},
                   {moveBands:Array(String)}, {moveStarts:Array(Int64)}))`;

/** The finished sessions whose stored answer is missing or stale, newest first. */
const TARGETS_SQL = `
SELECT p.brand_id AS brand_id, p.session_id AS session_id
FROM ${PEER_VALUES}
WHERE p.layout = {layout:String} AND p.ended = 1
  AND (p.brand_id, p.session_id) NOT IN (
    SELECT brand_id, session_id FROM session_peer_percentiles FINAL WHERE layout = {layout:String} AND stale = 0
  )
ORDER BY p.started_at DESC`;

/**
 * The answers of a batch of finished sessions (`targetBrands`, `targetSessions`), computed with the
 * counting every read uses and stored; a target without any peer is stored as such.
 */
const COMPUTE_SQL = `
INSERT INTO session_peer_percentiles (layout, brand_id, session_id, started_at, band, stale, has_peers, percentiles, peers, brands, computed_at)
WITH now64(3) AS computed_at,
targets AS (
  SELECT p.brand_id AS t_brand, p.session_id AS t_session, p.started_at AS t_start, p.band AS t_band,
         toString(p.currency) AS t_currency, p.kpi_values AS t_values
  FROM ${PEER_VALUES}
  WHERE p.layout = {layout:String} AND p.ended = 1
    AND (p.brand_id, p.session_id) IN (SELECT arrayJoin(arrayZip({targetBrands:Array(String)}, {targetSessions:Array(String)})))
),
candidates AS (
  SELECT p.brand_id AS brand_id, toString(p.currency) AS currency, p.kpi_values AS v, p.started_at AS started_at, p.band AS band
  FROM ${PEER_VALUES}
  WHERE p.layout = {layout:String} AND p.ended = 1 AND p.band IN (SELECT t_band FROM targets)
),
rows AS (
  SELECT t_brand, t_session, t_band AS own_band, 1 AS is_own, t_brand AS brand_id, t_currency AS currency, t_values AS v
  FROM targets
  UNION ALL
  SELECT t.t_brand, t.t_session, t.t_band, 0, c.brand_id, c.currency, c.v
  FROM targets AS t
  INNER JOIN candidates AS c ON c.band = t.t_band
  WHERE c.started_at >= t.t_start - INTERVAL ${PEER_WINDOW_DAYS} DAY AND c.started_at < t.t_start
),
answers AS (WITH ${COUNTED(true)})
SELECT {layout:String}, t.t_brand, t.t_session, t.t_start, t.t_band, 0, a.t_session != '',
       if(a.t_session != '', a.percentiles, []), if(a.t_session != '', a.peers, []), if(a.t_session != '', a.brands, []),
       computed_at
FROM targets AS t
LEFT JOIN answers AS a ON a.t_brand = t.t_brand AND a.t_session = t.t_session
SETTINGS join_use_nulls = 0`;

/** A session's stored answer, when it is there and not stale: what the counting lets out, band '' when it had no peer. */
const STORED_SQL = `
SELECT if(has_peers = 1, band, '') AS band, percentiles, peers, brands
FROM session_peer_percentiles FINAL
WHERE layout = {layout:String} AND ${scopeFilter('brand_id')} AND session_id = {sessionId:String} AND stale = 0
LIMIT 1`;

/**
 * How many sessions one COMPUTE_SQL statement answers: bounds its memory (targets × peers × KPIs) and
 * its length (~70 ms for 25 sessions of ~700 peers here), so dashboard reads get their turn between two.
 */
const COMPUTE_BATCH = 25;

interface RawPercentiles {
  band: string;
  percentiles: (number | null)[];
  peers: (number | null)[];
  brands: (number | null)[];
}

const BAND_NAMES: ReadonlySet<string> = new Set(VIEWER_BANDS.map((b) => b.name));

@Injectable()
export class BenchmarkRepository implements OnModuleDestroy {
  /** Whether this process has looked for finished sessions without a stored answer yet. */
  private answersChecked = false;
  /** The storing run under way (S13C-2), and whether another was asked for during it. */
  private storing: Promise<void> | null = null;
  private storeAgain = false;
  /** Set when the app closes: the storing run stops after its current batch (the rest waits for the next start). */
  private closing = false;
  private readonly log: Logger;

  constructor(
    private readonly gateway: ClickHouseGateway,
    // the API's settings (its LOG_LEVEL); a repository made by hand (tests, benchmarks) logs nothing
    @Optional() settings?: ApiSettings,
  ) {
    this.log = pino({ name: 'peer-benchmark', level: settings?.logLevel ?? 'silent' });
  }

  /**
   * Brings the stored KPI values up to session_stats (S13B-1): call it after the change token moved
   * and before `percentiles`. Computes the KPIs of the new or rebuilt sessions only.
   */
  async refreshPeerValues(): Promise<void> {
    const layout = PEER_VALUES_LAYOUT;
    const changed = await this.gateway.query<{
      brand_id: string;
      session_id: string;
      version: number;
      band: string;
      start_ms: number;
      ended: number | boolean;
    }>(CHANGED_SQL, { layout }, { tag: 'benchmark.changed' });
    if (changed.length === 0 && this.answersChecked) return;
    const keys = { brands: changed.map((c) => c.brand_id), sessions: changed.map((c) => c.session_id) };
    const before =
      changed.length > 0
        ? await this.gateway.query<{ band: string; start_ms: number }>(
            STORED_FINISHED_SQL,
            { layout, ...keys },
            { tag: 'benchmark.storedFinished' },
          )
        : [];
    // the finished sessions entering (their new rows) or leaving (their stored rows) a band and window
    const moves = [...changed.filter((c) => Number(c.ended) === 1), ...before];
    const marks = {
      layout,
      ...keys,
      moveBands: moves.map((m) => m.band),
      moveStarts: moves.map((m) => Number(m.start_ms)),
    };
    if (moves.length > 0) await this.gateway.command(MARK_STALE_SQL, marks, { tag: 'benchmark.markStale' });
    if (changed.length > 0)
      await this.gateway.command(
        REFRESH_PEER_VALUES_SQL,
        { layout, ...keys, versions: changed.map((c) => Number(c.version)) },
        { tag: 'benchmark.refresh' },
      );
    if (moves.length > 0) await this.gateway.command(MARK_STALE_SQL, marks, { tag: 'benchmark.markStale' });
    // answers to compute, in the background (reads count at read meanwhile): after a finished session
    // changed, and once per process (a first start, a new KPI layout, or marks another process left)
    if (moves.length > 0 || !this.answersChecked) this.scheduleAnswers();
    this.answersChecked = true;
  }

  /** Resolves once the answers scheduled so far are stored (tests and benchmarks wait for it). */
  async answersStored(): Promise<void> {
    while (this.storing) await this.storing;
  }

  /** The app closes its gateway after its modules: let the storing run end first, after its current batch. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.answersStored();
  }

  /** One storing run at a time; a request during a run makes one more run after it. */
  private scheduleAnswers(): void {
    if (this.closing) return;
    if (this.storing) {
      this.storeAgain = true;
      return;
    }
    this.storing = (async () => {
      do {
        this.storeAgain = false;
        await this.storeAnswers();
      } while (this.storeAgain && !this.closing);
    })()
      // a failed run leaves the answers missing or stale, which reads count at read; the next
      // refresh of a change tries again
      .catch((error: unknown) => this.log.error({ err: error }, 'storing peer benchmark answers failed'))
      .finally(() => {
        this.storing = null;
      });
  }

  /**
   * Computes and stores the answer of every finished session that has none or a stale one (S13C-2),
   * newest first, COMPUTE_BATCH at a time: after a refresh, usually the sessions that just ended; after
   * a new KPI layout or the first start, all of them (logged by the caller's timing, tag
   * `benchmark.storeAnswers`).
   */
  private async storeAnswers(): Promise<void> {
    const targets = await this.gateway.query<{ brand_id: string; session_id: string }>(
      TARGETS_SQL,
      { layout: PEER_VALUES_LAYOUT },
      { tag: 'benchmark.targets', lane: 'maintenance' },
    );
    const started = performance.now();
    const long = targets.length > 10 * COMPUTE_BATCH;
    if (long)
      this.log.info({ sessions: targets.length }, 'storing peer benchmark answers (reads count at read until done)');
    for (let i = 0; i < targets.length && !this.closing; i += COMPUTE_BATCH) {
      const batch = targets.slice(i, i + COMPUTE_BATCH);
      await this.gateway.command(
        COMPUTE_SQL,
        {
          layout: PEER_VALUES_LAYOUT,
          targetBrands: batch.map((t) => t.brand_id),
          targetSessions: batch.map((t) => t.session_id),
        },
        { tag: 'benchmark.storeAnswers', lane: 'maintenance' },
      );
      if (long && (i / COMPUTE_BATCH) % 40 === 39)
        this.log.info({ done: i + batch.length, sessions: targets.length }, 'storing peer benchmark answers');
    }
    if (long)
      this.log.info(
        { sessions: targets.length, seconds: Math.round((performance.now() - started) / 100) / 10 },
        'stored peer benchmark answers',
      );
  }

  /**
   * The percentiles of a finished session the scope may read, among its peers of all brands;
   * null when the session is unknown, not the scope's, still live, or has no peer at all. Reads the
   * stored values: as fresh as the last `refreshPeerValues`.
   */
  async percentiles(scope: BrandScope, sessionId: string): Promise<SessionPercentiles | null> {
    const [stored] = await this.gateway.query<RawPercentiles>(
      STORED_SQL,
      { ...scope.params, sessionId, layout: PEER_VALUES_LAYOUT },
      { tag: 'benchmark.stored' },
    );
    // a stored band '' is a session without any peer: no answer, as the counting gives none
    if (stored) return stored.band === '' ? null : BenchmarkRepository.toPercentiles(stored);
    // none stored yet, or marked stale by a refresh in progress: counted at read, from the same values
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
    return row ? BenchmarkRepository.toPercentiles(row) : null;
  }

  private static toPercentiles(row: RawPercentiles): SessionPercentiles {
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

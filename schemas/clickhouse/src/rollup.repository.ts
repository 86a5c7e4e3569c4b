import type { ClickHouseGateway } from './clickhouse.gateway.js';
import { eventsOfRollupVersion, rollupVersion } from './row-version.js';

/**
 * Rebuilds the per-session rollups (session_viewers, session_minutes,
 * viewer_first_session, session_stats) from `events FINAL`.
 *
 * Why rebuild instead of insert-time materialized views: a retried delivery
 * repeats an event, and an MV would add it again to every additive KPI. FINAL
 * reads of one session's events are exact and cheap (the sorting key starts
 * with brand_id, session_id), so a rebuild of a touched session is both
 * idempotent and fast. Each rebuild writes rows with a newer `version`;
 * readers take the version recorded in session_stats, so rows a rebuild no
 * longer produces (e.g. minutes shifted by a late session_start) are ignored.
 * The version counts the events the rebuild read (`rollupVersion`), so when
 * several ingest processes rebuild the same session, the rebuild that saw the
 * most events wins, whichever finishes last.
 *
 * Definitions follow ../shared/METRICS.md; decisions where it is silent are in
 * docs/METRICS-DECISIONS.md.
 */

/**
 * Each session's start, end, last event and dimension columns, read once per
 * rebuild; the statements below take them as parameter arrays instead of
 * scanning the events again for them. Also how many distinct events the
 * session has now (its rollup version counts them) and the version its
 * session_stats row already has.
 */
const SESSIONS_SQL = `
SELECT *
FROM (
  SELECT
    session_id,
    count() AS events,
    toUnixTimestamp64Milli(if(countIf(type = 'session_start') > 0, minIf(occurred_at, type = 'session_start'), min(occurred_at))) AS start_ms,
    if(countIf(type = 'session_end') > 0, toUnixTimestamp64Milli(maxIf(occurred_at, type = 'session_end')), -1) AS end_ms,
    toUnixTimestamp64Milli(max(occurred_at)) AS last_ms,
    argMinIf(commercer_id, occurred_at, type = 'session_start') AS commercer_id,
    argMinIf(commercer_name, occurred_at, type = 'session_start') AS commercer_name,
    toString(argMinIf(commercer_kind, occurred_at, type = 'session_start')) AS commercer_kind,
    argMinIf(title, occurred_at, type = 'session_start') AS title,
    toString(argMinIf(platform, occurred_at, type = 'session_start')) AS platform,
    toString(argMinIf(currency, occurred_at, currency != '')) AS currency
  FROM events FINAL
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
  GROUP BY session_id
) AS e
LEFT JOIN (
  SELECT session_id, max(version) AS current_version
  FROM session_stats
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
  GROUP BY session_id
) AS s USING (session_id)`;

interface SessionBoundsRow {
  session_id: string;
  events: number;
  start_ms: number;
  end_ms: number;
  last_ms: number;
  commercer_id: string;
  commercer_name: string;
  commercer_kind: string;
  title: string;
  platform: string;
  currency: string;
  /** 0 when the session has no rollup yet. */
  current_version: number;
}

/** Session bounds from the parameter arrays: start, end, duration, the number of minutes and the rollup version. */
const BOUNDS = `
bounds AS (
  SELECT
    b.1 AS session_id,
    fromUnixTimestamp64Milli(b.2, 'UTC') AS started_at,
    if(b.3 < 0, NULL, fromUnixTimestamp64Milli(b.3, 'UTC')) AS ended_at,
    fromUnixTimestamp64Milli(b.4, 'UTC') AS last_event_at,
    b.5 AS duration_seconds,
    b.6 AS minutes,
    b.7 AS version
  FROM (
    SELECT arrayJoin(arrayZip({ids:Array(String)}, {startMs:Array(Int64)}, {endMs:Array(Int64)}, {lastMs:Array(Int64)},
                              {durations:Array(Float64)}, {minuteCounts:Array(UInt32)}, {versions:Array(UInt64)})) AS b
  )
)`;

const VIEWERS_SQL = `
INSERT INTO session_viewers
  (brand_id, session_id, viewer_id, started_at, first_seen_at, watch_seconds, comments, likes, cart_adds, orders, revenue, join_source, version)
WITH ${BOUNDS}
SELECT
  {brandId:String},
  e.session_id,
  e.viewer_id,
  any(b.started_at),
  min(e.occurred_at),
  least(toFloat64(sumIf(e.seconds, e.type = 'dwell')), any(b.duration_seconds)),
  countIf(e.type = 'comment' AND e.author = 'viewer'),
  sumIf(e.like_count, e.type = 'like'),
  countIf(e.type = 'cart_add'),
  uniqExactIf(e.order_id, e.type = 'purchase'),
  -- an order counts once even if its purchase arrived under two event ids
  arraySum(maxMapIf([e.order_id], [e.amount], e.type = 'purchase').2),
  argMinIf(e.source, e.occurred_at, e.type = 'join'),
  any(b.version)
FROM events AS e FINAL
INNER JOIN bounds AS b ON b.session_id = e.session_id
WHERE e.brand_id = {brandId:String} AND e.session_id IN {sessionIds:Array(String)} AND e.viewer_id != ''
GROUP BY e.session_id, e.viewer_id`;

const MINUTES_SQL = `
INSERT INTO session_minutes
  (brand_id, session_id, minute, watching, comments, likes, likes_by_stamp, cart_adds, orders, revenue, version)
WITH ${BOUNDS}
SELECT
  {brandId:String},
  e.session_id,
  -- an event at the very end instant belongs to the last minute
  toUInt32(least(intDiv(toUnixTimestamp64Milli(e.occurred_at) - toUnixTimestamp64Milli(b.started_at), 60000), b.minutes - 1)) AS minute,
  uniqExactIf(e.viewer_id, e.viewer_id != '' AND e.type != 'leave'),
  countIf(e.type = 'comment' AND e.author = 'viewer'),
  sumIf(e.like_count, e.type = 'like'),
  CAST(sumMapIf([toString(e.stamp)], [toUInt64(e.like_count)], e.type = 'like'), 'Map(String, UInt64)'),
  countIf(e.type = 'cart_add'),
  uniqExactIf(e.order_id, e.type = 'purchase'),
  arraySum(maxMapIf([e.order_id], [e.amount], e.type = 'purchase').2),
  any(b.version)
FROM events AS e FINAL
INNER JOIN bounds AS b ON b.session_id = e.session_id
WHERE e.brand_id = {brandId:String} AND e.session_id IN {sessionIds:Array(String)}
  AND e.occurred_at >= b.started_at
  AND e.occurred_at <= coalesce(b.ended_at, b.last_event_at)
GROUP BY e.session_id, minute`;

const FIRST_SESSION_SQL = `
INSERT INTO viewer_first_session (brand_id, viewer_id, first_started_at)
SELECT brand_id, viewer_id, min(started_at)
FROM session_viewers
WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
  AND has(arrayZip({ids:Array(String)}, {versions:Array(UInt64)}), (session_id, version))
GROUP BY brand_id, viewer_id`;

const STATS_SQL = `
INSERT INTO session_stats
WITH ${BOUNDS},
dims AS (
  SELECT d.1 AS session_id, d.2 AS commercer_id, d.3 AS commercer_name, d.4 AS commercer_kind, d.5 AS title, d.6 AS platform, d.7 AS currency
  FROM (
    SELECT arrayJoin(arrayZip({ids:Array(String)}, {commercerIds:Array(String)}, {commercerNames:Array(String)}, {commercerKinds:Array(String)},
                              {titles:Array(String)}, {platforms:Array(String)}, {currencies:Array(String)})) AS d
  )
),
viewers AS (
  SELECT
    v.session_id AS session_id,
    count() AS unique_viewers,
    sum(v.watch_seconds) AS total_watch_seconds,
    sum(v.comments) AS comments,
    countIf(v.comments > 0) AS commenters,
    sum(v.likes) AS likes,
    countIf(v.likes > 0) AS likers,
    countIf(v.comments > 0 OR v.likes > 0 OR v.cart_adds > 0 OR v.orders > 0) AS engaged_viewers,
    sum(v.cart_adds) AS cart_adds,
    countIf(v.cart_adds > 0) AS cart_adders,
    countIf(v.cart_adds > 0 AND v.orders > 0) AS cart_buyers,
    sum(v.orders) AS orders,
    countIf(v.orders > 0) AS buyers,
    sum(v.revenue) AS revenue,
    countIf(v.first_seen_at > v.started_at + INTERVAL 600 SECOND) AS late_joiners
  FROM session_viewers AS v
  WHERE v.brand_id = {brandId:String} AND v.session_id IN {sessionIds:Array(String)}
    AND has(arrayZip({ids:Array(String)}, {versions:Array(UInt64)}), (v.session_id, v.version))
  GROUP BY v.session_id
),
minute_totals AS (
  SELECT session_id, max(watching) AS peak, sum(watching) AS watching_sum
  FROM session_minutes
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
    AND has(arrayZip({ids:Array(String)}, {versions:Array(UInt64)}), (session_id, version))
  GROUP BY session_id
),
viewer_comments AS (
  SELECT session_id, event_id, occurred_at
  FROM events FINAL
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)} AND type = 'comment' AND author = 'viewer'
),
host_replies AS (
  SELECT session_id, reply_to, occurred_at
  FROM events FINAL
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)} AND type = 'comment' AND author = 'host'
    AND reply_to != ''
),
answers AS (
  -- each answered viewer comment once, with its earliest answer
  SELECT c.session_id AS session_id, c.event_id AS event_id,
         min(toUnixTimestamp64Milli(h.occurred_at) - toUnixTimestamp64Milli(c.occurred_at)) / 1000 AS delay
  FROM viewer_comments AS c
  INNER JOIN host_replies AS h ON h.session_id = c.session_id AND h.reply_to = c.event_id
  WHERE h.occurred_at >= c.occurred_at AND h.occurred_at <= c.occurred_at + INTERVAL 120 SECOND
  GROUP BY c.session_id, c.event_id
),
responses AS (
  SELECT session_id, count() AS answered, quantileExactInclusive(0.5)(delay) AS median_delay
  FROM answers
  GROUP BY session_id
)
SELECT
  {brandId:String} AS brand_id,
  b.session_id,
  d.commercer_id,
  d.commercer_name,
  d.commercer_kind,
  d.title,
  d.platform,
  d.currency,
  b.started_at,
  b.ended_at,
  b.last_event_at,
  b.duration_seconds,
  b.minutes,
  v.unique_viewers,
  m.peak,
  m.watching_sum / b.minutes,
  v.total_watch_seconds,
  v.comments,
  v.commenters,
  v.likes,
  v.likers,
  v.engaged_viewers,
  v.cart_adds,
  v.cart_adders,
  v.cart_buyers,
  v.orders,
  v.buyers,
  v.revenue,
  v.late_joiners,
  r.answered,
  if(r.answered > 0, r.median_delay, NULL),
  b.version
FROM bounds AS b
LEFT JOIN dims AS d ON d.session_id = b.session_id
LEFT JOIN viewers AS v ON v.session_id = b.session_id
LEFT JOIN minute_totals AS m ON m.session_id = b.session_id
LEFT JOIN responses AS r ON r.session_id = b.session_id`;

export class RollupRefresher {
  /** This process's rebuilds run one after another (another process's are told apart by their versions). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly gateway: ClickHouseGateway) {}

  /** Rebuilds every rollup of the given sessions of one brand that received events since its last rebuild. */
  refreshSessions(brandId: string, sessionIds: readonly string[]): Promise<void> {
    const ids = [...new Set(sessionIds)];
    if (ids.length === 0) return Promise.resolve();
    const run = this.queue.then(() => this.rebuild(brandId, ids));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebuild(brandId: string, requested: string[]): Promise<void> {
    const read = await this.gateway.query<SessionBoundsRow>(
      SESSIONS_SQL,
      { brandId, sessionIds: requested },
      { tag: 'rollup.sessions', lane: 'maintenance' },
    );
    // A rollup already built from as many events has nothing new to show (e.g. another ingest replica
    // rebuilt the session after the same commit): skipping it saves the work and cannot lose an event.
    const sessions = read.filter((s) => eventsOfRollupVersion(Number(s.current_version)) < Number(s.events));
    if (sessions.length === 0) return;
    const durations = sessions.map(
      (s) => Math.max(0, (Number(s.end_ms) >= 0 ? Number(s.end_ms) : Number(s.last_ms)) - Number(s.start_ms)) / 1000,
    );
    const params = {
      brandId,
      sessionIds: sessions.map((s) => s.session_id),
      ids: sessions.map((s) => s.session_id),
      versions: sessions.map((s) => rollupVersion(Number(s.events))),
      startMs: sessions.map((s) => Number(s.start_ms)),
      endMs: sessions.map((s) => Number(s.end_ms)),
      lastMs: sessions.map((s) => Number(s.last_ms)),
      durations,
      // ceil(duration / 60 s), at least one minute (docs/METRICS-DECISIONS.md)
      minuteCounts: durations.map((d) => Math.max(1, Math.ceil(d / 60))),
      commercerIds: sessions.map((s) => s.commercer_id),
      commercerNames: sessions.map((s) => s.commercer_name),
      commercerKinds: sessions.map((s) => s.commercer_kind),
      titles: sessions.map((s) => s.title),
      platforms: sessions.map((s) => s.platform),
      currencies: sessions.map((s) => s.currency),
    };
    await this.gateway.command(VIEWERS_SQL, params, { tag: 'rollup.viewers', lane: 'maintenance' });
    await this.gateway.command(MINUTES_SQL, params, { tag: 'rollup.minutes', lane: 'maintenance' });
    await this.gateway.command(FIRST_SESSION_SQL, params, { tag: 'rollup.first_session', lane: 'maintenance' });
    // session_stats last: its version is what readers follow, so it must point at complete rows.
    await this.gateway.command(STATS_SQL, params, { tag: 'rollup.stats', lane: 'maintenance' });
  }
}

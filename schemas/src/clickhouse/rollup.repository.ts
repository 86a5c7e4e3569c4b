import type { ClickHouseGateway } from './clickhouse.gateway.js';

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
 *
 * Definitions follow ../shared/METRICS.md; decisions where it is silent are in
 * docs/METRICS-DECISIONS.md.
 */

/** Session bounds: start, end, duration and the number of minutes of the session. */
const BOUNDS = `
bounds AS (
  SELECT
    session_id,
    if(countIf(type = 'session_start') > 0, minIf(occurred_at, type = 'session_start'), min(occurred_at)) AS started_at,
    if(countIf(type = 'session_end') > 0, maxIf(occurred_at, type = 'session_end'), NULL) AS ended_at,
    max(occurred_at) AS last_event_at,
    greatest(0, toUnixTimestamp64Milli(coalesce(ended_at, last_event_at)) - toUnixTimestamp64Milli(started_at)) / 1000 AS duration_seconds,
    toUInt32(greatest(1, ceil(duration_seconds / 60))) AS minutes
  FROM events FINAL
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
  GROUP BY session_id
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
  {version:UInt64}
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
  {version:UInt64}
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
WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)} AND version = {version:UInt64}
GROUP BY brand_id, viewer_id`;

const STATS_SQL = `
INSERT INTO session_stats
WITH ${BOUNDS},
dims AS (
  SELECT
    session_id,
    argMinIf(commercer_id, occurred_at, type = 'session_start') AS commercer_id,
    argMinIf(commercer_name, occurred_at, type = 'session_start') AS commercer_name,
    argMinIf(commercer_kind, occurred_at, type = 'session_start') AS commercer_kind,
    argMinIf(title, occurred_at, type = 'session_start') AS title,
    argMinIf(platform, occurred_at, type = 'session_start') AS platform,
    argMinIf(currency, occurred_at, currency != '') AS currency
  FROM events FINAL
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
  GROUP BY session_id
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
  WHERE v.brand_id = {brandId:String} AND v.session_id IN {sessionIds:Array(String)} AND v.version = {version:UInt64}
  GROUP BY v.session_id
),
minute_totals AS (
  SELECT session_id, max(watching) AS peak, sum(watching) AS watching_sum
  FROM session_minutes
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)} AND version = {version:UInt64}
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
  {version:UInt64}
FROM bounds AS b
LEFT JOIN dims AS d ON d.session_id = b.session_id
LEFT JOIN viewers AS v ON v.session_id = b.session_id
LEFT JOIN minute_totals AS m ON m.session_id = b.session_id
LEFT JOIN responses AS r ON r.session_id = b.session_id`;

let lastVersion = 0;
/** Strictly increasing across calls in this process, and ahead of earlier processes (wall clock, µs). */
export function nextRollupVersion(): number {
  lastVersion = Math.max(lastVersion + 1, Date.now() * 1000);
  return lastVersion;
}

export class RollupRefresher {
  /** Rebuilds run one after another: a later version must never be computed from older data. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly gateway: ClickHouseGateway) {}

  /** Rebuilds every rollup of the given sessions of one brand. */
  refreshSessions(brandId: string, sessionIds: readonly string[]): Promise<void> {
    const ids = [...new Set(sessionIds)];
    if (ids.length === 0) return Promise.resolve();
    const run = this.queue.then(() => this.rebuild(brandId, ids));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebuild(brandId: string, sessionIds: string[]): Promise<void> {
    const params = { brandId, sessionIds, version: nextRollupVersion() };
    await this.gateway.command(VIEWERS_SQL, params, { tag: 'rollup.viewers' });
    await this.gateway.command(MINUTES_SQL, params, { tag: 'rollup.minutes' });
    await this.gateway.command(FIRST_SESSION_SQL, params, { tag: 'rollup.first_session' });
    // session_stats last: its version is what readers follow, so it must point at complete rows.
    await this.gateway.command(STATS_SQL, params, { tag: 'rollup.stats' });
  }
}

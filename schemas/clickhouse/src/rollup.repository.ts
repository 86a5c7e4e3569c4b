import { WRITES_TRACKED_FROM_MS, type ClickHouseGateway, type QueryParams } from './clickhouse.gateway.js';
import { ROUND_VERSION_PARAMS, atVersions, rollupVersionAt, roundStartOfVersion } from './row-version.js';
import { pinSegments, productPins, type PinEvent, type PinSegment, type ProductPins } from './pin-segments.js';

/**
 * Rebuilds the per-session rollups (session_viewers, session_minutes, session_products,
 * session_pin_segments, session_sources, viewer_first_session, viewer_purchases, session_stats) from
 * `events FINAL` after each commit.
 *
 * Why rebuild instead of insert-time materialized views: a retried delivery repeats an event, and an
 * MV would add it again to every additive KPI. Each round writes every rollup row of a session with
 * one new `version` (`rollupVersionAt`: the engine's clock when the round started); readers take the
 * version recorded in session_stats (written last), so they never mix two rounds, and rows a round
 * no longer produces (e.g. minutes shifted by a late session_start) are ignored.
 *
 * Two ways to build the same rows (docs/ARCHITECTURE.md "A live path that does not grow with the stream"):
 *   - a session that has ended is rebuilt whole from its events, as it always was;
 *   - a live session keeps per viewer and minute rows (live_viewer_minutes) and a round rebuilds
 *     only the minutes that received events since its last round, then sums session_viewers and
 *     session_minutes from those rows — so a round costs the minutes that changed and the audience,
 *     not the whole stream. A test proves both ways give the same rows (rollup-live.spec.ts).
 *
 * Definitions follow ../shared/METRICS.md; decisions where it is silent are in
 * docs/METRICS-DECISIONS.md.
 */

/**
 * METRICS.md `engagedViewers`, for a row of session_viewers: ≥ 1 comment, like, cart add or purchase.
 * The one statement of the rule: the rollups and the API's viewer reads use it.
 */
export const engagedViewer = (alias: string): string =>
  `(${alias}.comments > 0 OR ${alias}.likes > 0 OR ${alias}.cart_adds > 0 OR ${alias}.orders > 0)`;

/**
 * A session's dimensions (from its first session_start), its first currency and its pin and unpin
 * events (for pin-segments.ts; a repeated pin is one tuple): read the same way by a whole rebuild
 * (SESSIONS_SQL) and by a live round (FRAME).
 */
const SESSION_DIMENSIONS = `argMinIf(commercer_id, occurred_at, type = 'session_start') AS commercer_id,
  argMinIf(commercer_name, occurred_at, type = 'session_start') AS commercer_name,
  toString(argMinIf(commercer_kind, occurred_at, type = 'session_start')) AS commercer_kind,
  argMinIf(title, occurred_at, type = 'session_start') AS title,
  toString(argMinIf(platform, occurred_at, type = 'session_start')) AS platform,
  toString(argMinIf(currency, occurred_at, currency != '')) AS currency,
  groupUniqArrayIf((toString(type), product_id, product_name, toUnixTimestamp64Milli(occurred_at), event_id),
                   type IN ('product_pin', 'product_unpin')) AS pins`;

/**
 * Each session's start, end, last event and dimension columns, read once per
 * rebuild; the statements below take them as parameter arrays instead of
 * scanning the events again for them. Also how many distinct events the
 * session has now (its rollup version counts them) and the version its
 * session_stats row already has.
 */
const SESSIONS_SQL = `
SELECT
  session_id,
  count() AS events,
  toUnixTimestamp64Milli(if(countIf(type = 'session_start') > 0, minIf(occurred_at, type = 'session_start'), min(occurred_at))) AS start_ms,
  if(countIf(type = 'session_end') > 0, toUnixTimestamp64Milli(maxIf(occurred_at, type = 'session_end')), -1) AS end_ms,
  toUnixTimestamp64Milli(max(occurred_at)) AS last_ms,
  ${SESSION_DIMENSIONS}
FROM events FINAL
WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
GROUP BY session_id`;

/** Pin and unpin events: [type, productId, productName, epoch ms, eventId]. */
type PinTuple = [PinEvent['type'], string, string, number, string];

/** What a whole rebuild reads of each session (SESSIONS_SQL). */
interface SessionEventsRow {
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
  pins: PinTuple[];
}

/**
 * A session as one round writes it: its frame, dimensions and pins, and how many events a whole
 * rebuild counted (0 on the live path, which does not count them).
 */
interface SessionFrame {
  id: string;
  startMs: number;
  /** -1 while live. */
  endMs: number;
  lastMs: number;
  commercerId: string;
  commercerName: string;
  commercerKind: string;
  title: string;
  platform: string;
  currency: string;
  pins: PinTuple[];
  eventsRead: number;
  /** The earlier round whose viewer rows this round leaves in place (VIEWER_ROWS_FROM); null: it writes them. */
  viewersVersion: number | null;
  /** A live round: the minutes it rebuilds (empty: all) and the rollup it carries the rest from. */
  rebuildMinutes: number[];
  base: { version: number; durationSeconds: number } | null;
}

/**
 * The rare events of each session — start, end, pins, and the carts and sales that carry its
 * currency — read without the rest: a live round's frame, dimensions and pins. The values match
 * SESSIONS_SQL's (the first currency by time is always on one of these types).
 */
const FRAME = `
SELECT
  session_id,
  1 AS in_frame,
  countIf(type = 'session_start') > 0 AS has_start,
  toUnixTimestamp64Milli(minIf(occurred_at, type = 'session_start')) AS start_event_ms,
  countIf(type = 'session_end') > 0 AS has_end,
  -- (no FINAL: a repeat changes no minimum or first value, and repeated pins are one tuple)
  ${SESSION_DIMENSIONS}
FROM rare_events
WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
  AND type IN ('session_start', 'session_end', 'product_pin', 'product_unpin', 'cart_add', 'purchase', 'refund')
GROUP BY session_id`;

interface FrameRow {
  session_id: string;
  in_frame: number | boolean;
  has_start: number | boolean;
  start_event_ms: number;
  has_end: number | boolean;
  commercer_id: string;
  commercer_name: string;
  commercer_kind: string;
  title: string;
  platform: string;
  currency: string;
  pins: PinTuple[];
}

/** The rollup each session has now: the round that wrote it (its version) and the frame it used. */
const BASE = `
SELECT session_id, 1 AS in_base, max(version) AS current_version,
       argMax(toUnixTimestamp64Milli(started_at), version) AS start_ms,
       argMax(toUnixTimestamp64Milli(last_event_at), version) AS last_ms,
       argMax(ended_at IS NOT NULL, version) AS ended,
       argMax(minutes, version) AS minutes,
       argMax(duration_seconds, version) AS duration_seconds,
       argMax(events_read, version) AS events_read,
       argMax(unique_viewers, version) AS unique_viewers,
       argMax(viewers_version, version) AS viewers_version
FROM session_stats
WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
GROUP BY session_id`;

/**
 * When the round that wrote `version` started (row-version.ts's `roundStartOfVersion`, from
 * ROUND_VERSION_PARAMS), less the margin: from then on, events that arrived may be ones it did not see.
 * The margin is `marginMs` for a round that started from `lookBackFromMs` on, else `fixedMarginMs`
 * (RollupRefresher.marginParams).
 */
const sinceRoundOf = (version: string): string => {
  const start = `toInt64({roundEpochMs:Int64} + intDiv(${version} - {roundVersionBase:UInt64}, {roundTieBreaks:UInt64}))`;
  return `${start} - if(${start} >= {lookBackFromMs:Int64}, {marginMs:Int64}, {fixedMarginMs:Int64})`;
};

/**
 * The sessions whose rollup a round wrote (a round version: see row-version.ts), with that rollup's
 * start and the instant from which a round looks for what arrived since: the round's start, less the
 * margin (LIVE_MARGIN_MS).
 */
const ROUNDS = `
rounds AS (
  SELECT session_id, start_ms, ${sinceRoundOf('current_version')} AS since_ms
  FROM (${BASE})
  WHERE current_version >= {roundVersionBase:UInt64}
)`;

/**
 * Per session, its latest snapshot listed in \`table\` (its version as \`versionAs\`, and \`columns\` of it, each
 * taken at that version) and the instant from which events that arrived count against it: its round's start,
 * less the margin; then \`<name>_bounds\`, the constant bounds of the late read below (the earliest such instant
 * and the latest cut), for the sorting key and the index (nothing to read without a snapshot).
 */
const latestSnapshots = (name: string, table: string, versionAs: string, columns: readonly string[]): string => `
${name}_marks AS (
  SELECT session_id, max(version) AS ${versionAs},
         ${columns.map((c) => `argMax(${c}, version) AS ${c}`).join(', ')},
         ${sinceRoundOf('max(version)')} AS since_ms
  FROM ${table}
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)} AND version >= {roundVersionBase:UInt64}
  GROUP BY session_id
),
(SELECT (if(count() = 0, toInt64(4102444800000), min(since_ms)), if(count() = 0, toInt64(0), max(cut_ms))) FROM ${name}_marks)
  AS ${name}_bounds`;

/**
 * Each session's latest viewer prefix (viewer_prefixes: its cut, whether it has viewer rows, product rows or
 * both) and its latest live prefix (live_prefixes: the start it was taken under, its minute and cut).
 */
const PREFIX_MARKS = latestSnapshots('prefix', 'viewer_prefixes', 'prefix_version', ['cut_ms', 'viewers', 'products']);
const LIVE_MARKS = latestSnapshots('live', 'live_prefixes', 'live_version', ['start_ms', 'minute', 'cut_ms']);

/**
 * The events before each session's snapshot cut (in \`<name>_marks\` of latestSnapshots, with its constant
 * \`<name>_bounds\`) that arrived since its round started, less the margin: any makes the snapshot stale (the sorting key's minute and the minmax index
 * on received_at keep this read small).
 */
const lateAgainst = (name: string): string => `
  SELECT e.session_id AS session_id, count() AS late
  FROM events AS e
  INNER JOIN ${name}_marks AS m ON m.session_id = e.session_id
  WHERE e.brand_id = {brandId:String} AND e.session_id IN {sessionIds:Array(String)}
    AND e.received_at >= fromUnixTimestamp64Milli(${name}_bounds.1, 'UTC')
    AND toUnixTimestamp64Milli(e.received_at) >= m.since_ms
    AND e.occurred_at < fromUnixTimestamp64Milli(${name}_bounds.2, 'UTC')
    AND toUnixTimestamp64Milli(e.occurred_at) < m.cut_ms
  GROUP BY e.session_id`;

/**
 * What a round reads before any work, in one statement: the engine's clock when it starts (the
 * round's version; now64() is fixed when the statement starts, before it reads anything), and per
 * session its frame, its base (in_frame / in_base are 0 where the session has none), its number of
 * stored event rows, and — for a session a round rolled up before — what arrived since that round
 * started, less the margin (`ch_*`: the time range of those events, the minutes counted from the
 * rollup's start they fall in, and their viewers; duplicates change none of these, so no FINAL, and
 * the minmax index on received_at skips the rest of the session). Only a session with no round's
 * rollup reads all its events for its first and last instants (`first_ms`, `last_event_ms`); another
 * one's are its rollup's and what arrived since (docs/ARCHITECTURE.md, "One opening statement").
 */
const openSql = (storedRows: string): string => `
WITH ${ROUNDS}, ${PREFIX_MARKS}, ${LIVE_MARKS}
SELECT toUnixTimestamp64Milli(now64(3)) AS now_ms, s.session_id AS session_id,
       f.in_frame AS in_frame, f.has_start AS has_start, f.start_event_ms AS start_event_ms, f.has_end AS has_end,
       f.commercer_id AS commercer_id, f.commercer_name AS commercer_name, f.commercer_kind AS commercer_kind,
       f.title AS title, f.platform AS platform, f.currency AS currency, f.pins AS pins,
       b.in_base AS in_base, b.current_version AS current_version, b.start_ms AS start_ms, b.last_ms AS last_ms,
       b.ended AS ended, b.minutes AS minutes, b.duration_seconds AS duration_seconds, b.events_read AS events_read,
       b.unique_viewers AS unique_viewers, b.viewers_version AS viewers_version, c.events AS events,
       sp.first_ms AS first_ms, sp.last_event_ms AS last_event_ms,
       ch.events AS ch_events, ch.min_ms AS ch_min_ms, ch.max_ms AS ch_max_ms, ch.minutes AS ch_minutes,
       -- enough viewers touched that the round sums every viewer's totals (LIVE_ROWS_ALL_FROM_SHARE); else their ids
       notEmpty(ch.viewers) AND length(ch.viewers) >= {liveRowsAllFromShare:Float64} * greatest(1, b.unique_viewers)
         AS ch_every_viewer,
       if(ch_every_viewer, [], ch.viewers) AS ch_viewers,
       lv.rows AS live_rows, lv.marked AS live_marked,
       pm.prefix_version AS prefix_version, pm.cut_ms AS prefix_cut_ms, pm.viewers AS prefix_viewers,
       pm.products AS prefix_products,
       pl.late AS prefix_late,
       lm.live_version AS live_version, lm.start_ms AS live_start_ms, lm.minute AS live_minute, ll.late AS live_late
FROM (SELECT arrayJoin({sessionIds:Array(String)}) AS session_id) AS s
LEFT JOIN (${FRAME}) AS f ON f.session_id = s.session_id
LEFT JOIN (${BASE}) AS b ON b.session_id = s.session_id
-- the viewer totals the live path keeps under the rollup's start (none from before migration 0022)
LEFT JOIN (
  SELECT session_id, count() AS rows, countIf(viewer_id = '') AS marked
  FROM live_viewer_rows
  WHERE brand_id = {brandId:String} AND (session_id, start_ms) IN (SELECT session_id, start_ms FROM rounds)
  GROUP BY session_id
) AS lv ON lv.session_id = s.session_id
-- the session's stored rows (repeats not yet merged included): which path is cheaper
LEFT JOIN (${storedRows}) AS c ON c.session_id = s.session_id
-- the first and last instants of a session no round rolled up (a repeat shares its twin's)
LEFT JOIN (
  SELECT session_id, toUnixTimestamp64Milli(min(occurred_at)) AS first_ms,
         toUnixTimestamp64Milli(max(occurred_at)) AS last_event_ms
  FROM events
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
    AND session_id NOT IN (SELECT session_id FROM rounds)
  GROUP BY session_id
) AS sp ON sp.session_id = s.session_id
LEFT JOIN (
  SELECT e.session_id AS session_id, count() AS events,
         toUnixTimestamp64Milli(min(e.occurred_at)) AS min_ms,
         toUnixTimestamp64Milli(max(e.occurred_at)) AS max_ms,
         groupUniqArray(toInt32(if(toUnixTimestamp64Milli(e.occurred_at) < r.start_ms, -1,
                                   intDiv(toUnixTimestamp64Milli(e.occurred_at) - r.start_ms, 60000)))) AS minutes,
         groupUniqArrayIf(e.viewer_id, e.viewer_id != '') AS viewers
  FROM events AS e
  INNER JOIN rounds AS r ON r.session_id = e.session_id
  WHERE e.brand_id = {brandId:String} AND e.session_id IN (SELECT session_id FROM rounds)
    -- a constant bound for the index (none to read when no session has a round's rollup), then each session's own
    AND e.received_at >= fromUnixTimestamp64Milli((SELECT if(count() = 0, toInt64(4102444800000), min(since_ms)) FROM rounds), 'UTC')
    AND toUnixTimestamp64Milli(e.received_at) >= r.since_ms
  GROUP BY e.session_id
) AS ch ON ch.session_id = s.session_id
LEFT JOIN prefix_marks AS pm ON pm.session_id = s.session_id
-- the events before a snapshot's cut that arrived since its round started, less the margin
LEFT JOIN (${lateAgainst('prefix')}) AS pl ON pl.session_id = s.session_id
LEFT JOIN live_marks AS lm ON lm.session_id = s.session_id
LEFT JOIN (${lateAgainst('live')}) AS ll ON ll.session_id = s.session_id
SETTINGS join_use_nulls = 0`;

/**
 * A session whose last count here reached this many stored rows is counted on its own in the next round:
 * `count()` of one session is answered from the primary key's exact ranges (`_exact_count_projection`,
 * reading only the granules at the session's two ends), where a count grouped by session reads the key
 * of every row — 56 against 8 ms at 10 M events. Each scalar count costs the statement ~4 ms of analysis
 * and planning, so small sessions stay in the grouped count (eight of 10 000 events each counted one by
 * one made the opening statement 1.2–1.4 × slower; BENCHMARKS.md, eighteenth session).
 */
const STORED_ROWS_ONE_BY_ONE_FROM = 500_000;
/** At most this many sessions of a round are counted one by one (the largest ones). */
const STORED_ROWS_ONE_BY_ONE = 8;

/**
 * The stored rows of the round's sessions (repeats not yet merged included): `count` of them each by a
 * scalar count of its own (`storedSession<i>`), the others (`groupedSessions`) by one count grouped by session.
 */
const storedRows = (count: number): string =>
  [
    ...Array.from(
      { length: count },
      (_, i) =>
        `SELECT {storedSession${i}:String} AS session_id,
         (SELECT count() FROM events WHERE brand_id = {brandId:String} AND session_id = {storedSession${i}:String}) AS events`,
    ),
    `SELECT session_id, count() AS events
  FROM events
  WHERE brand_id = {brandId:String} AND session_id IN {groupedSessions:Array(String)}
  GROUP BY session_id`,
  ].join('\n  UNION ALL\n  ');

/** How many sessions' counts a refresher remembers (RollupRefresher.storedRowsSeen). */
const STORED_ROWS_SEEN_MAX = 100_000;

/** The opening statement with 0 … STORED_ROWS_ONE_BY_ONE sessions counted one by one (the index). */
const OPEN_SQL = Array.from({ length: STORED_ROWS_ONE_BY_ONE + 1 }, (_, count) => openSql(storedRows(count)));

interface BaseRow {
  session_id: string;
  in_base: number | boolean;
  current_version: number;
  start_ms: number;
  last_ms: number;
  ended: number | boolean;
  minutes: number;
  duration_seconds: number;
  events_read: number;
  unique_viewers: number;
  /** The round whose viewer rows its stats point at (= current_version unless that round deferred them). */
  viewers_version: number;
}

type OpenRow = FrameRow &
  BaseRow & {
    now_ms: number;
    events: number;
    first_ms: number;
    last_event_ms: number;
    ch_events: number;
    ch_min_ms: number;
    ch_max_ms: number;
    ch_minutes: number[];
    /** Whether the events since came from enough viewers that the round sums every viewer's totals; else their ids. */
    ch_every_viewer: number | boolean;
    ch_viewers: string[];
    live_rows: number;
    /** Whether a live round took a viewer totals snapshot of the session under the rollup's start (its marker row). */
    live_marked: number;
    /**
     * The session's latest prefix (0: none), its cut, whether it has viewer rows (1; 0 when a live round
     * took product rows alone), whether it has product rows (1; 0 when taken before migration 0024), and
     * the events before the cut that arrived since.
     */
    prefix_version: number;
    prefix_cut_ms: number;
    prefix_viewers: number;
    prefix_products: number;
    prefix_late: number;
    /**
     * The session's latest live prefix (0: none): the start it was taken under, its minute, and the events
     * before its cut that arrived since.
     */
    live_version: number;
    live_start_ms: number;
    live_minute: number;
    live_late: number;
  };

/** What arrived in a session since its last round started, less the margin (the opening statement's `ch_*`). */
interface ChangesRow {
  min_ms: number;
  max_ms: number;
  minutes: number[];
  /** Whether the round sums every viewer's totals (LIVE_ROWS_ALL_FROM_SHARE); else the viewers those events came from. */
  everyViewer: boolean;
  viewers: string[];
}

/** Session bounds from the parameter arrays: start, end, duration, the number of minutes and the rollup version. */
const BOUNDS = `
bounds AS (
  SELECT
    b.1 AS session_id,
    b.2 AS start_ms,
    fromUnixTimestamp64Milli(b.2, 'UTC') AS started_at,
    if(b.3 < 0, NULL, fromUnixTimestamp64Milli(b.3, 'UTC')) AS ended_at,
    fromUnixTimestamp64Milli(b.4, 'UTC') AS last_event_at,
    b.5 AS duration_seconds,
    b.6 AS minutes,
    b.7 AS version,
    b.8 AS events_read,
    -- the minutes a live round rebuilds (empty: all of them) and the rollup it carries the rest from (0: none)
    b.9 AS rebuild_minutes,
    b.10 AS base_version,
    b.11 AS base_duration,
    -- the round whose viewer rows the stats point at: this one, or an earlier one when it defers them
    b.12 AS viewers_version
  FROM (
    SELECT arrayJoin(arrayZip({ids:Array(String)}, {startMs:Array(Int64)}, {endMs:Array(Int64)}, {lastMs:Array(Int64)},
                              {durations:Array(Float64)}, {minuteCounts:Array(UInt32)}, {versions:Array(UInt64)},
                              {eventsRead:Array(UInt64)}, {rebuildMinutes:Array(Array(UInt32))},
                              {baseVersions:Array(UInt64)}, {baseDurations:Array(Float64)},
                              {viewersVersions:Array(UInt64)})) AS b
  )
)`;

/**
 * Two slots per rollup key (migration 0025; docs/ARCHITECTURE.md, "Two slots per rollup key"): the
 * slot the new rows of `table` take, per session of the round — the one its rows at the pointer of its
 * latest stats row (`pointer`: version, or viewers_version for the viewer rows) do not use, so a merge
 * never collapses the rows readers follow into the new ones before the stats row moves. As a map
 * session → slot; `slotOf` looks one up (a session with no rows there takes slot 0, the map's default).
 * A map, not two arrays searched with `indexOf` for every row written: 9.5 against 33 ms over 40 000 rows
 * of 200 sessions (BENCHMARKS.md, twenty-sixth session).
 */
const nextSlots = (table: string, pointer: 'version' | 'viewers_version'): string => `
(SELECT mapFromArrays(groupArray(session_id), groupArray(toUInt8(1 - slot))) FROM (
  SELECT t.session_id AS session_id, any(t.slot) AS slot
  FROM ${table} AS t
  WHERE t.brand_id = {brandId:String} AND t.session_id IN {sessionIds:Array(String)}
    AND (t.session_id, t.version) IN (
      SELECT session_id, argMax(${pointer}, version) FROM session_stats
      WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
      GROUP BY session_id)
  GROUP BY t.session_id)) AS next_slots`;
const slotOf = (sessionId: string): string => `next_slots[${sessionId}]`;
const VIEWER_SLOTS = nextSlots('session_viewers', 'viewers_version');
/**
 * The rollup tables keyed with a slot (migration 0025), whose earlier rounds an ended session removes
 * (viewer_purchases is written in slot 0 only, read FINAL; its earlier rounds go all the same).
 */
const SLOTTED_TABLES = [
  'session_minutes',
  'session_products',
  'session_pin_segments',
  'session_viewers',
  'session_sources',
  'viewer_purchases',
] as const;

/**
 * Each viewer's row of the sessions in `bounds`, from their events: what session_viewers holds, with its
 * column names (the stats of a round that defers its viewer rows read it in place of the table).
 */
const VIEWERS_FROM_EVENTS = `
SELECT
  {brandId:String} AS brand_id,
  e.session_id AS session_id,
  e.viewer_id AS viewer_id,
  any(b.started_at) AS started_at,
  min(e.occurred_at) AS first_seen_at,
  maxIf(e.occurred_at, e.type != 'leave') AS last_active_at,
  least(toFloat64(sumIf(e.seconds, e.type = 'dwell')), any(b.duration_seconds)) AS watch_seconds,
  countIf(e.type = 'comment' AND e.author = 'viewer') AS comments,
  sumIf(e.like_count, e.type = 'like') AS likes,
  countIf(e.type = 'cart_add') AS cart_adds,
  uniqExactIf(e.order_id, e.type = 'purchase') AS orders,
  -- an order counts once even if its purchase arrived under two event ids
  arraySum(maxMapIf([e.order_id], [e.amount], e.type = 'purchase').2) AS revenue,
  countIf(e.type = 'follow') AS follows,
  countIf(e.type = 'share') AS shares,
  countIf(e.type = 'product_click') AS product_clicks,
  argMinIf(e.source, e.occurred_at, e.type = 'join') AS join_source,
  any(b.version) AS version
FROM events AS e FINAL
INNER JOIN bounds AS b ON b.session_id = e.session_id
WHERE e.brand_id = {brandId:String} AND e.session_id IN {sessionIds:Array(String)} AND e.viewer_id != ''
GROUP BY e.session_id, e.viewer_id`;

const VIEWERS_SQL = `
INSERT INTO session_viewers
  (brand_id, session_id, viewer_id, started_at, first_seen_at, last_active_at, watch_seconds, comments, likes, cart_adds,
   orders, revenue, follows, shares, product_clicks, join_source, version, slot)
WITH ${BOUNDS}, ${VIEWER_SLOTS}
SELECT v.*, ${slotOf('v.session_id')} FROM (${VIEWERS_FROM_EVENTS}) AS v`;

const MINUTE_COLUMNS = `(brand_id, session_id, minute, watching, comments, likes, likes_by_stamp, cart_adds, orders, revenue, version, slot)`;

/**
 * One minute's numbers from its events \`e\` (read FINAL), in session_minutes' column order: what a round
 * writes, and what the API reads of a live session's newest minutes between rounds (LiveRepository.recentMinutesOf),
 * so the two cannot count differently.
 */
const MINUTE_EXPRESSIONS = {
  watching: `uniqExactIf(e.viewer_id, e.viewer_id != '' AND e.type != 'leave')`,
  comments: `countIf(e.type = 'comment' AND e.author = 'viewer')`,
  likes: `sumIf(e.like_count, e.type = 'like')`,
  likes_by_stamp: `CAST(sumMapIf([toString(e.stamp)], [toUInt64(e.like_count)], e.type = 'like'), 'Map(String, UInt64)')`,
  cart_adds: `countIf(e.type = 'cart_add')`,
  orders: `uniqExactIf(e.order_id, e.type = 'purchase')`,
  revenue: `arraySum(maxMapIf([e.order_id], [e.amount], e.type = 'purchase').2)`,
} as const;
const minuteAggregates = (names: readonly (keyof typeof MINUTE_EXPRESSIONS)[]) =>
  `\n  ${names.map((name) => `${MINUTE_EXPRESSIONS[name]} AS ${name}`).join(',\n  ')}`;
export const MINUTE_AGGREGATES = minuteAggregates(
  Object.keys(MINUTE_EXPRESSIONS) as (keyof typeof MINUTE_EXPRESSIONS)[],
);
/**
 * The counts of MINUTE_AGGREGATES alone (comments, likes, cart adds), by the same expressions: what a
 * reading of a live session's counters needs, without the per-viewer and per-order sets (a page's likes
 * between rounds, LiveRepository.recentMinutesOf).
 */
export const MINUTE_COUNTS = minuteAggregates(['comments', 'likes', 'cart_adds']);

/**
 * Each minute of the sessions in \`bounds\` from its events, those the \`minutes\` condition keeps (on \`minute\`;
 * \`join\` may bring what it reads), reading from \`fromMs\` on (the coarse bound lets the sorting key skip the rest).
 */
const minutesFromEvents = (minutes: string, fromMs: string, join = ''): string => `
SELECT
  {brandId:String},
  e.session_id,
  -- an event at the very end instant belongs to the last minute
  toUInt32(least(intDiv(toUnixTimestamp64Milli(e.occurred_at) - toUnixTimestamp64Milli(b.started_at), 60000), b.minutes - 1)) AS minute,
  ${MINUTE_AGGREGATES},
  any(b.version),
  ${slotOf('e.session_id')}
FROM events AS e FINAL
INNER JOIN bounds AS b ON b.session_id = e.session_id${join}
WHERE e.brand_id = {brandId:String} AND e.session_id IN {sessionIds:Array(String)}
  AND e.occurred_at >= b.started_at
  AND e.occurred_at <= coalesce(b.ended_at, b.last_event_at)
  AND e.occurred_at >= fromUnixTimestamp64Milli(${fromMs}, 'UTC')
  AND ${minutes}
GROUP BY e.session_id, minute`;

/** Each minute of the sessions in \`bounds\` from its events (a live round: only its rebuild_minutes). */
const MINUTES_FROM_EVENTS = minutesFromEvents(
  '(empty(b.rebuild_minutes) OR has(b.rebuild_minutes, minute))',
  '{fromMs:Int64}',
);

const MINUTE_SLOTS = nextSlots('session_minutes', 'version');

const MINUTES_SQL = `
INSERT INTO session_minutes ${MINUTE_COLUMNS}
WITH ${BOUNDS}, ${MINUTE_SLOTS}
${MINUTES_FROM_EVENTS}`;

/** The minutes a live round does not rebuild, carried over unchanged from the rollup it starts from. */
const MINUTES_CARRIED = `
SELECT m.brand_id, m.session_id, m.minute, m.watching, m.comments, m.likes, m.likes_by_stamp, m.cart_adds, m.orders,
       m.revenue, b.version, ${slotOf('m.session_id')}
FROM session_minutes AS m
INNER JOIN bounds AS b ON b.session_id = m.session_id
WHERE m.brand_id = {brandId:String} AND m.session_id IN {sessionIds:Array(String)}
  AND b.base_version > 0 AND m.version = b.base_version AND NOT has(b.rebuild_minutes, m.minute)`;

/**
 * A live round's minutes: those it rebuilds from their events, and the others carried over unchanged
 * from the rollup it starts from, in one statement.
 */
const MINUTES_LIVE_SQL = `
INSERT INTO session_minutes ${MINUTE_COLUMNS}
WITH ${BOUNDS}, ${MINUTE_SLOTS}
SELECT * FROM (
${MINUTES_FROM_EVENTS}
UNION ALL
${MINUTES_CARRIED}
)`;

/**
 * The minutes a live round rebuilds, split by where each is summed from (per session, in `ids` order):
 * `from_rows`, the minutes whose every viewer-minute row this round wrote (VIEWER_MINUTES_SQL), and
 * `from_events`, the rest.
 */
const MINUTE_SOURCES = `
minute_sources AS (
  SELECT s.1 AS session_id, s.2 AS from_rows, s.3 AS from_events
  FROM (SELECT arrayJoin(arrayZip({ids:Array(String)}, {rowsMinutes:Array(Array(Int32))},
                                  {eventsMinutes:Array(Array(UInt32))})) AS s)
)`;

/**
 * A minute's numbers from this round's viewer-minute rows of it (\`m\`: one per viewer with events in the
 * minute, and viewer '' for the events without one), in session_minutes' column order — what
 * MINUTE_AGGREGATES counts of the same events: a viewer watches when their row is active, an order counts
 * once across viewers at its largest amount, and the rest are sums.
 */
const MINUTE_FROM_VIEWER_MINUTES = `
  countIf(m.viewer_id != '' AND m.active = 1) AS watching,
  sum(m.comments) AS comments,
  sum(m.likes) AS likes,
  CAST(sumMap(CAST(mapKeys(m.likes_by_stamp), 'Array(String)'), mapValues(m.likes_by_stamp)), 'Map(String, UInt64)') AS likes_by_stamp,
  sum(m.cart_adds) AS cart_adds,
  length(groupUniqArrayArray(m.order_ids)) AS orders,
  arraySum(maxMap(mapKeys(m.order_amounts), mapValues(m.order_amounts)).2) AS revenue`;

/**
 * A live round's minutes (rebuildLive): those whose viewer-minute rows the round just wrote summed from
 * those rows, any other it rebuilds from its events (\`withEvents\`; the clamped last minute, or a round
 * with nothing new), and the rest carried over from the rollup it starts from. Reading a minute's events
 * twice (once per viewer, once per minute) cost as much as the viewer-minute rows themselves at a
 * million events a minute (BENCHMARKS.md, twenty-fourth session). This round's rows are those of its
 * version, read without FINAL (which would merge every row of the session's rebuilt minutes with the
 * earlier rounds' rows); \`LIMIT 1 BY\` the key keeps one if a statement retried after a lost connection wrote
 * them twice.
 */
const minutesLiveFromRowsSql = (withEvents: boolean): string => `
INSERT INTO session_minutes ${MINUTE_COLUMNS}
WITH ${BOUNDS}, ${MINUTE_SLOTS}, ${MINUTE_SOURCES}
SELECT * FROM (
SELECT {brandId:String}, m.session_id, toUInt32(m.minute) AS minute, ${MINUTE_FROM_VIEWER_MINUTES},
       any(b.version), ${slotOf('m.session_id')}
FROM (
  SELECT session_id, start_ms, viewer_id, minute, active, comments, likes, likes_by_stamp, cart_adds, order_ids, order_amounts
  FROM live_viewer_minutes
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)} AND start_ms IN {startMs:Array(Int64)}
    -- a constant bound for the sorting key (minute first): the earliest minute any session sums from rows
    AND version = {version:UInt64} AND minute >= {rowsFromMinute:Int32}
  LIMIT 1 BY session_id, start_ms, viewer_id, minute
) AS m
INNER JOIN bounds AS b ON b.session_id = m.session_id AND b.start_ms = m.start_ms
INNER JOIN minute_sources AS ms ON ms.session_id = m.session_id
WHERE has(ms.from_rows, m.minute)
GROUP BY m.session_id, m.minute
${
  withEvents
    ? `UNION ALL
${minutesFromEvents('has(ms.from_events, minute)', '{eventsFromMs:Int64}', '\nINNER JOIN minute_sources AS ms ON ms.session_id = e.session_id')}`
    : ''
}
UNION ALL
${MINUTES_CARRIED}
)`;

/**
 * A viewer's aggregates of some of its events (`e`, FINAL), in a form two parts of the events can be
 * merged from (each order's largest amount, the first join): a viewer-minute row's (VIEWER_MINUTES_SQL)
 * and a viewer prefix's (PREFIX_ROWS_SQL, VIEWERS_FROM_PREFIX).
 */
const VIEWER_AGGREGATES = `
  min(e.occurred_at) AS first_seen_at,
  maxIf(e.occurred_at, e.type != 'leave') AS last_active_at,
  sumIf(e.seconds, e.type = 'dwell') AS dwell_seconds,
  countIf(e.type = 'comment' AND e.author = 'viewer') AS comments,
  sumIf(e.like_count, e.type = 'like') AS likes,
  countIf(e.type = 'cart_add') AS cart_adds,
  CAST(maxMapIf([e.order_id], [e.amount], e.type = 'purchase'), 'Map(String, Decimal(18, 4))') AS order_amounts,
  countIf(e.type = 'follow') AS follows,
  countIf(e.type = 'share') AS shares,
  countIf(e.type = 'product_click') AS product_clicks,
  countIf(e.type = 'join') AS joins,
  minIf(e.occurred_at, e.type = 'join') AS first_join_at,
  argMinIf(e.source, e.occurred_at, e.type = 'join') AS join_source`;

/**
 * A live round's per viewer and minute rows (migration 0016), for the minutes it rebuilds
 * (`touched`, per session; empty: every minute). Minutes count from the session's start, -1 before
 * it; viewer '' takes the events without a viewer. Each row is what VIEWERS_SQL and MINUTES_SQL
 * would aggregate of that viewer's events in that minute.
 */
const VIEWER_MINUTES_SQL = `
INSERT INTO live_viewer_minutes
  (brand_id, session_id, start_ms, viewer_id, minute, first_seen_at, last_active_at, dwell_seconds, comments, likes,
   cart_adds, order_amounts, follows, shares, product_clicks, joins, first_join_at, join_source, active,
   likes_by_stamp, order_ids, version)
WITH frames AS (
  SELECT f.1 AS session_id, f.2 AS start_ms, f.3 AS touched
  FROM (SELECT arrayJoin(arrayZip({ids:Array(String)}, {startMs:Array(Int64)}, {touched:Array(Array(Int32))})) AS f)
)
SELECT
  {brandId:String},
  e.session_id,
  any(fr.start_ms),
  e.viewer_id,
  toInt32(if(toUnixTimestamp64Milli(e.occurred_at) < fr.start_ms, -1,
             intDiv(toUnixTimestamp64Milli(e.occurred_at) - fr.start_ms, 60000))) AS minute_index,
  ${VIEWER_AGGREGATES},
  countIf(e.type != 'leave') > 0,
  CAST(sumMapIf([toString(e.stamp)], [toUInt64(e.like_count)], e.type = 'like'), 'Map(String, UInt64)'),
  groupUniqArrayIf(e.order_id, e.type = 'purchase'),
  {version:UInt64}
FROM events AS e FINAL
INNER JOIN frames AS fr ON fr.session_id = e.session_id
WHERE e.brand_id = {brandId:String} AND e.session_id IN {sessionIds:Array(String)}
  AND e.occurred_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND (empty(fr.touched) OR has(fr.touched, minute_index))
GROUP BY e.session_id, e.viewer_id, minute_index`;

/** The viewers a live round recomputes: those with events since its last round, given per session. */
const TOUCHED_VIEWERS = `
touched AS (
  SELECT t.1 AS session_id, t.2 AS viewer_id
  FROM (SELECT arrayJoin(arrayZip({touchedSessions:Array(String)}, {touchedViewers:Array(String)})) AS t)
)`;

const VIEWER_COLUMNS = `(brand_id, session_id, viewer_id, started_at, first_seen_at, last_active_at, watch_seconds, comments, likes,
   cart_adds, orders, revenue, follows, shares, product_clicks, join_source, version, slot)`;

const LIVE_ROW_COLUMNS = `(brand_id, session_id, start_ms, viewer_id, first_seen_at, last_active_at, dwell_seconds, comments,
   likes, cart_adds, orders, revenue, follows, shares, product_clicks, join_source, version)`;

/** Each viewer's totals so far (live_viewer_rows' columns), summed from their viewer-minute rows. */
const LIVE_ROWS_FROM_MINUTES = `
SELECT
  {brandId:String},
  m.session_id,
  m.start_ms,
  m.viewer_id,
  min(m.first_seen_at),
  max(m.last_active_at),
  sum(m.dwell_seconds),
  sum(m.comments),
  sum(m.likes),
  sum(m.cart_adds),
  length(groupUniqArrayArray(m.order_ids)),
  arraySum(maxMap(mapKeys(m.order_amounts), mapValues(m.order_amounts)).2),
  sum(m.follows),
  sum(m.shares),
  sum(m.product_clicks),
  argMinIf(m.join_source, m.first_join_at, m.joins > 0),
  any(b.version)
FROM live_viewer_minutes AS m FINAL
INNER JOIN bounds AS b ON b.session_id = m.session_id AND b.start_ms = m.start_ms
-- start_ms in the WHERE as well, so the sorting key (… start_ms, viewer_id, minute) narrows by viewer
WHERE m.brand_id = {brandId:String} AND m.session_id IN {sessionIds:Array(String)} AND m.start_ms IN {startMs:Array(Int64)}
  AND m.viewer_id != ''`;

/** A live session rolled up in all its minutes: every viewer's totals. */
const LIVE_ROWS_ALL_SQL = `
INSERT INTO live_viewer_rows ${LIVE_ROW_COLUMNS}
WITH ${BOUNDS}
${LIVE_ROWS_FROM_MINUTES}
GROUP BY m.session_id, m.start_ms, m.viewer_id`;

/**
 * A live round's viewers with events since its last round: their totals summed again from their
 * minute rows (the sorting key starts with the viewer, so only the granules holding theirs are read —
 * most of the table when thousands of viewers spread over it are touched). Every other viewer's
 * latest row is still exact (docs/ARCHITECTURE.md, "Viewer totals kept by the live path").
 */
const LIVE_ROWS_TOUCHED_SQL = `
INSERT INTO live_viewer_rows ${LIVE_ROW_COLUMNS}
WITH ${BOUNDS}, ${TOUCHED_VIEWERS}
${LIVE_ROWS_FROM_MINUTES}
  AND m.viewer_id IN (SELECT viewer_id FROM touched)
  AND (m.session_id, m.viewer_id) IN (SELECT session_id, viewer_id FROM touched)
GROUP BY m.session_id, m.start_ms, m.viewer_id`;

/**
 * Viewer totals snapshots on the live path (docs/ARCHITECTURE.md, "Viewer totals snapshots on the live
 * path"), given per session: its start, the snapshot read (`prefix_version`; 0: none) and the minutes of
 * viewer-minute rows summed on top of it, from `from_minute` up to `to_minute` (not included).
 */
const LIVE_SPANS = `
spans AS (
  SELECT p.1 AS session_id, p.2 AS start_ms, p.3 AS prefix_version, p.4 AS from_minute, p.5 AS to_minute
  FROM (SELECT arrayJoin(arrayZip({spanSessions:Array(String)}, {spanStarts:Array(Int64)}, {spanVersions:Array(UInt64)},
                                  {spanFrom:Array(Int32)}, {spanTo:Array(Int32)})) AS p)
)`;

/** A snapshot row's columns (viewer_prefix_rows and live_prefix_rows alike), from `p`, named as the table names them. */
const SNAPSHOT_ROW_COLUMNS = `p.session_id AS session_id, p.viewer_id AS viewer_id, p.first_seen_at AS first_seen_at,
           p.last_active_at AS last_active_at, p.dwell_seconds AS dwell_seconds, p.comments AS comments, p.likes AS likes,
           p.cart_adds AS cart_adds, p.order_amounts AS order_amounts, p.follows AS follows, p.shares AS shares,
           p.product_clicks AS product_clicks, p.joins AS joins, p.first_join_at AS first_join_at,
           p.join_source AS join_source`;

/**
 * The snapshot rows (as `p`) of `table` at the versions `listed` names per session (its `prefix_version`),
 * narrowed by the parameters `<param>Sessions` and `<param>Versions` for the sorting key.
 */
const snapshotRows = (table: string, listed: string, param: string): string => `(
    SELECT ${SNAPSHOT_ROW_COLUMNS}
    FROM ${table} AS p
    INNER JOIN ${listed} AS l ON l.session_id = p.session_id AND l.prefix_version = p.version
    WHERE p.brand_id = {brandId:String} AND p.session_id IN {${param}Sessions:Array(String)}
      AND p.version IN {${param}Versions:Array(UInt64)}
  ) AS p`;

/**
 * Each viewer's snapshot row of `spans` (p), fully joined by viewer with the sums of its viewer-minute
 * rows in the span's minutes (t). The rows are sorted minute first (migration 0027), so the span's minutes are read, not the
 * stream's. A side a viewer is missing from holds the columns' defaults (`join_use_nulls = 0`).
 */
const SNAPSHOT_JOINED_WITH_MINUTES = `
  FROM ${snapshotRows('live_prefix_rows', 'spans', 'span')}
  FULL JOIN (
    SELECT m.session_id AS session_id, m.viewer_id AS viewer_id,
           min(m.first_seen_at) AS first_seen_at,
           max(m.last_active_at) AS last_active_at,
           sum(m.dwell_seconds) AS dwell_seconds,
           sum(m.comments) AS comments,
           sum(m.likes) AS likes,
           sum(m.cart_adds) AS cart_adds,
           CAST(maxMap(mapKeys(m.order_amounts), mapValues(m.order_amounts)), 'Map(String, Decimal(18, 4))') AS order_amounts,
           sum(m.follows) AS follows,
           sum(m.shares) AS shares,
           sum(m.product_clicks) AS product_clicks,
           sum(m.joins) AS joins,
           -- a minute without a join holds 1970 and no source
           minIf(m.first_join_at, m.joins > 0) AS first_join_at,
           argMinIf(m.join_source, m.first_join_at, m.joins > 0) AS join_source
    FROM live_viewer_minutes AS m FINAL
    INNER JOIN spans AS sp ON sp.session_id = m.session_id AND sp.start_ms = m.start_ms
    WHERE m.brand_id = {brandId:String} AND m.session_id IN {spanSessions:Array(String)}
      AND m.start_ms IN {spanStarts:Array(Int64)} AND m.viewer_id != ''
      -- constant bounds for the sorting key, then each session's own span
      AND m.minute >= {spanFromMin:Int32} AND m.minute < {spanToMax:Int32}
      AND m.minute >= sp.from_minute AND m.minute < sp.to_minute
    GROUP BY m.session_id, m.viewer_id
  ) AS t ON t.session_id = p.session_id AND t.viewer_id = p.viewer_id`;

/**
 * The merge of a viewer's snapshot row (p) and its aggregates after the snapshot's cut (t), on either
 * path (a viewer prefix and its events, a live prefix and its minute rows): everything the snapshot holds
 * precedes everything after its cut, so the first activity and the first join are the snapshot's whenever
 * it has them; sums add up, the last activity is the later one, each order keeps its largest amount
 * (an order's purchases may lie on both sides). The columns of a snapshot row, in their order.
 */
const MERGED_WITH_SNAPSHOT = `
  if(p.viewer_id != '', p.session_id, t.session_id) AS session_id,
  if(p.viewer_id != '', p.viewer_id, t.viewer_id) AS viewer_id,
  if(p.viewer_id != '', p.first_seen_at, t.first_seen_at) AS first_seen_at,
  greatest(p.last_active_at, t.last_active_at) AS last_active_at,
  p.dwell_seconds + t.dwell_seconds AS dwell_seconds,
  p.comments + t.comments AS comments,
  p.likes + t.likes AS likes,
  p.cart_adds + t.cart_adds AS cart_adds,
  multiIf(empty(t.order_amounts), p.order_amounts,
          empty(p.order_amounts), t.order_amounts,
          CAST(arrayReduce('maxMap', [mapKeys(p.order_amounts), mapKeys(t.order_amounts)],
                           [mapValues(p.order_amounts), mapValues(t.order_amounts)]),
               'Map(String, Decimal(18, 4))')) AS order_amounts,
  p.follows + t.follows AS follows,
  p.shares + t.shares AS shares,
  p.product_clicks + t.product_clicks AS product_clicks,
  p.joins + t.joins AS joins,
  if(p.joins > 0, p.first_join_at, t.first_join_at) AS first_join_at,
  if(p.joins > 0, p.join_source, t.join_source) AS join_source`;

/** MERGED_WITH_SNAPSHOT over \`joined\` (a snapshot joined with what follows its cut), as a subquery. */
const mergedWithSnapshot = (joined: string): string =>
  `(SELECT ${MERGED_WITH_SNAPSHOT} ${joined} SETTINGS join_use_nulls = 0)`;

/** A snapshot row from \`x\` (mergedWithSnapshot), of version \`nextVersion\`: the snapshot tables' columns, in their order. */
const SNAPSHOT_ROW_FROM_MERGED = `{brandId:String}, x.session_id, {nextVersion:UInt64}, x.viewer_id, x.first_seen_at,
       x.last_active_at, x.dwell_seconds, x.comments, x.likes, x.cart_adds, x.order_amounts, x.follows, x.shares,
       x.product_clicks, x.joins, x.first_join_at, x.join_source`;

/** A viewer's totals from \`joined\` merged (mergedWithSnapshot), with its orders and revenue from its orders' amounts. */
const totalsFromSnapshot = (joined: string): string => `
  SELECT *, length(mapKeys(order_amounts)) AS orders, arraySum(mapValues(order_amounts)) AS revenue
  FROM ${mergedWithSnapshot(joined)}`;

/**
 * A snapshot per session of `spans`, of version `nextVersion`: each viewer's sums of its viewer-minute
 * rows before `to_minute` — the last snapshot's rows (`prefix_version`, when readable) and the minutes
 * from its minute on, or every minute from -1 (`prefix_version` 0).
 */
const LIVE_PREFIX_ROWS_SQL = `
INSERT INTO live_prefix_rows
  (brand_id, session_id, version, viewer_id, first_seen_at, last_active_at, dwell_seconds, comments, likes, cart_adds,
   order_amounts, follows, shares, product_clicks, joins, first_join_at, join_source)
WITH ${LIVE_SPANS}
SELECT ${SNAPSHOT_ROW_FROM_MERGED}
FROM ${mergedWithSnapshot(SNAPSHOT_JOINED_WITH_MINUTES)} AS x`;

/**
 * A live round that took a viewer totals snapshot marks the session in live_viewer_rows (a row of viewer ''
 * under its start, which no reader of viewers reads): from then on its rounds may keep no per-viewer totals,
 * and a round of it without a snapshot sums every viewer's. The listing of snapshots expires; the mark does not.
 */
const LIVE_PREFIX_MARK_SQL = `
INSERT INTO live_viewer_rows (brand_id, session_id, start_ms, viewer_id, version)
WITH ${LIVE_SPANS}
SELECT {brandId:String}, session_id, start_ms, '', {nextVersion:UInt64} FROM spans`;

/** The snapshots a live round took (`spans`' to_minute), listed once their rows are all written. */
const LIVE_PREFIX_LIST_SQL = `
INSERT INTO live_prefixes (brand_id, session_id, version, start_ms, minute, cut_ms)
WITH ${LIVE_SPANS}
SELECT {brandId:String}, session_id, {nextVersion:UInt64}, start_ms, to_minute, start_ms + 60000 * to_minute FROM spans`;

/**
 * A session_viewers row (its columns, in its order) from a viewer's totals so far (`t`: first and last
 * activity, dwell not capped, counts, orders and revenue, join source) and the round's `b` (bounds): the
 * watch time capped by the round's duration.
 */
const viewerRowFromTotals = (t: string): string => `
  {brandId:String} AS brand_id,
  ${t}.session_id AS session_id,
  ${t}.viewer_id AS viewer_id,
  b.started_at AS started_at,
  ${t}.first_seen_at AS first_seen_at,
  ${t}.last_active_at AS last_active_at,
  least(toFloat64(${t}.dwell_seconds), b.duration_seconds) AS watch_seconds,
  ${t}.comments AS comments,
  ${t}.likes AS likes,
  ${t}.cart_adds AS cart_adds,
  ${t}.orders AS orders,
  ${t}.revenue AS revenue,
  ${t}.follows AS follows,
  ${t}.shares AS shares,
  ${t}.product_clicks AS product_clicks,
  ${t}.join_source AS join_source,
  b.version AS version`;

/**
 * Each viewer's row of the live sessions in `bounds`, from the latest of their live_viewer_rows: what
 * session_viewers holds, with its column names, the watch time capped by this round's duration (the
 * stats of a live round that defers its viewer rows read it in place of the table).
 */
const VIEWERS_FROM_LIVE_ROWS = `
SELECT ${viewerRowFromTotals('l')}
FROM live_viewer_rows AS l FINAL
INNER JOIN bounds AS b ON b.session_id = l.session_id AND b.start_ms = l.start_ms
WHERE l.brand_id = {brandId:String} AND l.session_id IN {sessionIds:Array(String)} AND l.start_ms IN {startMs:Array(Int64)}
  AND l.viewer_id != ''`;

/** A live round that writes its viewer rows: each viewer's latest totals. */
const VIEWERS_FROM_LIVE_ROWS_SQL = `
INSERT INTO session_viewers ${VIEWER_COLUMNS}
WITH ${BOUNDS}, ${VIEWER_SLOTS}
SELECT v.*, ${slotOf('v.session_id')} FROM (${VIEWERS_FROM_LIVE_ROWS}) AS v`;

/**
 * Each viewer's row of the live sessions in \`bounds\` with a viewer totals snapshot (\`spans\`), worked out in
 * place: the snapshot row merged with the viewer's minute rows from the snapshot's minute on — every
 * viewer's totals as LIVE_ROWS_FROM_MINUTES would sum them from all their rows — then as
 * VIEWERS_FROM_LIVE_ROWS turns totals into a row. Such a session writes no live_viewer_rows: a round reads
 * the snapshot and a minute or two of rows instead of writing and reading back a row per viewer.
 */
const VIEWERS_FROM_LIVE_SNAPSHOT = `
SELECT ${viewerRowFromTotals('l')}
FROM (${totalsFromSnapshot(SNAPSHOT_JOINED_WITH_MINUTES)}) AS l
INNER JOIN bounds AS b ON b.session_id = l.session_id`;

/** A live round with viewer totals snapshots that writes its viewer rows: each viewer's row from its snapshot. */
const VIEWERS_FROM_LIVE_SNAPSHOT_SQL = `
INSERT INTO session_viewers ${VIEWER_COLUMNS}
WITH ${BOUNDS}, ${LIVE_SPANS}, ${VIEWER_SLOTS}
SELECT v.*, ${slotOf('v.session_id')} FROM (${VIEWERS_FROM_LIVE_SNAPSHOT}) AS v`;

/**
 * The viewer prefixes a round reads or writes, given per session: the snapshot's version and its cut
 * (a clock minute, epoch ms; docs/ARCHITECTURE.md, "Viewer prefixes").
 */
const PREFIXES = `
prefixes AS (
  SELECT p.1 AS session_id, p.2 AS prefix_version, p.3 AS cut_ms
  FROM (SELECT arrayJoin(arrayZip({prefixSessions:Array(String)}, {prefixVersions:Array(UInt64)}, {prefixCuts:Array(Int64)})) AS p)
)`;

/**
 * A snapshot per session of `prefixes`: each viewer's aggregates of the events before the cut. The
 * cut is a clock minute, so every copy of an event (same minute, same id) falls on one side of it.
 */
const PREFIX_ROWS_SQL = `
INSERT INTO viewer_prefix_rows
  (brand_id, session_id, version, viewer_id, first_seen_at, last_active_at, dwell_seconds, comments, likes, cart_adds,
   order_amounts, follows, shares, product_clicks, joins, first_join_at, join_source)
WITH ${PREFIXES}
SELECT {brandId:String}, e.session_id, any(pr.prefix_version), e.viewer_id, ${VIEWER_AGGREGATES}
FROM events AS e FINAL
INNER JOIN prefixes AS pr ON pr.session_id = e.session_id
WHERE e.brand_id = {brandId:String} AND e.session_id IN {prefixSessions:Array(String)} AND e.viewer_id != ''
  -- a constant bound for the sorting key, then each session's own cut
  AND e.occurred_at < fromUnixTimestamp64Milli({cutsBeforeMs:Int64}, 'UTC')
  AND toUnixTimestamp64Milli(e.occurred_at) < pr.cut_ms
GROUP BY e.session_id, e.viewer_id`;

/**
 * The snapshots a round took, listed once their rows are all written: a whole rebuild's viewer rows
 * (PREFIX_ROWS_SQL) and product rows (PRODUCT_PREFIX_ROWS_SQL), a live round's product rows alone
 * (`listViewers` 0). Readers take only these.
 */
const PREFIX_LIST_SQL = `
INSERT INTO viewer_prefixes (brand_id, session_id, version, cut_ms, viewers, products)
WITH ${PREFIXES}
SELECT {brandId:String}, session_id, prefix_version, cut_ms, {listViewers:UInt8}, 1 FROM prefixes`;

/**
 * Each viewer's snapshot row of `prefixes` (p), fully joined by viewer with the aggregates of its events
 * from the snapshot's cut on (t), and before `tailEnd` when given (a condition on `e` and `pr`). A side a
 * viewer is missing from holds the columns' defaults (`join_use_nulls = 0`).
 */
const snapshotJoinedWithTail = (tailEnd: string): string => `
  FROM ${snapshotRows('viewer_prefix_rows', 'prefixes', 'prefix')}
  FULL JOIN (
    SELECT e.session_id AS session_id, e.viewer_id AS viewer_id, ${VIEWER_AGGREGATES}
    FROM events AS e FINAL
    INNER JOIN prefixes AS pr ON pr.session_id = e.session_id
    WHERE e.brand_id = {brandId:String} AND e.session_id IN {prefixSessions:Array(String)} AND e.viewer_id != ''
      AND e.occurred_at >= fromUnixTimestamp64Milli({tailFromMs:Int64}, 'UTC')
      AND toUnixTimestamp64Milli(e.occurred_at) >= pr.cut_ms${tailEnd}
    GROUP BY e.session_id, e.viewer_id
  ) AS t ON t.session_id = p.session_id AND t.viewer_id = p.viewer_id`;

/**
 * A snapshot chained from the session's last one (`prefixes`) to the clock minute `next_cut_ms`: each
 * viewer's snapshot row merged with its events between the two cuts. That is what PREFIX_ROWS_SQL reads
 * of all the events before the new cut, when the last snapshot is readable (no event before its cut
 * arrived since its round started, less the margin: the opening statement's `prefix_late`). Merged as in
 * VIEWERS_FROM_PREFIX: every event of the last snapshot precedes every event after its cut, so the first
 * activity and first join are the snapshot's whenever it has them; sums add up, the last activity is the
 * later one, each order keeps its largest amount. It reads the snapshot and one or two minutes of events,
 * where PREFIX_ROWS_SQL reads every event before the cut.
 */
const PREFIX_ROWS_CHAINED_SQL = `
INSERT INTO viewer_prefix_rows
  (brand_id, session_id, version, viewer_id, first_seen_at, last_active_at, dwell_seconds, comments, likes, cart_adds,
   order_amounts, follows, shares, product_clicks, joins, first_join_at, join_source)
WITH prefixes AS (
  SELECT p.1 AS session_id, p.2 AS prefix_version, p.3 AS cut_ms, p.4 AS next_cut_ms
  FROM (SELECT arrayJoin(arrayZip({prefixSessions:Array(String)}, {prefixVersions:Array(UInt64)}, {prefixCuts:Array(Int64)},
                                  {nextCuts:Array(Int64)})) AS p)
)
SELECT ${SNAPSHOT_ROW_FROM_MERGED}
FROM ${mergedWithSnapshot(
  snapshotJoinedWithTail(`
      AND e.occurred_at < fromUnixTimestamp64Milli({cutsBeforeMs:Int64}, 'UTC')
      AND toUnixTimestamp64Milli(e.occurred_at) < pr.next_cut_ms`),
)} AS x`;

/**
 * Each viewer's row of the sessions in `bounds` (each with a valid prefix in `prefixes`): what
 * VIEWERS_FROM_EVENTS gives, merged from the snapshot's row and the viewer's events from the cut on,
 * joined by viewer (a join of two rows per viewer cost about half of grouping them: BENCHMARKS.md).
 * The events before the cut are exactly those the snapshot aggregated (the round checked that none
 * arrived since: the opening statement's `prefix_late`); sums add up, the last activity is the later one, each
 * order keeps its largest amount, and the first activity and first join are the snapshot's when it has
 * them.
 */
const VIEWERS_FROM_PREFIX = `
SELECT ${viewerRowFromTotals('x')}
FROM (${totalsFromSnapshot(snapshotJoinedWithTail(''))}) AS x
INNER JOIN bounds AS b ON b.session_id = x.session_id`;

/** A whole rebuild that writes its viewer rows from a valid prefix and the events after it. */
const VIEWERS_FROM_PREFIX_SQL = `
INSERT INTO session_viewers ${VIEWER_COLUMNS}
WITH ${BOUNDS}, ${PREFIXES}, ${VIEWER_SLOTS}
SELECT v.*, ${slotOf('v.session_id')} FROM (${VIEWERS_FROM_PREFIX}) AS v`;

const SOURCES_SQL = `
INSERT INTO session_sources (brand_id, session_id, source, viewers, engaged_viewers, buyers, revenue, watch_seconds, version, slot)
SELECT {brandId:String}, session_id, if(join_source = '', 'unknown', toString(join_source)) AS source, count(),
       countIf(${engagedViewer('session_viewers')}), countIf(orders > 0), sum(revenue),
       sum(watch_seconds), version, slot
FROM session_viewers
WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
  AND ${atVersions('')}
-- (one slot per session and version: the viewer rows' own, which the sources follow)
GROUP BY session_id, source, version, slot`;

/**
 * Every viewer row of the rebuilt sessions as it is, not grouped by viewer: the table keeps the
 * minimum per (brand, viewer) when its parts merge and every reader takes min() at read, so a viewer
 * of two sessions rebuilt together may land twice; grouping 100 000 viewers cost ~110 ms a round
 * (BENCHMARKS.md, bench:live).
 */
const FIRST_SESSION_SQL = `
INSERT INTO viewer_first_session (brand_id, viewer_id, first_started_at)
SELECT brand_id, viewer_id, started_at
FROM session_viewers
WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
  AND ${atVersions('')}`;

/**
 * The brand's viewer purchase timeline (migration 0013): this rebuild's buyer rows, with the
 * session's start and currency. Read by the later-purchase figures (METRICS.md "Does engagement pay
 * later?"), which join it at read to each session's non-buyers. They read it FINAL, following no
 * pointer, so every round writes slot 0 (the column's default): a round's rows replace the round's
 * before them by key, as they did before migration 0025, and are never read twice.
 */
const PURCHASES_SQL = `
INSERT INTO viewer_purchases (brand_id, viewer_id, session_id, started_at, currency, orders, revenue, version)
SELECT brand_id, viewer_id, session_id, started_at,
       mapFromArrays({ids:Array(String)}, {currencies:Array(String)})[session_id], orders, revenue, version
FROM session_viewers
WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
  AND ${atVersions('')}
  AND orders > 0`;

/**
 * A session_stats row per session of `bounds`, from its viewer rows: `viewerRows` is session_viewers
 * (the rows this round wrote, `filter` picking them) or, in a round that defers them, a subquery that
 * works the same rows out in place (VIEWERS_FROM_EVENTS, VIEWERS_FROM_LIVE_ROWS: those sessions' rows
 * at this version only, so no filter).
 */
const statsSql = (viewerRows: string, filter = '', ctes = ''): string => `
INSERT INTO session_stats
  (brand_id, session_id, commercer_id, commercer_name, commercer_kind, title, platform, currency, started_at, ended_at,
   last_event_at, duration_seconds, minutes, unique_viewers, peak_concurrent, avg_concurrent, total_watch_seconds,
   comments, commenters, likes, likers, engaged_viewers, cart_adds, cart_adders, cart_buyers, orders, buyers, revenue,
   late_joiners, answered_comments, median_response_s, follows, shares, sharers, product_clickers, refunds,
   unmatched_refunds, recaps, covered_late_joiners, covered_watch_seconds, uncovered_watch_seconds, events_read, version,
   viewers_version)
WITH ${BOUNDS},${ctes ? ` ${ctes},` : ''}
dims AS (
  SELECT d.1 AS session_id, d.2 AS commercer_id, d.3 AS commercer_name, d.4 AS commercer_kind, d.5 AS title, d.6 AS platform, d.7 AS currency
  FROM (
    SELECT arrayJoin(arrayZip({ids:Array(String)}, {commercerIds:Array(String)}, {commercerNames:Array(String)}, {commercerKinds:Array(String)},
                              {titles:Array(String)}, {platforms:Array(String)}, {currencies:Array(String)})) AS d
  )
),
minute_totals AS (
  SELECT session_id, max(watching) AS peak, sum(watching) AS watching_sum
  FROM session_minutes
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
    AND ${atVersions('')}
  GROUP BY session_id
),
host_replies AS (
  -- no FINAL here and below: a repeat changes neither a comment's earliest answer nor the set of
  -- answered comments (answers groups by comment); rare_events (migration 0019) holds exactly the
  -- host comments that reply to one
  SELECT session_id, reply_to, occurred_at
  FROM rare_events
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)} AND type = 'comment' AND author = 'host'
    AND reply_to != ''
),
viewer_comments AS (
  -- only those a host replied to: the others cannot be answered, and a stream may hold millions. A
  -- reply counts within 120 s of its comment, so the comment is in the reply's minute or one of the
  -- two before: only those minutes of the session are read (the sorting key's third column)
  SELECT session_id, event_id, occurred_at
  FROM events
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
    AND toStartOfMinute(occurred_at) IN (
      SELECT arrayJoin([m, m - INTERVAL 1 MINUTE, m - INTERVAL 2 MINUTE]) FROM (SELECT toStartOfMinute(occurred_at) AS m FROM host_replies)
    )
    AND type = 'comment' AND author = 'viewer'
    AND event_id IN (SELECT reply_to FROM host_replies)
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
),
shop AS (
  -- purchases (each order at its largest amount, as revenue counts it), refunds and recaps
  -- (each event once: its copies share the key, so LIMIT 1 BY the key does what FINAL would, reading only these types)
  SELECT session_id, type, order_id, toString(currency) AS currency, amount, occurred_at
  FROM rare_events
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)} AND type IN ('purchase', 'refund', 'recap')
  LIMIT 1 BY session_id, toStartOfMinute(occurred_at), event_id
),
order_amounts AS (
  SELECT session_id, order_id, currency, max(amount) AS amount
  FROM shop WHERE type = 'purchase'
  GROUP BY session_id, order_id, currency
),
refunds_by_order AS (
  -- a refund matches an order of the session in the same currency; its refunds add up to at most the order's amount
  SELECT r.session_id AS session_id, r.order_id AS order_id, sum(r.amount) AS refunded, count() AS refund_events,
         any(o.amount) AS order_amount, any(o.order_id) != '' AS matched
  FROM (SELECT * FROM shop WHERE type = 'refund') AS r
  LEFT JOIN order_amounts AS o ON o.session_id = r.session_id AND o.order_id = r.order_id AND o.currency = r.currency
  GROUP BY r.session_id, r.order_id, r.currency
),
refund_totals AS (
  SELECT session_id, sumIf(least(refunded, order_amount), matched) AS refunds, sumIf(refund_events, NOT matched) AS unmatched
  FROM refunds_by_order
  GROUP BY session_id
),
recap_counts AS (
  SELECT session_id, count() AS recaps, groupArray(occurred_at) AS times FROM shop WHERE type = 'recap' GROUP BY session_id
),
-- the recap times of every session as one value, a map session → times, looked up per viewer row (a join
-- of every viewer row with recap_counts cost more than the lookup; a session without a recap: no time)
(SELECT mapFromArrays(groupArray(session_id), groupArray(times)) FROM recap_counts) AS recap_times,
viewers AS (
  SELECT
    v.session_id AS session_id,
    count() AS unique_viewers,
    sum(v.watch_seconds) AS total_watch_seconds,
    sum(v.comments) AS comments,
    countIf(v.comments > 0) AS commenters,
    sum(v.likes) AS likes,
    countIf(v.likes > 0) AS likers,
    countIf(${engagedViewer('v')}) AS engaged_viewers,
    sum(v.cart_adds) AS cart_adds,
    countIf(v.cart_adds > 0) AS cart_adders,
    countIf(v.cart_adds > 0 AND v.orders > 0) AS cart_buyers,
    sum(v.orders) AS orders,
    countIf(v.orders > 0) AS buyers,
    sum(v.revenue) AS revenue,
    countIf(v.late) AS late_joiners,
    countIf(v.follows > 0) AS follows,
    sum(v.shares) AS shares,
    countIf(v.shares > 0) AS sharers,
    countIf(v.product_clicks > 0) AS product_clickers,
    -- late joiners covered by a recap at r: first event ≤ r ≤ first event + 300 s, and still there at r
    countIf(v.late AND v.covered) AS covered,
    sumIf(v.watch_seconds, v.late AND v.covered) AS covered_watch,
    sumIf(v.watch_seconds, v.late AND NOT v.covered) AS uncovered_watch
  FROM (
    -- one reading of the viewer rows for every figure above (the recap times are a handful per session)
    SELECT sv.*, sv.first_seen_at > sv.started_at + INTERVAL 600 SECOND AS late,
           arrayExists(r -> r >= sv.first_seen_at AND r <= sv.first_seen_at + INTERVAL 300 SECOND AND sv.last_active_at >= r,
                       recap_times[sv.session_id]) AS covered
    FROM ${viewerRows} AS sv
    ${filter}
  ) AS v
  GROUP BY v.session_id
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
  v.follows,
  v.shares,
  v.sharers,
  v.product_clickers,
  rt.refunds,
  rt.unmatched,
  rc.recaps,
  v.covered,
  v.covered_watch,
  v.uncovered_watch,
  b.events_read,
  b.version,
  b.viewers_version
FROM bounds AS b
LEFT JOIN dims AS d ON d.session_id = b.session_id
LEFT JOIN viewers AS v ON v.session_id = b.session_id
LEFT JOIN minute_totals AS m ON m.session_id = b.session_id
LEFT JOIN responses AS r ON r.session_id = b.session_id
LEFT JOIN refund_totals AS rt ON rt.session_id = b.session_id
LEFT JOIN recap_counts AS rc ON rc.session_id = b.session_id`;

const STATS_SQL = statsSql(
  'session_viewers',
  `WHERE sv.brand_id = {brandId:String} AND sv.session_id IN {sessionIds:Array(String)}
      AND ${atVersions('sv.')}`,
);
/** A whole rebuild that defers its viewer rows: the stats from the viewers' events. */
const STATS_FROM_EVENTS_SQL = statsSql(`(${VIEWERS_FROM_EVENTS})`);
/** A live round that defers its viewer rows: the stats from the viewers' latest totals. */
const STATS_FROM_LIVE_ROWS_SQL = statsSql(`(${VIEWERS_FROM_LIVE_ROWS})`);
/** A live round with viewer totals snapshots that defers its viewer rows: the stats from the snapshots in place. */
const STATS_FROM_LIVE_SNAPSHOT_SQL = statsSql(`(${VIEWERS_FROM_LIVE_SNAPSHOT})`, '', LIVE_SPANS);
/** A whole rebuild that defers its viewer rows, with a valid prefix: the stats from it and the events after it. */
const STATS_FROM_PREFIX_SQL = statsSql(`(${VIEWERS_FROM_PREFIX})`, '', PREFIXES);

/**
 * Each order once, with the items of its largest purchase event (the amount revenue counts) and that
 * event's time and viewer: the product tables below split it into lines. `orders` narrows which orders
 * (a condition on the purchase events); each is still chosen from all of its purchase events.
 */
const orderLines = (orders = ''): string => `
order_lines AS (
  SELECT session_id, order_id, chosen.2 AS viewer_id, chosen.3 AS t, item.1 AS product_id, toUInt64(item.2) AS quantity,
         item.3 AS unit_price
  FROM (
    -- no FINAL: a repeat of a purchase event does not change which one is the largest
    SELECT session_id, order_id,
           argMax((items, viewer_id, toUnixTimestamp64Milli(occurred_at)), (amount, -toUnixTimestamp64Milli(occurred_at))) AS chosen
    FROM rare_events
    WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)} AND type = 'purchase'${orders}
    GROUP BY session_id, order_id
  )
  ARRAY JOIN chosen.1 AS item
)`;

/** Every order of the sessions. */
const ORDER_LINES = orderLines();

/**
 * The orders a pin segment measured afresh can count: a line counts in the segment its order's chosen
 * purchase falls in, within the span of those segments with the sale window (`segFromMs` to `segToMs`),
 * so the order has a purchase event there. Not every order of a long stream, each round.
 */
const SPAN_ORDER_LINES = orderLines(`
      AND order_id IN (
        SELECT order_id FROM rare_events
        WHERE brand_id = {brandId:String} AND session_id IN {segSessions:Array(String)} AND type = 'purchase'
          AND occurred_at >= fromUnixTimestamp64Milli({segFromMs:Int64}, 'UTC')
          AND occurred_at < fromUnixTimestamp64Milli({segToMs:Int64}, 'UTC')
      )`);

/**
 * The pin segments worked out in TypeScript (pin-segments.ts), as absolute milliseconds; \`settled\`:
 * a live round carries the segment's row over from the rollup it starts from (see SEGMENTS_SQL).
 */
const SEGMENTS = `
segs AS (
  SELECT g.1 AS session_id, g.2 AS segment, g.3 AS product_id, g.4 AS start_ms, g.5 AS end_ms, g.6 AS pin_name,
         g.7 AS settled
  FROM (
    SELECT arrayJoin(arrayZip({segSessions:Array(String)}, {segIndexes:Array(UInt32)}, {segProducts:Array(String)},
                              {segStartMs:Array(Int64)}, {segEndMs:Array(Int64)}, {segNames:Array(String)},
                              {segSettled:Array(UInt8)})) AS g
  )
),
fresh AS (SELECT * FROM segs WHERE NOT settled)`;

/** A segment's product name: the one its own pin gave (a re-pin may rename the product), else the product's display name. */
const SEGMENT_NAME = (g: string) => `if(${g}.pin_name != '', ${g}.pin_name,
     arrayElement({pinNames:Array(String)}, indexOf(arrayZip({pinSessions:Array(String)}, {pinProducts:Array(String)}), (${g}.session_id, ${g}.product_id))))`;

/** A purchase or cart add counts toward a segment of its product until 120 s after the segment's end. */
const SALE_WINDOW_MS = 120_000;

/**
 * METRICS.md "Pin segments". Events find their segment with an ASOF join on time: segments of a
 * session do not overlap, so the latest one started at or before an event is the only one that can
 * hold it; for sales the join also matches the product, so a purchase goes to the latest segment of
 * its product whose window holds it (an earlier one of the same product ended earlier still).
 */
const SEGMENTS_SQL = `
INSERT INTO session_pin_segments
  (brand_id, session_id, segment, product_id, product_name, start_s, end_s, watching_at_start, watching_at_end, comments,
   clicks, cart_adds, orders, units, revenue, viewers, version, slot)
WITH ${BOUNDS}, ${SEGMENTS}, ${SPAN_ORDER_LINES}, ${nextSlots('session_pin_segments', 'version')},
timed AS (
  -- the events within the span of the segments measured afresh (with the sale window): the rest cannot fall in one
  SELECT session_id, type, viewer_id, author, product_id, toUnixTimestamp64Milli(occurred_at) AS t
  FROM events FINAL
  WHERE brand_id = {brandId:String} AND session_id IN {segSessions:Array(String)}
    AND occurred_at >= fromUnixTimestamp64Milli({segFromMs:Int64}, 'UTC')
    AND occurred_at < fromUnixTimestamp64Milli({segToMs:Int64}, 'UTC')
),
in_segment AS (
  SELECT e.session_id AS session_id, g.segment AS segment,
         uniqExactIf(e.viewer_id, e.viewer_id != '' AND e.type != 'leave') AS viewers,
         countIf(e.type = 'comment' AND e.author = 'viewer') AS comments,
         countIf(e.type = 'product_click' AND e.product_id = g.product_id) AS clicks
  FROM timed AS e
  ASOF INNER JOIN fresh AS g ON e.session_id = g.session_id AND e.t >= g.start_ms
  WHERE e.t < g.end_ms
  GROUP BY e.session_id, g.segment
),
carts AS (
  -- from rare_events, which holds every cart add, rather than from timed again: the engine reads a CTE
  -- anew wherever it is named, and that would read the span's events twice. Each cart add once: its copies
  -- share the key, so LIMIT 1 BY the key does what FINAL would.
  SELECT c.session_id AS session_id, g.segment AS segment, count() AS cart_adds
  FROM (
    SELECT session_id, product_id, toUnixTimestamp64Milli(occurred_at) AS t
    FROM rare_events
    WHERE brand_id = {brandId:String} AND session_id IN {segSessions:Array(String)} AND type = 'cart_add'
      AND occurred_at >= fromUnixTimestamp64Milli({segFromMs:Int64}, 'UTC')
      AND occurred_at < fromUnixTimestamp64Milli({segToMs:Int64}, 'UTC')
    LIMIT 1 BY session_id, toStartOfMinute(occurred_at), event_id
  ) AS c
  ASOF INNER JOIN fresh AS g ON c.session_id = g.session_id AND c.product_id = g.product_id AND c.t >= g.start_ms
  WHERE c.t < g.end_ms + ${SALE_WINDOW_MS}
  GROUP BY c.session_id, g.segment
),
sales AS (
  SELECT l.session_id AS session_id, g.segment AS segment, uniqExact(l.order_id) AS orders, sum(l.quantity) AS units,
         sum(l.quantity * l.unit_price) AS revenue
  FROM order_lines AS l
  ASOF INNER JOIN fresh AS g ON l.session_id = g.session_id AND l.product_id = g.product_id AND l.t >= g.start_ms
  WHERE l.t < g.end_ms + ${SALE_WINDOW_MS}
  GROUP BY l.session_id, g.segment
),
watching AS (
  SELECT session_id, minute, watching
  FROM session_minutes
  WHERE brand_id = {brandId:String} AND session_id IN {segSessions:Array(String)}
    AND ${atVersions('')}
)
SELECT * FROM (
SELECT
  {brandId:String},
  g.session_id,
  g.segment,
  g.product_id,
  ${SEGMENT_NAME('g')},
  (g.start_ms - toUnixTimestamp64Milli(b.started_at)) / 1000,
  (g.end_ms - toUnixTimestamp64Milli(b.started_at)) / 1000,
  ws.watching,
  we.watching,
  i.comments,
  i.clicks,
  c.cart_adds,
  s.orders,
  s.units,
  s.revenue,
  i.viewers,
  b.version,
  ${slotOf('g.session_id')}
FROM fresh AS g
INNER JOIN bounds AS b ON b.session_id = g.session_id
LEFT JOIN in_segment AS i ON i.session_id = g.session_id AND i.segment = g.segment
LEFT JOIN carts AS c ON c.session_id = g.session_id AND c.segment = g.segment
LEFT JOIN sales AS s ON s.session_id = g.session_id AND s.segment = g.segment
-- watching in the minute holding the start, and in the one holding the last instant before the end
LEFT JOIN watching AS ws ON ws.session_id = g.session_id
  AND ws.minute = least(intDiv(g.start_ms - toUnixTimestamp64Milli(b.started_at), 60000), b.minutes - 1)
LEFT JOIN watching AS we ON we.session_id = g.session_id
  AND we.minute = least(intDiv(greatest(g.end_ms - 1, g.start_ms) - toUnixTimestamp64Milli(b.started_at), 60000), b.minutes - 1)
UNION ALL
-- settled segments: their row as the rollup the round starts from has it, but for the name
SELECT p.brand_id, p.session_id, p.segment, p.product_id, ${SEGMENT_NAME('g')}, p.start_s, p.end_s, p.watching_at_start,
       p.watching_at_end, p.comments, p.clicks, p.cart_adds, p.orders, p.units, p.revenue, p.viewers, b.version,
       ${slotOf('p.session_id')}
FROM session_pin_segments AS p
INNER JOIN segs AS g ON g.session_id = p.session_id AND g.segment = p.segment
INNER JOIN bounds AS b ON b.session_id = p.session_id
WHERE p.brand_id = {brandId:String} AND p.session_id IN {segSessions:Array(String)} AND g.settled
  AND b.base_version > 0 AND p.version = b.base_version
)`;

/**
 * The four distinct sets of a product's viewer actions, as `uniqExact` states of the events `e` (the
 * columns of product_prefix_rows, migration 0024): the viewers who saw it, who clicked it and who
 * carted it, and its cart adds by key (minute, event id: a repeat is the same key).
 */
const PRODUCT_ACTION_STATES = `
  uniqExactStateIf(e.viewer_id, e.type = 'product_impression') AS impressed,
  uniqExactStateIf(e.viewer_id, e.type = 'product_click') AS clickers,
  uniqExactStateIf((toStartOfMinute(e.occurred_at), e.event_id), e.type = 'cart_add') AS cart_adds,
  uniqExactStateIf(e.viewer_id, e.type = 'cart_add') AS cart_adders`;

/**
 * A product snapshot per session of `prefixes` (docs/ARCHITECTURE.md, "Product prefixes"): each
 * product's sets of PRODUCT_ACTION_STATES over the events before the cut. Taken with the viewer
 * snapshot of the same version and cut (PREFIX_ROWS_SQL), listed with it (PREFIX_LIST_SQL).
 */
const PRODUCT_PREFIX_ROWS_SQL = `
INSERT INTO product_prefix_rows (brand_id, session_id, version, product_id, impressed, clickers, cart_adds, cart_adders)
WITH ${PREFIXES}
SELECT {brandId:String}, e.session_id, any(pr.prefix_version), e.product_id, ${PRODUCT_ACTION_STATES}
FROM rare_events AS e
INNER JOIN prefixes AS pr ON pr.session_id = e.session_id
WHERE e.brand_id = {brandId:String} AND e.session_id IN {prefixSessions:Array(String)}
  AND e.type IN ('product_impression', 'product_click', 'cart_add')
  AND e.occurred_at < fromUnixTimestamp64Milli({cutsBeforeMs:Int64}, 'UTC')
  AND toUnixTimestamp64Milli(e.occurred_at) < pr.cut_ms
GROUP BY e.session_id, e.product_id`;

/**
 * Per session of `prefixes` and product: its snapshot's sets (p) and the sets of its events from the
 * snapshot's cut on (and before `tailEnd` when given, a condition on `e` and `pr`), one row each, to be
 * merged. The events before the cut are exactly those the snapshot counted (the round checked that
 * none arrived since: the opening statement's `prefix_late`); a set's union counts what both sides hold once.
 */
const productSnapshotAndTail = (tailEnd: string): string => `
  SELECT p.session_id AS session_id, p.product_id AS product_id, p.impressed AS impressed, p.clickers AS clickers,
         p.cart_adds AS cart_adds, p.cart_adders AS cart_adders
  FROM product_prefix_rows AS p
  INNER JOIN prefixes AS pr ON pr.session_id = p.session_id AND pr.prefix_version = p.version
  WHERE p.brand_id = {brandId:String} AND p.session_id IN {prefixSessions:Array(String)}
    AND p.version IN {prefixVersions:Array(UInt64)}
  UNION ALL
  SELECT e.session_id, e.product_id, ${PRODUCT_ACTION_STATES}
  FROM rare_events AS e
  INNER JOIN prefixes AS pr ON pr.session_id = e.session_id
  WHERE e.brand_id = {brandId:String} AND e.session_id IN {prefixSessions:Array(String)}
    AND e.type IN ('product_impression', 'product_click', 'cart_add')
    AND e.occurred_at >= fromUnixTimestamp64Milli({tailFromMs:Int64}, 'UTC')
    AND toUnixTimestamp64Milli(e.occurred_at) >= pr.cut_ms${tailEnd}
  GROUP BY e.session_id, e.product_id`;

/**
 * A product snapshot chained from the session's last one (`prefixes`, with `next_cut_ms`): its sets
 * merged with those of the events between the two cuts, as PREFIX_ROWS_CHAINED_SQL does for viewers.
 */
const PRODUCT_PREFIX_ROWS_CHAINED_SQL = `
INSERT INTO product_prefix_rows (brand_id, session_id, version, product_id, impressed, clickers, cart_adds, cart_adders)
WITH prefixes AS (
  SELECT p.1 AS session_id, p.2 AS prefix_version, p.3 AS cut_ms, p.4 AS next_cut_ms
  FROM (SELECT arrayJoin(arrayZip({prefixSessions:Array(String)}, {prefixVersions:Array(UInt64)}, {prefixCuts:Array(Int64)},
                                  {nextCuts:Array(Int64)})) AS p)
)
SELECT {brandId:String}, session_id, {nextVersion:UInt64}, product_id, uniqExactMergeState(impressed),
       uniqExactMergeState(clickers), uniqExactMergeState(cart_adds), uniqExactMergeState(cart_adders)
FROM (${productSnapshotAndTail(`
    AND e.occurred_at < fromUnixTimestamp64Milli({cutsBeforeMs:Int64}, 'UTC')
    AND toUnixTimestamp64Milli(e.occurred_at) < pr.next_cut_ms`)}
)
GROUP BY session_id, product_id`;

/**
 * METRICS.md "Products": per product of the session, from its pins (worked out in TypeScript, passed
 * as arrays), impressions, clicks, cart adds and the lines of its orders; the distinct viewers and cart
 * adds per product (`viewer_actions`) as `actions` gives them, after the CTEs `ctes`.
 */
const productsSql = (actions: string, ctes = ''): string => `
INSERT INTO session_products
  (brand_id, session_id, product_id, product_name, pins, pinned_seconds, impressed, clickers, cart_adds, cart_adders,
   orders, units, revenue, buyers, version, slot)
WITH ${BOUNDS}, ${ORDER_LINES}, ${nextSlots('session_products', 'version')},${ctes}
pinned AS (
  SELECT p.1 AS session_id, p.2 AS product_id, p.3 AS product_name, p.4 AS pins, p.5 AS pinned_seconds
  FROM (
    SELECT arrayJoin(arrayZip({pinSessions:Array(String)}, {pinProducts:Array(String)}, {pinNames:Array(String)},
                              {pinCounts:Array(UInt32)}, {pinSeconds:Array(Float64)})) AS p
  )
),
viewer_actions AS (${actions}),
sold AS (
  SELECT session_id, product_id, uniqExact(order_id) AS orders, sum(quantity) AS units, sum(quantity * unit_price) AS revenue,
         uniqExact(viewer_id) AS buyers
  FROM order_lines
  GROUP BY session_id, product_id
),
-- each product once, whichever of the three it comes from (a product only pinned, only clicked, only sold
-- …): every CTE is named once, as the engine reads a CTE again wherever it is named (naming the actions
-- and the sales twice doubled this statement's time: BENCHMARKS.md, twelfth session)
acts AS (
  SELECT if(a.session_id != '', a.session_id, s.session_id) AS session_id,
         if(a.product_id != '', a.product_id, s.product_id) AS product_id,
         a.impressed AS impressed, a.clickers AS clickers, a.cart_adds AS cart_adds, a.cart_adders AS cart_adders,
         s.orders AS orders, s.units AS units, s.revenue AS revenue, s.buyers AS buyers
  FROM viewer_actions AS a
  FULL OUTER JOIN sold AS s ON s.session_id = a.session_id AND s.product_id = a.product_id
),
products AS (
  SELECT if(k.session_id != '', k.session_id, p.session_id) AS session_id,
         if(k.product_id != '', k.product_id, p.product_id) AS product_id,
         p.product_name AS product_name, p.pins AS pins, p.pinned_seconds AS pinned_seconds,
         k.impressed AS impressed, k.clickers AS clickers, k.cart_adds AS cart_adds, k.cart_adders AS cart_adders,
         k.orders AS orders, k.units AS units, k.revenue AS revenue, k.buyers AS buyers
  FROM acts AS k
  FULL OUTER JOIN pinned AS p ON p.session_id = k.session_id AND p.product_id = k.product_id
)
SELECT
  {brandId:String},
  k.session_id,
  k.product_id,
  if(k.product_name = '', k.product_id, k.product_name),
  k.pins,
  k.pinned_seconds,
  k.impressed,
  k.clickers,
  k.cart_adds,
  k.cart_adders,
  k.orders,
  k.units,
  k.revenue,
  k.buyers,
  b.version,
  ${slotOf('k.session_id')}
FROM products AS k
INNER JOIN bounds AS b ON b.session_id = k.session_id
SETTINGS join_use_nulls = 0`;

/** Products from all of each session's impressions, clicks and cart adds. */
const PRODUCTS_SQL = productsSql(`
  SELECT session_id, product_id,
         uniqExactIf(viewer_id, type = 'product_impression') AS impressed,
         uniqExactIf(viewer_id, type = 'product_click') AS clickers,
         -- no FINAL: distinct viewers do not change with repeats, and cart adds are counted by their key
         uniqExactIf((toStartOfMinute(occurred_at), event_id), type = 'cart_add') AS cart_adds,
         uniqExactIf(viewer_id, type = 'cart_add') AS cart_adders
  FROM rare_events
  WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
    AND type IN ('product_impression', 'product_click', 'cart_add')
  GROUP BY session_id, product_id
`);

/**
 * Products of the sessions with a product snapshot (each in `prefixes`): the distinct sets from the
 * snapshot merged with those of the events from its cut on; the rest as PRODUCTS_SQL.
 */
const PRODUCTS_FROM_PREFIX_SQL = productsSql(
  `
  SELECT session_id, product_id, uniqExactMerge(impressed) AS impressed, uniqExactMerge(clickers) AS clickers,
         uniqExactMerge(cart_adds) AS cart_adds, uniqExactMerge(cart_adders) AS cart_adders
  FROM (${productSnapshotAndTail('')})
  GROUP BY session_id, product_id
`,
  `${PREFIXES},`,
);

/**
 * The tag of the statement that ends every rebuild (session_stats, written last). A process sharing
 * the gateway with the rebuilds can watch for it (`gateway.onQuery`) to learn at once that rollup
 * versions moved, instead of waiting for its next poll.
 */
export const ROLLUP_STATS_TAG = 'rollup.stats';

/**
 * Fills viewer_purchases from the current rollup rows of every session (each session's session_viewers
 * rows of the version its session_stats row points at): for data rolled up before migration 0013,
 * whose sessions no rollup round rebuilds until they receive an event. Idempotent: it writes the rows
 * a rebuild would, with the same versions. The migration runner calls it when it applies 0013
 * (`DATA_STEPS` in migrate.ts).
 */
export async function backfillPurchaseTimeline(gateway: Pick<ClickHouseGateway, 'command'>): Promise<void> {
  await gateway.command(
    `INSERT INTO viewer_purchases (brand_id, viewer_id, session_id, started_at, currency, orders, revenue, version)
     SELECT v.brand_id, v.viewer_id, v.session_id, v.started_at, s.currency, v.orders, v.revenue, v.version
     FROM session_viewers AS v
     INNER JOIN (SELECT brand_id, session_id, version, currency FROM session_stats FINAL) AS s
       ON s.brand_id = v.brand_id AND s.session_id = v.session_id AND s.version = v.version
     WHERE v.orders > 0`,
    {},
    { tag: 'rollup.purchases.backfill', lane: 'maintenance' },
  );
}

/**
 * How far back before its last round's start a live round looks for events that arrived: longer
 * than any insert takes from stamping `received_at` to being visible, so an event stamped before
 * a round started but committed after it is still found by the next round. The most it looks back;
 * in embedded mode, where every insert goes through this process, a round looks back only as long as
 * the longest insert into `events` this process has made or is making, plus LIVE_MARGIN_SLACK_MS
 * (ClickHouseGateway.longestWriteMs; docs/ARCHITECTURE.md, "The look-back from the inserts").
 */
const LIVE_MARGIN_MS = 10_000;

/** Added to the longest insert: the clock's resolution and small steps. */
const LIVE_MARGIN_SLACK_MS = 250;

/**
 * The inserts whose time counts: those that finished in the last minute, or are running. A round
 * earlier than that (a session not rolled up for a minute) looks back LIVE_MARGIN_MS.
 */
const LOOK_BACK_WINDOW_MS = 60_000;

/**
 * A live session takes the live path from this many stored events on; a smaller one is rebuilt
 * whole, which costs less there: a live round's work grows with the minute being streamed and the
 * audience (it rereads the current minute and writes every viewer's row), a whole rebuild's with
 * the session's events (BENCHMARKS.md: at 10–160 k events with a viewer per event the live round
 * took ~2.1 s against ~0.7–1.1 s whole; at 1 M events 0.8 s against 1.2 s).
 */
const LIVE_FROM_EVENTS = 300_000;

/**
 * …and only while its audience is small beside its events: at least this many stored events per
 * viewer of its last rollup. A live round sums each viewer with new events from its viewer-minute rows,
 * which are about as many as the events when each viewer has few, and spread over every granule: at
 * 10 per viewer (bench:live, 100 000 viewers at 1 M events) push p95 was 5.97 s live against 1.41 s
 * whole; at 50 per viewer (bench:rollup, 20 000 viewers at 1 M) the live round is the cheaper one.
 */
const LIVE_EVENTS_PER_VIEWER = 20;

/**
 * A live round whose new events came from at least this share of the session's audience (its last
 * rollup's viewers) sums every viewer's totals again (LIVE_ROWS_ALL_SQL) rather than only the touched
 * ones (LIVE_ROWS_TOUCHED_SQL): spread over the table, the touched viewers' rows are most of its granules
 * anyway, and the filter adds two sets of their ids (sent to the engine as a parameter). `bench:rollup
 * --events 3000000 --minutes 2 --viewers 100000 --only live --live-rows-all-share 0|2`, two pairs each: all
 * touched 547–587 ms against 1 384–1 465 ms, 30 % touched 364–387 against 428–478, 10 % touched 413–441
 * against 171–200 (BENCHMARKS.md, twenty-fifth session). Either way every written total is exact: each is
 * summed from the viewer's current viewer-minute rows.
 */
const LIVE_ROWS_ALL_FROM_SHARE = 0.25;

/**
 * A live session (on either path) with at least this many viewers in its last rollup has its viewer
 * rows (session_viewers and what is built from them: session_sources, viewer_purchases,
 * viewer_first_session) rewritten at most once per VIEWER_ROWS_EVERY_MS; the rounds between refresh
 * its stats, minutes and products only, the stats worked out from the viewers' events in place.
 * Rewriting 100 000 viewer rows and what follows from them was ~470 of a ~900 ms round (BENCHMARKS.md,
 * bench:live); below this size the rows cost little and every round writes them. On the live path
 * the rounds between take the stats from each viewer's latest totals (live_viewer_rows).
 */
const VIEWER_ROWS_FROM = 10_000;
/** How stale a big live session's viewer rows may get (VIEWER_ROWS_FROM). */
const VIEWER_ROWS_EVERY_MS = 10_000;
/**
 * How long an ended session keeps the rows of the round before its last, after its stats row points at
 * the last round's: a reader that took the earlier pointer just before (a page reads session_stats,
 * then the rows at its pointers, in later statements) still finds them. Far longer than any request.
 */
const EARLIER_ROUNDS_KEPT_MS = 60_000;

/**
 * Viewer prefixes (docs/ARCHITECTURE.md, "Viewer prefixes"): a big live session rebuilt whole (at least
 * VIEWER_ROWS_FROM viewers) keeps a snapshot of each viewer's aggregates of the events before a cut,
 * so its rounds read each viewer's snapshot row and only the events from the cut on, not all of them.
 * A round that writes the viewer rows takes a new snapshot when there is none it may use, or when the
 * cut trails the last event by a minute more than it must: chained from the last one when that one is
 * readable (PREFIX_ROWS_CHAINED_SQL), from all the events before the cut otherwise. The cut is the clock
 * minute at or before the last event less VIEWER_PREFIX_TAIL_MS: an event that arrives late, before the
 * cut, makes the snapshot stale (the rounds then read all events, as before, until the next snapshot).
 */
const VIEWER_PREFIX_TAIL_MS = 30_000;
/**
 * …and a live session of a smaller audience on the whole path from this many stored events on: many such
 * streams at once (a brand's daily streams of a few hundred viewers each) are rolled up together, and
 * each round read every event of every one of them, so a round grew with the streams' length. The
 * snapshot pays only once the events before its cut fill granules of their own (8 192 rows each) that the
 * tail's read can skip: `bench:rollup-many`, 40 streams of 100 000 events rolled up together, the viewers
 * statement 216 ms a round from snapshots against 750 ms from every event; 200 streams of 20 000, 498
 * against 747 ms (BENCHMARKS.md, thirtieth session).
 */
const VIEWER_PREFIX_FROM_EVENTS = 20_000;
/** A snapshot older than this is not read (they expire after two hours: migration 0023). */
const VIEWER_PREFIX_MAX_AGE_MS = 3_600_000;

/**
 * A session's prefix a round reads or takes: the snapshot's version and cut (epoch ms), whether it has
 * viewer rows (viewer_prefix_rows; not when a live round took product rows alone: migration 0026) and
 * whether it has product rows (product_prefix_rows; not when taken before migration 0024).
 */
interface Prefix {
  version: number;
  cutMs: number;
  viewers: boolean;
  products: boolean;
}

/**
 * A span of LIVE_SPANS (docs/ARCHITECTURE.md, "Viewer totals snapshots on the live path"): the viewer totals
 * snapshot read (`version` 0: none) and the minutes of viewer-minute rows summed on top of it, [from, to).
 */
interface LiveSpan {
  frame: SessionFrame;
  version: number;
  from: number;
  to: number;
}

/** The largest minute: a span without end (every minute from a snapshot's on); as a lower bound, no minute. */
const LAST_MINUTE = 2_147_483_647;

/** The parameters of LIVE_SPANS, and the constant bounds of their minutes for the sorting key. */
const spanParams = (spans: readonly LiveSpan[]): Record<string, unknown> => ({
  spanSessions: spans.map((s) => s.frame.id),
  spanStarts: spans.map((s) => s.frame.startMs),
  spanVersions: spans.map((s) => s.version),
  spanFrom: spans.map((s) => s.from),
  spanTo: spans.map((s) => s.to),
  spanFromMin: Math.min(...spans.map((s) => s.from)),
  spanToMax: Math.max(...spans.map((s) => s.to)),
});

export interface RollupRefresherOptions {
  /** LIVE_MARGIN_MS unless a test shortens it. */
  liveMarginMs?: number;
  /**
   * In embedded mode, look back only as long as the longest insert into `events` (plus a slack), at most
   * liveMarginMs (default true; false: always liveMarginMs, a bench's comparison).
   */
  marginFromInserts?: boolean;
  /** LOOK_BACK_WINDOW_MS unless a test shortens it. */
  lookBackWindowMs?: number;
  /** LIVE_FROM_EVENTS unless a test or bench sets it (0: every live session takes the live path). */
  liveFromEvents?: number;
  /** LIVE_EVENTS_PER_VIEWER unless a test or bench sets it (0: whatever its audience). */
  liveEventsPerViewer?: number;
  /** false: live sessions too are rebuilt whole from their events (what the live path is checked against). */
  livePath?: boolean;
  /** VIEWER_ROWS_FROM unless a test or bench sets it. */
  viewerRowsFrom?: number;
  /** VIEWER_ROWS_EVERY_MS unless a test or bench sets it. */
  viewerRowsEveryMs?: number;
  /** false: no prefixes, of viewers or of products (what they are checked and measured against). */
  viewerPrefixes?: boolean;
  /**
   * A live session on the whole path keeps viewer prefixes from this many stored events on, whatever its
   * audience (VIEWER_PREFIX_FROM_EVENTS unless a test or bench sets it; Infinity: by audience alone).
   */
  prefixFromEvents?: number;
  /**
   * false: every new snapshot reads all the events before its cut, not the last snapshot and the events
   * since (what chained snapshots are checked and measured against).
   */
  chainPrefixes?: boolean;
  /** STORED_ROWS_ONE_BY_ONE_FROM unless a test or bench sets it (0: every session counted before). */
  storedRowsOneByOneFrom?: number;
  /** LIVE_ROWS_ALL_FROM_SHARE unless a test or bench sets it (above 1: only the touched viewers, always). */
  liveRowsAllFromShare?: number;
  /**
   * A live session on the live path keeps viewer totals snapshots from this many viewers in its last rollup
   * (VIEWER_ROWS_FROM unless a test or bench sets it; none when `viewerPrefixes` is false).
   */
  livePrefixFrom?: number;
}

/** An ended session's rounds before `version` (its last), removed once `dueMs` (epoch ms) has passed. */
interface Superseded {
  brandId: string;
  ids: string[];
  version: number;
  dueMs: number;
}

/**
 * Per live session: the frame; the minutes whose events arrived since its last round (from its
 * start; null: rebuild all), and whose totals it sums again: every viewer's, or those of the viewers the
 * events came from.
 */
type LivePlan = {
  frame: SessionFrame;
  minutes: number[] | null;
  everyViewer: boolean;
  viewers: string[];
};

/**
 * A live session as SESSIONS_SQL reads it, from what the round opened with: the same start (its
 * first session_start, else its first event), last instant and dimensions, no end, and its rows
 * stored rather than its distinct events (a repeat changes no minimum, maximum or first value).
 */
const liveSessionRow = (row: OpenRow): SessionEventsRow => {
  const { firstMs, lastMs } = instantsOf(row);
  return {
    session_id: row.session_id,
    events: Number(row.events),
    start_ms: asBool(row.has_start) ? Number(row.start_event_ms) : firstMs,
    end_ms: -1,
    last_ms: lastMs,
    commercer_id: row.commercer_id,
    commercer_name: row.commercer_name,
    commercer_kind: row.commercer_kind,
    title: row.title,
    platform: row.platform,
    currency: row.currency,
    pins: row.pins,
  };
};

/** Whether a round (a round version: row-version.ts) wrote the session's rollup: the opening statement's `rounds`. */
const hasRound = (row: BaseRow | undefined): boolean =>
  row !== undefined && asBool(row.in_base) && roundStartOfVersion(Number(row.current_version)) !== null;

/**
 * A session's first and last instants: read from all its events when no round rolled it up, else its
 * rollup's start and last instant widened by what arrived since (an event the round did not see arrived
 * after it started, less the margin: the live path's argument). The first is used only without a
 * session_start, where the rollup's start is its first event.
 */
function instantsOf(row: OpenRow): { firstMs: number; lastMs: number } {
  if (!hasRound(row)) return { firstMs: Number(row.first_ms), lastMs: Number(row.last_event_ms) };
  const changed = Number(row.ch_events) > 0;
  return {
    firstMs: changed ? Math.min(Number(row.start_ms), Number(row.ch_min_ms)) : Number(row.start_ms),
    lastMs: changed ? Math.max(Number(row.last_ms), Number(row.ch_max_ms)) : Number(row.last_ms),
  };
}

/** What arrived in each session a round rolled up since that round started, less the margin; none: nothing. */
const changesOf = (opened: readonly OpenRow[]): Map<string, ChangesRow> =>
  new Map(
    opened
      .filter((r) => hasRound(r) && Number(r.ch_events) > 0)
      .map((r) => [
        r.session_id,
        {
          min_ms: Number(r.ch_min_ms),
          max_ms: Number(r.ch_max_ms),
          minutes: r.ch_minutes.map(Number),
          everyViewer: asBool(r.ch_every_viewer),
          viewers: r.ch_viewers,
        },
      ]),
  );

/**
 * A session's latest listed prefix, as the round's opening statement read it (version 0: none), and
 * whether the round (of `version`) may read it: taken within VIEWER_PREFIX_MAX_AGE_MS, and no event
 * before its cut arrived since its round started, less the margin.
 */
function lastPrefixOf(row: OpenRow, version: number): { last: Prefix; readable: boolean } {
  const last = {
    version: Number(row.prefix_version),
    cutMs: Number(row.prefix_cut_ms),
    viewers: Number(row.prefix_viewers) === 1,
    products: Number(row.prefix_products) === 1,
  };
  return { last, readable: snapshotReadable(last.version, Number(row.prefix_late), version) };
}

/**
 * Whether a round (of \`version\`) may read a snapshot of either kind (taken by the round of \`snapshot\`; 0: none):
 * taken within VIEWER_PREFIX_MAX_AGE_MS, and none of the events before its cut arrived since its round
 * started, less the margin (\`late\`: the opening statement's count of them).
 */
function snapshotReadable(snapshot: number, late: number, version: number): boolean {
  const takenMs = snapshot > 0 ? roundStartOfVersion(snapshot) : null;
  return takenMs !== null && roundStartOfVersion(version)! - takenMs < VIEWER_PREFIX_MAX_AGE_MS && late === 0;
}

/** The cut of a snapshot a round takes: the clock minute at or before the last event less VIEWER_PREFIX_TAIL_MS. */
const prefixCutOf = (frame: SessionFrame): number =>
  Math.floor((frame.lastMs - VIEWER_PREFIX_TAIL_MS) / 60_000) * 60_000;

/** The parameters of PREFIXES for `frames`, each with its prefix, and the bounds of their cuts. */
const prefixParams = (
  frames: readonly SessionFrame[],
  prefixes: ReadonlyMap<string, Prefix>,
): Record<string, unknown> => {
  const chosen = frames.map((f) => prefixes.get(f.id)!);
  return {
    prefixSessions: frames.map((f) => f.id),
    prefixVersions: chosen.map((p) => p.version),
    prefixCuts: chosen.map((p) => p.cutMs),
    // constant bounds for the sorting key: the events after the earliest cut, before the latest
    tailFromMs: Math.min(...chosen.map((p) => p.cutMs)),
    cutsBeforeMs: Math.max(...chosen.map((p) => p.cutMs)),
  };
};

/** The parameters of a chained snapshot of `frames`: from their last one (`from`) to the one `taken` this round. */
const chainedParams = (
  brandId: string,
  version: number,
  frames: readonly SessionFrame[],
  from: ReadonlyMap<string, Prefix>,
  taken: ReadonlyMap<string, Prefix>,
): Record<string, unknown> => {
  const nextCuts = frames.map((f) => taken.get(f.id)!.cutMs);
  return {
    brandId,
    ...prefixParams(frames, from),
    nextVersion: version,
    nextCuts,
    cutsBeforeMs: Math.max(...nextCuts),
  };
};

/** A session's number of minutes: ceil(duration / 60 s), at least one (docs/METRICS-DECISIONS.md). */
const minuteCount = (durationSeconds: number): number => Math.max(1, Math.ceil(durationSeconds / 60));

const asBool = (value: number | boolean): boolean => value === true || Number(value) === 1;

/**
 * The minutes a round that carries the others over rebuilds: those that received events (`touched`,
 * from the start; -1 is in no minute row), and every minute from the last one of the rollup it starts
 * from (`baseMinutes` of them) to the last one now. An event at the very end instant belongs to the
 * last minute, so when the stream grows past it, it moves to the next minute — which may receive no
 * new event if the stream paused (docs/ARCHITECTURE.md, "Minutes carried on the whole path too").
 */
function minutesToRebuild(touched: readonly number[], baseMinutes: number, minutes: number): number[] {
  const [from, to] = [Math.min(baseMinutes, minutes), Math.max(baseMinutes, minutes)];
  const last = Array.from({ length: to - from + 1 }, (_, k) => from - 1 + k);
  return [...new Set([...touched, ...last])].filter((m) => m >= 0).sort((a, b) => a - b);
}

/**
 * Where a live round takes each minute it rebuilds from (minutesLiveFromRowsSql): from the viewer-minute
 * rows it wrote when it wrote every one of that minute's (it rebuilt the minute from its events: a
 * touched minute, or every minute of a session rolled up whole), else from the events. The last minute
 * also holds the events at the very end instant when that instant is a whole number of minutes from the
 * start (they are in the next minute's rows), so it then comes from the events; so does every minute of a
 * round that rebuilt none (its viewer rows were due, nothing arrived).
 */
function minuteSources(plan: LivePlan): { fromRows: number[]; fromEvents: number[] } {
  const { frame } = plan;
  const minutes = liveMinutes(frame);
  const rebuilt = frame.base === null ? Array.from({ length: minutes }, (_, k) => k) : frame.rebuildMinutes;
  const written = (k: number): boolean => plan.minutes === null || plan.minutes.includes(k);
  const endOnBoundary = (frame.lastMs - frame.startMs) % 60_000 === 0;
  const fromRows = rebuilt.filter((k) => written(k) && !(k === minutes - 1 && endOnBoundary));
  return { fromRows, fromEvents: rebuilt.filter((k) => !fromRows.includes(k)) };
}

/** A live session's number of minutes so far: from its start to its last event. */
const liveMinutes = (f: Pick<SessionFrame, 'startMs' | 'lastMs'>): number =>
  minuteCount(Math.max(0, f.lastMs - f.startMs) / 1000);

/** Where a minutes statement starts reading events: the earliest minute any of its sessions rebuilds (0: all). */
const firstRebuiltMs = (frames: readonly SessionFrame[]): number =>
  Math.max(
    0,
    Math.min(...frames.map((f) => (f.base === null ? 0 : f.startMs + 60_000 * Math.min(...f.rebuildMinutes)))),
  );

/**
 * The statements that write a row per viewer (session_viewers, viewer_first_session, viewer_purchases):
 * each writes at most one row per key and version (they group by session and viewer, or copy such
 * rows), so the insert-time merge of the block (`optimize_on_insert`) has nothing to collapse and only
 * costs its sort: 100 000 viewer rows took ~30 % less to write without it (BENCHMARKS.md, bench:live).
 */
const PER_VIEWER = { lane: 'maintenance', settings: { optimize_on_insert: 0 } } as const;
/**
 * The live path's viewer-minute rows group by their table's whole key (session, viewer and minute) in
 * the same way: no insert-time merge either. `bench:rollup --events 3000000 --minutes 2 --viewers 100000
 * --batch 30000 --only live`, three alternated pairs: 215–283 ms against 352–424 ms per round. The viewer
 * totals (live_viewer_rows) gained nothing measurable from it (360–400 ms both ways), so they keep the
 * default (BENCHMARKS.md, twenty-fourth session). Two threads, like the stats statement: at 30 000
 * events/s the statement reads the ~1.8 M events of the minute being streamed each round, and the push
 * waits for it (`bench:live-scale --events 4000000`, two alternated pairs: 958–1 431 against 1 335–1 991 ms
 * per round; the totals gained nothing from a second thread; BENCHMARKS.md, twenty-fifth session).
 */
const VIEWER_MINUTE_WRITE = {
  tag: 'rollup.viewer_minutes',
  ...PER_VIEWER,
  settings: { ...PER_VIEWER.settings, max_threads: 2 },
} as const;
const LIVE_ROWS_WRITE = { tag: 'rollup.live_rows', lane: 'maintenance' } as const;
/**
 * session_stats, written last by a round: what readers follow, so the reads it wakes go first (EngineTurns).
 * Unlike the round's other statements it may use two threads: the live push waits for it, and in embedded
 * mode no read runs while it holds the engine's turn anyway (`bench:live` at 1 M events: the statement
 * 315–320 ms against 367–386 ms on one thread, push p95 1.27–1.35 s against 1.47–1.59 s; BENCHMARKS.md).
 */
const PUBLISH_STATS = {
  tag: ROLLUP_STATS_TAG,
  lane: 'maintenance',
  publishes: true,
  settings: { max_threads: 2 },
} as const;

export class RollupRefresher {
  /** This process's rebuilds run one after another (another process's are told apart by their versions). */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly liveMarginMs: number;
  private readonly marginFromInserts: boolean;
  private readonly lookBackWindowMs: number;
  private readonly liveFromEvents: number;
  private readonly liveEventsPerViewer: number;
  private readonly livePath: boolean;
  private readonly viewerRowsFrom: number;
  private readonly viewerPrefixes: boolean;
  private readonly chainPrefixes: boolean;
  private readonly storedRowsOneByOneFrom: number;
  private readonly liveRowsAllFromShare: number;
  private readonly livePrefixFrom: number;
  private readonly prefixFromEvents: number;
  /**
   * Per brand, how many stored rows this process's last round counted of each session: which sessions the
   * next opening statement counts one by one (only the cost depends on it). Forgotten when a session ends.
   */
  private readonly storedRowsSeen = new Map<string, Map<string, number>>();
  /** How stale a big live session's viewer rows may get (VIEWER_ROWS_EVERY_MS unless set). */
  readonly viewerRowsEveryMs: number;
  /** Per brand, the sessions whose last round here deferred their viewer rows. */
  private readonly deferred = new Map<string, Set<string>>();
  /** Ended sessions' earlier rounds waiting for removeSuperseded, oldest first. */
  private superseded: Superseded[] = [];

  constructor(
    private readonly gateway: ClickHouseGateway,
    options: RollupRefresherOptions = {},
  ) {
    this.liveMarginMs = options.liveMarginMs ?? LIVE_MARGIN_MS;
    this.marginFromInserts = options.marginFromInserts ?? true;
    this.lookBackWindowMs = options.lookBackWindowMs ?? LOOK_BACK_WINDOW_MS;
    this.liveFromEvents = options.liveFromEvents ?? LIVE_FROM_EVENTS;
    this.liveEventsPerViewer = options.liveEventsPerViewer ?? LIVE_EVENTS_PER_VIEWER;
    this.livePath = options.livePath ?? true;
    this.viewerRowsFrom = options.viewerRowsFrom ?? VIEWER_ROWS_FROM;
    this.viewerRowsEveryMs = options.viewerRowsEveryMs ?? VIEWER_ROWS_EVERY_MS;
    this.viewerPrefixes = options.viewerPrefixes ?? true;
    this.chainPrefixes = options.chainPrefixes ?? true;
    this.storedRowsOneByOneFrom = options.storedRowsOneByOneFrom ?? STORED_ROWS_ONE_BY_ONE_FROM;
    this.liveRowsAllFromShare = options.liveRowsAllFromShare ?? LIVE_ROWS_ALL_FROM_SHARE;
    this.livePrefixFrom = options.livePrefixFrom ?? VIEWER_ROWS_FROM;
    this.prefixFromEvents = options.prefixFromEvents ?? VIEWER_PREFIX_FROM_EVENTS;
  }

  /**
   * The opening statement for a round of `sessionIds` and its parameters: the largest sessions (by what
   * the last round here counted) counted one by one, the rest grouped. The text depends only on how many
   * are counted one by one; the ids stay parameters.
   */
  private openStatement(brandId: string, sessionIds: readonly string[]): { sql: string; params: QueryParams } {
    const counted = this.storedRowsSeen.get(brandId);
    const seen = (id: string) => counted?.get(id) ?? -1;
    const alone = sessionIds
      .filter((id) => seen(id) >= this.storedRowsOneByOneFrom)
      .sort((a, b) => seen(b) - seen(a))
      .slice(0, STORED_ROWS_ONE_BY_ONE);
    return {
      sql: OPEN_SQL[alone.length],
      params: {
        groupedSessions: sessionIds.filter((id) => !alone.includes(id)),
        ...Object.fromEntries(alone.map((id, i) => [`storedSession${i}`, id])),
      },
    };
  }

  /**
   * The sessions whose last round here left their viewer rows behind their stats: a round after
   * viewerRowsEveryMs writes them even without new events (RollupScheduler asks for one).
   */
  deferredSessions(): Map<string, Set<string>> {
    return new Map([...this.deferred].map(([brandId, ids]) => [brandId, new Set(ids)]));
  }

  /**
   * Rebuilds every rollup of the given sessions of one brand that received events since its last
   * rebuild, or whose viewer rows a round left behind and are due. `viewerRows`: write those now,
   * however recent the last ones (shutdown).
   */
  refreshSessions(
    brandId: string,
    sessionIds: readonly string[],
    { viewerRows = false }: { viewerRows?: boolean } = {},
  ): Promise<void> {
    const ids = [...new Set(sessionIds)];
    if (ids.length === 0) return Promise.resolve();
    const run = this.queue.then(() => this.rebuild(brandId, ids, viewerRows));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * In how many ms the oldest ended session's earlier rounds may go (0: now), null when none waits:
   * RollupScheduler calls removeSuperseded then.
   */
  supersededDueInMs(nowMs = Date.now()): number | null {
    return this.superseded.length === 0 ? null : Math.max(0, this.superseded[0].dueMs - nowMs);
  }

  /**
   * Removes the earlier rounds of the ended sessions whose time has come by `nowMs` (Infinity: all, at
   * shutdown), after any rebuild in progress here. What fails stays for the next call. A process that
   * stops without calling it leaves those rows: readers never follow them, they only cost that session's
   * reads a second generation to skip (docs/ARCHITECTURE.md, "Two slots per rollup key").
   */
  removeSuperseded(nowMs = Date.now()): Promise<void> {
    const run = this.queue.then(async () => {
      while (this.superseded.length > 0 && this.superseded[0].dueMs <= nowMs) {
        const { brandId, ids, version } = this.superseded[0];
        await this.removeEarlierRounds(brandId, ids, version);
        this.superseded.shift();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** What the opening statement counted of each session, for the next one (openStatement). */
  private rememberStoredRows(brandId: string, opened: readonly OpenRow[]): void {
    let counted = this.storedRowsSeen.get(brandId);
    if (!counted) this.storedRowsSeen.set(brandId, (counted = new Map()));
    // (a hint for the cost only: sessions that never end must not make it grow without bound)
    if (counted.size > STORED_ROWS_SEEN_MAX) counted.clear();
    for (const row of opened) {
      if (asBool(row.has_end)) counted.delete(row.session_id);
      else counted.set(row.session_id, Number(row.events));
    }
  }

  /**
   * The look-back of this round's opening statement (sinceRoundOf; docs/ARCHITECTURE.md, "The look-back
   * from the inserts"): for an earlier round that started in the last lookBackWindowMs, while this
   * process tracked its inserts, as long as the longest insert into `events` that finished since or is
   * running, plus the slack, at most liveMarginMs; for an older round, or in server mode (other processes
   * insert too), liveMarginMs.
   */
  private marginParams(): { marginMs: number; fixedMarginMs: number; lookBackFromMs: number } {
    const longest = this.marginFromInserts ? this.gateway.longestWriteMs('events', this.lookBackWindowMs) : null;
    // after that call: every earlier round from here on is within the window it looked at
    const now = Date.now();
    return {
      marginMs:
        longest === null ? this.liveMarginMs : Math.min(this.liveMarginMs, Math.ceil(longest) + LIVE_MARGIN_SLACK_MS),
      fixedMarginMs: this.liveMarginMs,
      // (no earlier round qualifies when the margin is fixed)
      lookBackFromMs:
        longest === null ? Number.MAX_SAFE_INTEGER : Math.max(WRITES_TRACKED_FROM_MS, now - this.lookBackWindowMs),
    };
  }

  private async rebuild(brandId: string, requested: string[], viewerRowsNow: boolean): Promise<void> {
    const scope = {
      brandId,
      sessionIds: requested,
      ...this.marginParams(),
      // a finite Float64 parameter (a test's Infinity: never every viewer)
      liveRowsAllFromShare: Math.min(this.liveRowsAllFromShare, 1e12),
      ...ROUND_VERSION_PARAMS,
    };
    const open = this.openStatement(brandId, requested);
    const opened = await this.gateway.query<OpenRow>(
      open.sql,
      { ...scope, ...open.params },
      { tag: 'rollup.frame', lane: 'maintenance' },
    );
    this.rememberStoredRows(brandId, opened);
    const changes = changesOf(opened);
    // The round's version is the engine's clock when that statement started, before it read anything.
    const version = rollupVersionAt(Number(opened[0].now_ms));
    // (a session with no frame or base has the columns' defaults there: in_frame, in_base and has_end 0)
    const rows = new Map(opened.map((r) => [r.session_id, r]));
    const bases = new Map(opened.filter((r) => asBool(r.in_base)).map((r) => [r.session_id, r]));
    const hasEnd = (id: string): boolean => asBool(rows.get(id)?.has_end ?? false);
    const isLive = (id: string) => {
      if (!this.livePath || hasEnd(id)) return false;
      const stored = Number(rows.get(id)?.events ?? 0);
      const viewers = Number(bases.get(id)?.unique_viewers ?? 0);
      return stored >= this.liveFromEvents && stored >= viewers * this.liveEventsPerViewer;
    };
    // A big live session's viewer rows wait while the last ones are recent (VIEWER_ROWS_FROM)
    const nowMs = Number(opened[0].now_ms);
    const viewerRowsOf = (id: string): number | null => {
      const base = bases.get(id);
      if (viewerRowsNow || !base || hasEnd(id) || asBool(base.ended)) return null;
      if (Number(base.unique_viewers) < this.viewerRowsFrom) return null;
      const written = roundStartOfVersion(Number(base.viewers_version));
      return written !== null && nowMs - written < this.viewerRowsEveryMs ? Number(base.viewers_version) : null;
    };
    // nothing new, but a round deferred the viewer rows and they are due now
    const rowsDue = (id: string): boolean => {
      const base = bases.get(id);
      return (
        base !== undefined && Number(base.viewers_version) !== Number(base.current_version) && viewerRowsOf(id) === null
      );
    };
    const ended = requested.filter((id) => !isLive(id));
    const live = requested.filter(isLive);
    // sessions whose viewer rows a round (here or in another process) has written since
    let deferred = this.deferred.get(brandId);
    for (const [id, base] of bases)
      if (Number(base.viewers_version) === Number(base.current_version)) deferred?.delete(id);
    const written: SessionFrame[] = [];
    if (ended.length > 0) {
      written.push(...(await this.rebuildWhole(brandId, ended, rows, bases, changes, version, viewerRowsOf, rowsDue)));
    }
    if (live.length > 0) {
      const plans = this.planLive(live, rows, bases, changes, viewerRowsOf, rowsDue);
      if (plans.length > 0) await this.rebuildLive(brandId, plans, rows, version);
      written.push(...plans.map((p) => p.frame));
    }
    deferred = this.deferred.get(brandId);
    for (const frame of written) {
      if (frame.viewersVersion === null) deferred?.delete(frame.id);
      else if (deferred) deferred.add(frame.id);
      else this.deferred.set(brandId, (deferred = new Set([frame.id])));
    }
    if (deferred?.size === 0) this.deferred.delete(brandId);
  }

  /**
   * An ended session, or a live one below the live path's size (with `livePath: false`, any session),
   * rebuilt from all of its events. An ended session is skipped when its rollup was built whole, ended,
   * from as many events (e.g. another ingest replica rebuilt it after the same commit): nothing new to
   * show. A live one takes its bounds and dimensions from what the round opened with (`opened`: its
   * rare events, and its first and last instants and rows stored, repeats not yet merged included)
   * instead of reading all its events again for them; it is skipped when nothing arrived since its
   * last round started, less the margin (`changes`), unless its deferred viewer rows are due.
   */
  private async rebuildWhole(
    brandId: string,
    ids: string[],
    opened: ReadonlyMap<string, OpenRow>,
    bases: ReadonlyMap<string, BaseRow>,
    changes: ReadonlyMap<string, ChangesRow>,
    version: number,
    viewerRowsOf: (id: string) => number | null,
    rowsDue: (id: string) => boolean,
  ): Promise<SessionFrame[]> {
    const live = this.livePath
      ? ids.filter((id) => {
          const row = opened.get(id);
          return row !== undefined && !asBool(row.has_end) && Number(row.events) > 0;
        })
      : [];
    const rest = ids.filter((id) => !live.includes(id));
    const read =
      rest.length > 0
        ? await this.gateway.query<SessionEventsRow>(
            SESSIONS_SQL,
            { brandId, sessionIds: rest },
            { tag: 'rollup.sessions', lane: 'maintenance' },
          )
        : [];
    const frames: SessionFrame[] = [
      ...read.filter((s) => {
        const base = bases.get(s.session_id);
        return (
          !base ||
          !hasRound(base) ||
          // (a live round's count includes repeats not yet merged: comparable only with an ended one's)
          !asBool(base.ended) ||
          Number(base.events_read) !== Number(s.events) ||
          rowsDue(s.session_id)
        );
      }),
      ...live
        .filter((id) => {
          const unchanged = hasRound(bases.get(id)) && !changes.has(id);
          return !unchanged || rowsDue(id);
        })
        .map((id) => liveSessionRow(opened.get(id)!)),
    ].map((s) => ({
      id: s.session_id,
      startMs: Number(s.start_ms),
      endMs: Number(s.end_ms),
      lastMs: Number(s.last_ms),
      commercerId: s.commercer_id,
      commercerName: s.commercer_name,
      commercerKind: s.commercer_kind,
      title: s.title,
      platform: s.platform,
      currency: s.currency,
      pins: s.pins,
      eventsRead: Number(s.events),
      viewersVersion: viewerRowsOf(s.session_id),
      rebuildMinutes: [],
      base: null,
    }));
    if (frames.length === 0) return frames;
    const planned = this.carryMinutes(frames, bases, changes);
    const prefixes = await this.viewerPrefixesOf(brandId, planned, opened, bases, version);
    const withRows = planned.filter((f) => f.viewersVersion === null);
    const rowsFromEvents = withRows.filter((f) => prefixes.get(f.id)?.viewers !== true);
    const rowsFromPrefix = withRows.filter((f) => prefixes.get(f.id)?.viewers === true);
    if (rowsFromEvents.length > 0)
      await this.gateway.command(VIEWERS_SQL, this.boundsParams(brandId, rowsFromEvents, version), {
        tag: 'rollup.viewers',
        ...PER_VIEWER,
      });
    if (rowsFromPrefix.length > 0)
      await this.gateway.command(
        VIEWERS_FROM_PREFIX_SQL,
        { ...this.boundsParams(brandId, rowsFromPrefix, version), ...prefixParams(rowsFromPrefix, prefixes) },
        { tag: 'rollup.viewers', ...PER_VIEWER },
      );
    // (a session without a base rebuilds every minute: firstRebuiltMs is 0 then)
    await this.gateway.command(
      planned.some((f) => f.base !== null) ? MINUTES_LIVE_SQL : MINUTES_SQL,
      { ...this.boundsParams(brandId, planned, version), fromMs: firstRebuiltMs(planned) },
      { tag: 'rollup.minutes', lane: 'maintenance' },
    );
    await this.writeFromViewers(brandId, version, planned, STATS_FROM_EVENTS_SQL, prefixes);
    // an ended session rolled up before keeps this round's rows only, now that its stats point at them,
    // once a reader that took the earlier pointer just before is done (EARLIER_ROUNDS_KEPT_MS)
    const ended = planned.filter((f) => f.endMs >= 0 && bases.has(f.id)).map((f) => f.id);
    if (ended.length > 0)
      this.superseded.push({ brandId, ids: ended, version, dueMs: Date.now() + EARLIER_ROUNDS_KEPT_MS });
    return planned;
  }

  /**
   * Two slots per rollup key keep a session's rows of the round before the one its stats point at
   * (docs/ARCHITECTURE.md); once it has ended nothing rewrites them, so they go, by a lightweight delete
   * (on the local tables where the rows live, in a cluster), EARLIER_ROUNDS_KEPT_MS after its last round.
   */
  private async removeEarlierRounds(brandId: string, ids: readonly string[], version: number): Promise<void> {
    // (the cluster's name is checked when the gateway opens: CLUSTER_NAME)
    const cluster = this.gateway.config.cluster;
    for (const table of SLOTTED_TABLES)
      await this.gateway.command(
        `DELETE FROM ${cluster ? `${table}_local ON CLUSTER ${cluster}` : table}
         WHERE brand_id = {brandId:String} AND session_id IN {ids:Array(String)} AND version < {version:UInt64}`,
        { brandId, ids, version },
        { tag: 'rollup.cleanup', lane: 'maintenance' },
      );
  }

  /**
   * The prefix each of `frames` reads this round: its latest snapshot, unless an event before the cut
   * arrived since its round started (less the margin), or it is older than VIEWER_PREFIX_MAX_AGE_MS. A
   * frame that writes its viewer rows this round gets a new snapshot first when it has none to read with
   * viewer rows (a live round's product rows alone do not do) or its cut trails by a minute more than it
   * must: its viewer rows, and its product rows, each chained from the last snapshot when that one is
   * readable and has them. This round's rows then come from it.
   */
  private async viewerPrefixesOf(
    brandId: string,
    frames: readonly SessionFrame[],
    opened: ReadonlyMap<string, OpenRow>,
    bases: ReadonlyMap<string, BaseRow>,
    version: number,
  ): Promise<Map<string, Prefix>> {
    if (!this.livePath || !this.viewerPrefixes) return new Map();
    const eligible = frames.filter((f) => {
      const base = bases.get(f.id);
      return (
        f.endMs < 0 &&
        base !== undefined &&
        (Number(base.unique_viewers) >= this.viewerRowsFrom || f.eventsRead >= this.prefixFromEvents)
      );
    });
    const plan = this.planPrefixes(eligible, opened, version, true, (f) => f.viewersVersion === null);
    const { prefixes, taking, taken, chainedFrom } = plan;
    if (taking.length === 0) return prefixes;
    const chained = taking.filter((f) => chainedFrom.get(f.id)?.viewers === true);
    const fresh = taking.filter((f) => chainedFrom.get(f.id)?.viewers !== true);
    if (fresh.length > 0)
      await this.gateway.command(
        PREFIX_ROWS_SQL,
        { brandId, ...prefixParams(fresh, taken) },
        { tag: 'rollup.prefix', ...PER_VIEWER },
      );
    if (chained.length > 0)
      await this.gateway.command(
        PREFIX_ROWS_CHAINED_SQL,
        chainedParams(brandId, version, chained, chainedFrom, taken),
        { tag: 'rollup.prefix', ...PER_VIEWER },
      );
    await this.takeProductPrefixes(brandId, version, taking, chainedFrom, taken, true);
    for (const [id, prefix] of taken) prefixes.set(id, prefix);
    return prefixes;
  }

  /**
   * The product prefix each live session of `frames` reads this round (docs/ARCHITECTURE.md, "Product
   * prefixes on the live path"): its latest snapshot with product rows, read as the whole path reads it
   * (viewerPrefixesOf), for its product rows only (a live round's viewer rows come from its viewer
   * totals). A new one, of product rows alone, is taken first when there is none to read or its cut
   * trails by a minute more than it must: chained from the last one when that one is readable and has
   * product rows. A live round's products then come from the snapshot and the events from its cut on.
   */
  private async productPrefixesOf(
    brandId: string,
    frames: readonly SessionFrame[],
    opened: ReadonlyMap<string, OpenRow>,
    version: number,
  ): Promise<Map<string, Prefix>> {
    if (!this.viewerPrefixes) return new Map();
    const { prefixes, taking, taken, chainedFrom } = this.planPrefixes(frames, opened, version, false, () => true);
    if (taking.length === 0) return prefixes;
    await this.takeProductPrefixes(brandId, version, taking, chainedFrom, taken, false);
    for (const [id, prefix] of taken) prefixes.set(id, prefix);
    return prefixes;
  }

  /**
   * Which prefix each of `frames` reads, and which take a new one this round: with viewer rows and product
   * rows (`viewers`: a whole rebuild's) or product rows alone (a live round's, which reads only the product
   * rows of the one it has). A frame takes one (if `mayTake` it) when its cut passed the start and it has
   * none readable with those rows, or the cut trails by a minute more than it must; chained from the last
   * one when that one is readable (`chainedFrom`; each kind of rows chains only where the last has them).
   */
  private planPrefixes(
    frames: readonly SessionFrame[],
    opened: ReadonlyMap<string, OpenRow>,
    version: number,
    viewers: boolean,
    mayTake: (frame: SessionFrame) => boolean,
  ): {
    prefixes: Map<string, Prefix>;
    taking: SessionFrame[];
    taken: Map<string, Prefix>;
    chainedFrom: Map<string, Prefix>;
  } {
    const plan = {
      prefixes: new Map<string, Prefix>(),
      taking: [] as SessionFrame[],
      taken: new Map<string, Prefix>(),
      chainedFrom: new Map<string, Prefix>(),
    };
    for (const frame of frames) {
      const row = opened.get(frame.id);
      if (!row) continue;
      const { last, readable } = lastPrefixOf(row, version);
      const has = viewers ? last.viewers : last.products;
      const cutMs = prefixCutOf(frame);
      if (mayTake(frame) && cutMs > frame.startMs && (!readable || !has || cutMs - last.cutMs >= 60_000)) {
        plan.taking.push(frame);
        plan.taken.set(frame.id, { version, cutMs, viewers, products: true });
        if (readable && this.chainPrefixes) plan.chainedFrom.set(frame.id, last);
      } else if (readable) plan.prefixes.set(frame.id, viewers ? last : { ...last, viewers: false });
    }
    return plan;
  }

  /**
   * The product rows of the snapshots `taken` for `frames` (chained from the last one where `chainedFrom`
   * has one with product rows, from the events before the cut otherwise), then the snapshots' listing,
   * with viewer rows (`viewerRows`: a whole rebuild's) or without (a live round's). Listed only once all
   * their rows are written, a reader never takes a snapshot in part.
   */
  private async takeProductPrefixes(
    brandId: string,
    version: number,
    frames: readonly SessionFrame[],
    chainedFrom: ReadonlyMap<string, Prefix>,
    taken: ReadonlyMap<string, Prefix>,
    viewerRows: boolean,
  ): Promise<void> {
    const chained = frames.filter((f) => chainedFrom.get(f.id)?.products === true);
    const fresh = frames.filter((f) => chainedFrom.get(f.id)?.products !== true);
    if (fresh.length > 0)
      await this.gateway.command(
        PRODUCT_PREFIX_ROWS_SQL,
        { brandId, ...prefixParams(fresh, taken) },
        { tag: 'rollup.prefix', lane: 'maintenance' },
      );
    if (chained.length > 0)
      await this.gateway.command(
        PRODUCT_PREFIX_ROWS_CHAINED_SQL,
        chainedParams(brandId, version, chained, chainedFrom, taken),
        { tag: 'rollup.prefix', lane: 'maintenance' },
      );
    await this.gateway.command(
      PREFIX_LIST_SQL,
      { brandId, ...prefixParams(frames, taken), listViewers: viewerRows ? 1 : 0 },
      { tag: 'rollup.prefix', lane: 'maintenance' },
    );
  }

  /**
   * A live session rebuilt whole whose rollup an earlier round wrote from the same start keeps the
   * minutes that received no event since that round started (less the margin): its minutes are
   * rebuilt from their events only where events arrived, and at its last minutes, and carried over
   * elsewhere — what the live path does, by the same argument (docs/ARCHITECTURE.md, "Minutes carried
   * on the whole path too"). Its settled pin segments are carried over as well (they follow `base`).
   * Every other session is returned as it came: rebuilt in all its minutes.
   */
  private carryMinutes(
    frames: SessionFrame[],
    bases: ReadonlyMap<string, BaseRow>,
    changes: ReadonlyMap<string, ChangesRow>,
  ): SessionFrame[] {
    const carriable = (f: SessionFrame): boolean => {
      const base = bases.get(f.id);
      return (
        this.livePath &&
        f.endMs < 0 &&
        base !== undefined &&
        hasRound(base) &&
        !asBool(base.ended) &&
        Number(base.start_ms) === f.startMs &&
        // a stream of two minutes or less rebuilds them all anyway (its last minutes): no statement for nothing
        liveMinutes(f) > 2
      );
    };
    const candidates = frames.filter(carriable);
    if (candidates.length === 0) return frames;
    const carried = new Set(candidates);
    return frames.map((f) => {
      if (!carried.has(f)) return f;
      const base = bases.get(f.id)!;
      const change = changes.get(f.id);
      // an event before the start (the start is its session_start's): rebuilt in all its minutes, as the live path does
      if (change && change.min_ms < f.startMs) return f;
      return {
        ...f,
        rebuildMinutes: minutesToRebuild(change?.minutes ?? [], Number(base.minutes), liveMinutes(f)),
        base: { version: Number(base.current_version), durationSeconds: Number(base.duration_seconds) },
      };
    });
  }

  /**
   * Which minutes each live session needs rebuilt. A session whose last rollup was written by a live
   * round (a version with its start time, no events counted) in the same frame needs only the
   * minutes of the events that arrived since that round started, less the margin; one with nothing
   * new is skipped. Every other one — no rollup yet, one rebuilt whole (while the session was small),
   * an older kind of version, a start that moved, an event before the start — is rebuilt in all its
   * minutes.
   */
  private planLive(
    ids: string[],
    opened: ReadonlyMap<string, OpenRow>,
    bases: ReadonlyMap<string, BaseRow>,
    changes: ReadonlyMap<string, ChangesRow>,
    viewerRowsOf: (id: string) => number | null,
    rowsDue: (id: string) => boolean,
  ): LivePlan[] {
    const frameOf = (
      id: string,
      startMs: number,
      lastMs: number,
      base: BaseRow | null,
      touched: number[],
    ): SessionFrame => {
      const f = opened.get(id);
      const minutes = liveMinutes({ startMs, lastMs });
      return {
        id,
        startMs,
        endMs: -1,
        lastMs,
        commercerId: f?.commercer_id ?? '',
        commercerName: f?.commercer_name ?? '',
        commercerKind: f?.commercer_kind ?? '',
        title: f?.title ?? '',
        platform: f?.platform ?? '',
        currency: f?.currency ?? '',
        pins: f?.pins ?? [],
        eventsRead: 0,
        viewersVersion: viewerRowsOf(id),
        rebuildMinutes: base ? minutesToRebuild(touched, Number(base.minutes), minutes) : [],
        base: base ? { version: Number(base.current_version), durationSeconds: Number(base.duration_seconds) } : null,
      };
    };
    const startEvent = (id: string): number | null => {
      const f = opened.get(id);
      return f && asBool(f.has_start) ? Number(f.start_event_ms) : null;
    };

    const incremental = ids.filter((id) => {
      const base = bases.get(id);
      if (!base || !hasRound(base) || asBool(base.ended)) return false;
      // a rollup rebuilt whole (it counted its events) wrote no viewer-minute rows to start from
      if (Number(base.events_read) !== 0) return false;
      // nor viewer totals one written before migration 0022 (a session with viewers but none kept; one that
      // reads viewer totals snapshots keeps none but their mark, and without one sums every viewer's)
      if (Number(base.unique_viewers) > 0 && Number(opened.get(id)?.live_rows ?? 0) === 0) return false;
      const start = startEvent(id);
      return start === null || start === Number(base.start_ms);
    });
    const plans: LivePlan[] = [];
    const whole = new Set(ids.filter((id) => !incremental.includes(id)));
    for (const id of incremental) {
      const base = bases.get(id)!;
      const change = changes.get(id);
      // nothing arrived since its last round: skipped, unless a round deferred its viewer rows and they are due
      if (!change && !rowsDue(id)) continue;
      if (change && change.min_ms < Number(base.start_ms)) {
        whole.add(id); // an event before the start: the start (without session_start) or minute -1 moves
        continue;
      }
      const minutes = change?.minutes ?? [];
      plans.push({
        frame: frameOf(id, Number(base.start_ms), instantsOf(opened.get(id)!).lastMs, base, minutes),
        minutes,
        everyViewer: change?.everyViewer ?? false,
        viewers: change?.viewers ?? [],
      });
    }
    for (const id of whole) {
      const row = opened.get(id);
      if (!row || Number(row.events) === 0) continue; // nothing stored: nothing to roll up
      const { firstMs, lastMs } = instantsOf(row);
      plans.push({
        frame: frameOf(id, startEvent(id) ?? firstMs, lastMs, null, []),
        minutes: null,
        everyViewer: true,
        viewers: [],
      });
    }
    return plans;
  }

  /**
   * Live sessions: their viewer-minute rows for the minutes that changed; a big session's viewer totals
   * snapshot (livePrefixesOf), from which its session_viewers (or, when the round defers them, its stats)
   * are worked out in place; another session's totals of the viewers with new events summed again from
   * their rows (live_viewer_rows; the others' latest rows stand) and session_viewers copied from those
   * totals unless the round defers it; the minutes that changed rebuilt from their
   * events and the rest carried over; then everything after, as a whole rebuild writes it, but for the
   * products: from the session's product prefix and the events after its cut (productPrefixesOf).
   */
  private async rebuildLive(
    brandId: string,
    plans: LivePlan[],
    opened: ReadonlyMap<string, OpenRow>,
    version: number,
  ): Promise<void> {
    const frames = plans.map((p) => p.frame);
    const params = this.boundsParams(brandId, frames, version);
    const fromMs = firstRebuiltMs(frames);
    await this.gateway.command(
      VIEWER_MINUTES_SQL,
      { ...params, version, fromMs, touched: plans.map((p) => p.minutes ?? []) },
      VIEWER_MINUTE_WRITE,
    );
    const spans = await this.livePrefixesOf(brandId, plans, opened, version);
    // A session whose totals come from a snapshot writes no live_viewer_rows this round; one that has taken
    // snapshots before (listed) may have none or stale ones, so without a snapshot it sums every viewer
    const fromMinutes = plans.filter((p) => !spans.has(p.frame.id));
    const hadSnapshots = (p: LivePlan) => Number(opened.get(p.frame.id)?.live_marked ?? 0) > 0;
    const allViewers = fromMinutes.filter((p) => p.everyViewer || hadSnapshots(p));
    const changed = fromMinutes.filter(
      (p) => !p.everyViewer && !hadSnapshots(p) && p.minutes !== null && p.viewers.length > 0,
    );
    if (allViewers.length > 0)
      await this.gateway.command(
        LIVE_ROWS_ALL_SQL,
        { ...params, sessionIds: allViewers.map((p) => p.frame.id) },
        LIVE_ROWS_WRITE,
      );
    if (changed.length > 0) {
      const viewers = {
        ...params,
        sessionIds: changed.map((p) => p.frame.id),
        touchedSessions: changed.flatMap((p) => p.viewers.map(() => p.frame.id)),
        touchedViewers: changed.flatMap((p) => p.viewers),
      };
      await this.gateway.command(LIVE_ROWS_TOUCHED_SQL, viewers, LIVE_ROWS_WRITE);
    }
    const withRows = frames.filter((f) => f.viewersVersion === null);
    const rowsFromMinutes = withRows.filter((f) => !spans.has(f.id));
    const rowsFromSnapshot = withRows.filter((f) => spans.has(f.id));
    if (rowsFromMinutes.length > 0)
      await this.gateway.command(VIEWERS_FROM_LIVE_ROWS_SQL, this.boundsParams(brandId, rowsFromMinutes, version), {
        tag: 'rollup.viewers',
        ...PER_VIEWER,
      });
    if (rowsFromSnapshot.length > 0)
      await this.gateway.command(
        VIEWERS_FROM_LIVE_SNAPSHOT_SQL,
        {
          ...this.boundsParams(brandId, rowsFromSnapshot, version),
          ...spanParams(rowsFromSnapshot.map((f) => spans.get(f.id)!)),
        },
        { tag: 'rollup.viewers', ...PER_VIEWER },
      );
    // (sessions rolled up in all their minutes have no base: they carry nothing)
    const sources = plans.map(minuteSources);
    // where the events branch starts reading: the earliest minute any session takes from its events
    const eventStarts = plans.flatMap((p, i) =>
      sources[i].fromEvents.length > 0 ? [p.frame.startMs + 60_000 * Math.min(...sources[i].fromEvents)] : [],
    );
    await this.gateway.command(
      minutesLiveFromRowsSql(eventStarts.length > 0),
      {
        ...params,
        version,
        rowsMinutes: sources.map((s) => s.fromRows),
        rowsFromMinute: sources.reduce((min, s) => Math.min(min, s.fromRows[0] ?? LAST_MINUTE), LAST_MINUTE),
        eventsMinutes: sources.map((s) => s.fromEvents),
        ...(eventStarts.length > 0 ? { eventsFromMs: Math.min(...eventStarts) } : {}),
      },
      { tag: 'rollup.minutes', lane: 'maintenance' },
    );
    const products = await this.productPrefixesOf(brandId, frames, opened, version);
    await this.writeFromViewers(brandId, version, frames, STATS_FROM_LIVE_ROWS_SQL, products, spans);
  }

  /**
   * The viewer totals snapshot each live session of `plans` reads this round (docs/ARCHITECTURE.md,
   * "Viewer totals snapshots on the live path"), once the round has written its viewer-minute rows. A
   * session with at least `livePrefixFrom` viewers in its last rollup reads its latest snapshot when that
   * one is readable: taken under the same start within VIEWER_PREFIX_MAX_AGE_MS, no event before its cut
   * arrived since its round started (less the margin), and the round rebuilds only the minutes that
   * changed. A new one is taken first when the session minute at or before the last event less
   * VIEWER_PREFIX_TAIL_MS is past the readable one's (so about once a minute), or there is none readable
   * and that minute is past 0: chained from the readable one (its rows and the minutes since its own),
   * from every viewer-minute row before the minute otherwise. Returns what each such session's round reads:
   * the snapshot and every minute from its own on (the new one where one was taken).
   */
  private async livePrefixesOf(
    brandId: string,
    plans: readonly LivePlan[],
    opened: ReadonlyMap<string, OpenRow>,
    version: number,
  ): Promise<Map<string, LiveSpan>> {
    const reading = new Map<string, LiveSpan>();
    if (!this.viewerPrefixes) return reading;
    const taking: LiveSpan[] = [];
    for (const { frame, minutes } of plans) {
      const row = opened.get(frame.id);
      if (!row || Number(row.unique_viewers ?? 0) < this.livePrefixFrom) continue;
      const last = { version: Number(row.live_version), minute: Number(row.live_minute) };
      const readable =
        minutes !== null &&
        Number(row.live_start_ms) === frame.startMs &&
        snapshotReadable(last.version, Number(row.live_late), version);
      const minute = Math.floor((frame.lastMs - VIEWER_PREFIX_TAIL_MS - frame.startMs) / 60_000);
      if (minute > 0 && (!readable || minute > last.minute)) {
        const from = readable && this.chainPrefixes ? last : { version: 0, minute: -1 };
        taking.push({ frame, version: from.version, from: from.minute, to: minute });
        reading.set(frame.id, { frame, version, from: minute, to: LAST_MINUTE });
      } else if (readable) reading.set(frame.id, { frame, version: last.version, from: last.minute, to: LAST_MINUTE });
    }
    if (taking.length === 0) return reading;
    const spans = { brandId, nextVersion: version, ...spanParams(taking) };
    await this.gateway.command(LIVE_PREFIX_ROWS_SQL, spans, { tag: 'rollup.live_prefix', ...PER_VIEWER });
    await this.gateway.command(LIVE_PREFIX_MARK_SQL, spans, { tag: 'rollup.live_prefix', lane: 'maintenance' });
    await this.gateway.command(LIVE_PREFIX_LIST_SQL, spans, { tag: 'rollup.live_prefix', lane: 'maintenance' });
    return reading;
  }

  /** The parameters every statement of a round shares: each session's bounds, dimensions and the version. */
  private boundsParams(brandId: string, frames: readonly SessionFrame[], version: number): Record<string, unknown> {
    const durations = frames.map((f) => Math.max(0, (f.endMs >= 0 ? f.endMs : f.lastMs) - f.startMs) / 1000);
    return {
      brandId,
      sessionIds: frames.map((f) => f.id),
      ids: frames.map((f) => f.id),
      versions: frames.map(() => version),
      startMs: frames.map((f) => f.startMs),
      endMs: frames.map((f) => f.endMs),
      lastMs: frames.map((f) => f.lastMs),
      durations,
      minuteCounts: durations.map(minuteCount),
      eventsRead: frames.map((f) => f.eventsRead),
      rebuildMinutes: frames.map((f) => f.rebuildMinutes),
      baseVersions: frames.map((f) => f.base?.version ?? 0),
      baseDurations: frames.map((f) => f.base?.durationSeconds ?? 0),
      viewersVersions: frames.map((f) => f.viewersVersion ?? version),
      commercerIds: frames.map((f) => f.commercerId),
      commercerNames: frames.map((f) => f.commercerName),
      commercerKinds: frames.map((f) => f.commercerKind),
      titles: frames.map((f) => f.title),
      platforms: frames.map((f) => f.platform),
      currencies: frames.map((f) => f.currency),
    };
  }

  /**
   * Everything after session_viewers and session_minutes, the same on both paths; session_stats last.
   * The sessions that defer their viewer rows get their products and stats only, the stats worked out
   * from the same viewer rows in place (`statsInPlace`: from the viewers' events on the whole path, from
   * their latest totals on the live path; see VIEWER_ROWS_FROM).
   */
  private async writeFromViewers(
    brandId: string,
    version: number,
    frames: readonly SessionFrame[],
    statsInPlace: string,
    prefixes: ReadonlyMap<string, Prefix> = new Map(),
    liveSpans: ReadonlyMap<string, LiveSpan> = new Map(),
  ): Promise<void> {
    const withRows = frames.filter((f) => f.viewersVersion === null);
    const fromLiveSnapshot = frames.filter((f) => f.viewersVersion !== null && liveSpans.has(f.id));
    const deferring = frames.filter(
      (f) => f.viewersVersion !== null && prefixes.get(f.id)?.viewers !== true && !liveSpans.has(f.id),
    );
    const fromPrefix = frames.filter((f) => f.viewersVersion !== null && prefixes.get(f.id)?.viewers === true);
    const rowsParams = this.boundsParams(brandId, withRows, version);
    if (withRows.length > 0) {
      await this.gateway.command(FIRST_SESSION_SQL, rowsParams, { tag: 'rollup.first_session', ...PER_VIEWER });
      await this.gateway.command(SOURCES_SQL, rowsParams, { tag: 'rollup.sources', lane: 'maintenance' });
      await this.gateway.command(PURCHASES_SQL, rowsParams, { tag: 'rollup.purchases', ...PER_VIEWER });
    }
    await this.rebuildMerchandise(brandId, version, frames, prefixes);
    // session_stats last: its versions are what readers follow, so it must point at complete rows.
    if (withRows.length > 0) await this.gateway.command(STATS_SQL, rowsParams, PUBLISH_STATS);
    if (deferring.length > 0)
      await this.gateway.command(statsInPlace, this.boundsParams(brandId, deferring, version), PUBLISH_STATS);
    if (fromLiveSnapshot.length > 0)
      await this.gateway.command(
        STATS_FROM_LIVE_SNAPSHOT_SQL,
        {
          ...this.boundsParams(brandId, fromLiveSnapshot, version),
          ...spanParams(fromLiveSnapshot.map((f) => liveSpans.get(f.id)!)),
        },
        PUBLISH_STATS,
      );
    if (fromPrefix.length > 0)
      await this.gateway.command(
        STATS_FROM_PREFIX_SQL,
        { ...this.boundsParams(brandId, fromPrefix, version), ...prefixParams(fromPrefix, prefixes) },
        PUBLISH_STATS,
      );
  }

  /**
   * Products and pin segments: the segments are worked out here (pin-segments.ts), the rest in SQL; the
   * products of a session with a product snapshot from it and the events after its cut.
   */
  private async rebuildMerchandise(
    brandId: string,
    version: number,
    frames: readonly SessionFrame[],
    prefixes: ReadonlyMap<string, Prefix>,
  ): Promise<void> {
    const params = this.boundsParams(brandId, frames, version);
    const segments: (PinSegment & { sessionId: string; settled: boolean })[] = [];
    const products: (ProductPins & { sessionId: string })[] = [];
    for (const frame of frames) {
      const events: PinEvent[] = frame.pins.map(([type, productId, productName, atMs, eventId]) => ({
        type,
        productId,
        productName,
        atMs: Number(atMs),
        eventId,
      }));
      if (events.length === 0) continue;
      const live = frame.endMs < 0;
      const own = pinSegments(events, { startMs: frame.startMs, endMs: live ? frame.lastMs : frame.endMs, live });
      // A live round's segment whose sale window closed before its first rebuilt minute measures what it
      // measured in the round before: every event of its window, and of the minutes holding its start and
      // end, was there then (docs/ARCHITECTURE.md, "Pin segments carried over").
      const settledBefore =
        frame.base && frame.rebuildMinutes.length > 0
          ? frame.startMs + 60_000 * Math.min(...frame.rebuildMinutes)
          : -Infinity;
      segments.push(
        ...own.map((s) => ({ ...s, sessionId: frame.id, settled: s.endMs + SALE_WINDOW_MS <= settledBefore })),
      );
      products.push(...productPins(events, own).map((p) => ({ ...p, sessionId: frame.id })));
    }
    const fresh = segments.filter((s) => !s.settled);
    const merchandise = {
      ...params,
      segSessions: segments.map((s) => s.sessionId),
      segIndexes: segments.map((s) => s.segment),
      segProducts: segments.map((s) => s.productId),
      segStartMs: segments.map((s) => s.startMs),
      segEndMs: segments.map((s) => s.endMs),
      segNames: segments.map((s) => s.pinName),
      segSettled: segments.map((s) => (s.settled ? 1 : 0)),
      // the events of the segments measured afresh (none: an empty span)
      segFromMs: fresh.length > 0 ? Math.min(...fresh.map((s) => s.startMs)) : 0,
      segToMs: fresh.length > 0 ? Math.max(...fresh.map((s) => s.endMs)) + SALE_WINDOW_MS : 0,
      pinSessions: products.map((p) => p.sessionId),
      pinProducts: products.map((p) => p.productId),
      pinNames: products.map((p) => p.productName),
      pinCounts: products.map((p) => p.pins),
      pinSeconds: products.map((p) => p.pinnedSeconds),
    };
    if (segments.length > 0)
      await this.gateway.command(SEGMENTS_SQL, merchandise, { tag: 'rollup.pin_segments', lane: 'maintenance' });
    const fromSnapshot = frames.filter((f) => prefixes.get(f.id)?.products === true);
    const fromEvents = frames.filter((f) => prefixes.get(f.id)?.products !== true);
    if (fromEvents.length > 0)
      await this.gateway.command(
        PRODUCTS_SQL,
        { ...merchandise, ...this.boundsParams(brandId, fromEvents, version) },
        { tag: 'rollup.products', lane: 'maintenance' },
      );
    if (fromSnapshot.length > 0)
      await this.gateway.command(
        PRODUCTS_FROM_PREFIX_SQL,
        {
          ...merchandise,
          ...this.boundsParams(brandId, fromSnapshot, version),
          ...prefixParams(fromSnapshot, prefixes),
        },
        { tag: 'rollup.products', lane: 'maintenance' },
      );
  }
}

import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, engagedViewer } from '@lc/clickhouse';
import { RollupStateRepository } from './rollup-state.repository.js';
import { KeptBrandReads } from './kept-brand-reads.js';
import { LATER_PURCHASE_WINDOW } from './later-purchase.repository.js';
import { SORT_EXPRESSIONS, type ProductRow, type TrafficSourceRow } from './session.repository.js';

/** How period totals are grouped: fixed SQL chosen by code, never by client text. */
export type PeriodGrouping =
  'commercer' | 'day' | 'session' | 'overview' | 'history' | 'overviewHistory' | 'kind' | 'commercerCompare';

const GROUP_KEYS: Record<PeriodGrouping, string> = {
  commercer: 's.commercer_id',
  // the calendar day of the session's start in the period's zone
  day: 'toString(toDate(s.started_at, {timeZone:String}))',
  session: 's.session_id',
  // professional | in_house (issue 14's kind comparison)
  kind: 'toString(s.commercer_kind)',
  // One pass for a brand overview: sessions before {splitAt} make the previous period ('prev');
  // the others count once for the period ('cur') and once for their day ('cur|YYYY-MM-DD').
  overview: `arrayJoin(if(s.started_at >= {splitAt:DateTime64(3, 'UTC')},
    ['cur', concat('cur|', toString(toDate(s.started_at, {timeZone:String})))], ['prev']))`,
  // A leaderboard with its previous period in one pass (as `overview`; a second statement cost as much as
  // the first, planning included, even over an empty period): 'cur|<commercer>' from {splitAt}, 'prev|<commercer>' before.
  commercerCompare: `concat(if(s.started_at >= {splitAt:DateTime64(3, 'UTC')}, 'cur|', 'prev|'), s.commercer_id)`,
  // The four periods of equal length before a period, newest first ('h1' … 'h4'), split at the starts of the
  // three newest; the scope spans all four.
  history: `multiIf(s.started_at >= {h1:DateTime64(3, 'UTC')}, 'h1', s.started_at >= {h2:DateTime64(3, 'UTC')}, 'h2',
    s.started_at >= {h3:DateTime64(3, 'UTC')}, 'h3', 'h4')`,
  // `overview` and `history` in one pass (a dashboard overview asks both): the period as `overview` has it
  // ('cur', 'cur|<day>'), before it the four periods as `history` has them — 'h1' is the previous period
  overviewHistory: `arrayJoin(multiIf(s.started_at >= {splitAt:DateTime64(3, 'UTC')},
    ['cur', concat('cur|', toString(toDate(s.started_at, {timeZone:String})))],
    s.started_at >= {h1:DateTime64(3, 'UTC')}, ['h1'], s.started_at >= {h2:DateTime64(3, 'UTC')}, ['h2'],
    s.started_at >= {h3:DateTime64(3, 'UTC')}, ['h3'], ['h4']))`,
};

export interface PeriodScope {
  brandId: string;
  /** DateTime64 parameter strings: sessions that started in [from, to). */
  from: string;
  to: string;
  timeZone: string;
  commercerId?: string | null;
  kind?: string | null;
}

export interface PeriodTotalsRow {
  g: string;
  commercer_name: string;
  commercer_kind: string;
  commercer_id: string;
  title: string;
  sessions: number;
  views: number;
  unique_viewers: number;
  returning: number;
  total_watch_seconds: number;
  duration_seconds: number;
  peak: number;
  comments: number;
  commenters: number;
  likes: number;
  likers: number;
  engaged: number;
  cart_adds: number;
  cart_adders: number;
  cart_buyers: number;
  orders: number;
  buyers: number;
  late_joiners: number;
  answered: number;
  follows: number;
  shares: number;
  recaps: number;
  covered_late_joiners: number;
  covered_watch_seconds: number;
  uncovered_watch_seconds: number;
  currencies: string[];
  revenues: number[];
  refund_currencies: string[];
  refund_amounts: number[];
  /** The latest start among the sessions (whether a later-purchase window is still open). */
  last_started_at: string;
  /** METRICS.md "Does engagement pay later?": Σ later buyers among engaged / passive non-buyers, later revenue per currency. */
  later_engaged: number;
  later_passive: number;
  later_currencies: string[];
  later_amounts: number[];
  /**
   * The group's sessions, oldest first: (start, id, unique viewers, engaged viewers, currency, revenue,
   * 1 when it ended by the scope's end) — what size-adjusted engagement, its fitted line and a cost
   * figure's currency need (S13-3), so the leaderboard does not read session_stats a second time.
   */
  session_points: [string, string, number, number, string, number, number][];
}

/** The period's sessions of one brand (current rollup rows), narrowed by the optional filters. */
const SESSIONS = (key: string) => `
sel AS (
  SELECT s.*, ${key} AS g
  FROM session_stats AS s FINAL
  WHERE s.brand_id = {brandId:String}
    AND s.started_at >= {from:DateTime64(3, 'UTC')} AND s.started_at < {to:DateTime64(3, 'UTC')}
    AND ({commercerId:Nullable(String)} IS NULL OR s.commercer_id = {commercerId:Nullable(String)})
    AND ({kind:Nullable(String)} IS NULL OR s.commercer_kind = {kind:Nullable(String)})
)`;

/**
 * SESSIONS, and each selected session's current viewer rows in its group: those of the round its stats
 * point at for viewer rows (`viewers_version`, migration 0021), as for session_sources below.
 */
const SELECTED = (key: string) => `${SESSIONS(key)},
viewer_rows AS (
  SELECT cur.g AS g, v.session_id AS session_id, v.viewer_id AS viewer_id, v.started_at AS started_at
  FROM session_viewers AS v
  INNER JOIN (SELECT session_id, viewers_version, g FROM sel) AS cur
    ON cur.session_id = v.session_id AND cur.viewers_version = v.version
  WHERE v.brand_id = {brandId:String} AND v.session_id IN (SELECT session_id FROM sel)
)`;

/** Each selected session's current viewer rows, with whether the viewer had come before and (`later`) their later purchases. */
const VIEWER_PART = (later: string, joinPurchases: string) => `
viewer_part AS (
  SELECT v.session_id AS session_id, v.viewer_id AS viewer_id, f.first_started_at < v.started_at AS returning,
         ${engagedViewer('v')} AS engaged, ${later} AS later
  FROM session_viewers AS v
  -- the brand's first sessions, joined whole: cheaper than narrowing them by the period's viewers first
  LEFT JOIN (
    SELECT viewer_id, min(first_started_at) AS first_started_at
    FROM viewer_first_session
    WHERE brand_id = {brandId:String}
    GROUP BY viewer_id
  ) AS f ON f.viewer_id = v.viewer_id
  ${joinPurchases}
  WHERE v.brand_id = {brandId:String} AND (v.session_id, v.version) IN (SELECT session_id, viewers_version FROM sel)
)`;

/** A later purchase as the totals carry it per viewer: its session's start, currency and revenue. */
const LATER_PURCHASE = `Tuple(started_at DateTime64(3, 'UTC'), currency String, revenue Float64)`;

/**
 * The viewer part of a grouping's totals in one reading of the selected sessions' current
 * session_viewers rows (S13C-1): distinct and returning viewers and, with `later`, METRICS.md "Does
 * engagement pay later?" — each non-buyer (a row without orders) with the brand's purchase timeline
 * (viewer_purchases: one row per viewer and session bought in) within the 28 days after the session's
 * start (E-1), gathered per viewer once and filtered per row. Engaged and passive non-buyers themselves
 * come from session_stats (engaged − buyers, uniqueViewers − engaged).
 */
const VIEWER_TOTALS = (later: boolean) => `${
  later
    ? `
purchases AS (
  -- the timeline narrowed to the starts that can follow a selected session; it holds only buyers
  SELECT viewer_id, groupArray(CAST((started_at, toString(currency), toFloat64(revenue)) AS ${LATER_PURCHASE})) AS bought
  FROM viewer_purchases FINAL
  WHERE brand_id = {brandId:String}
    AND started_at > {from:DateTime64(3, 'UTC')} AND started_at < {to:DateTime64(3, 'UTC')} + INTERVAL 28 DAY
  GROUP BY viewer_id
),
${VIEWER_PART(`if(v.orders = 0, arrayFilter(p -> ${LATER_PURCHASE_WINDOW('v', 'p')}, b.bought), [])`, 'LEFT JOIN purchases AS b ON b.viewer_id = v.viewer_id')},`
    : // without the later part: no later purchase for anyone, and the timeline is not read
      `
${VIEWER_PART(`CAST([] AS Array(${LATER_PURCHASE}))`, '')},`
}
viewer_totals AS (
  SELECT cur.g AS g, uniqExact(r.viewer_id) AS unique_viewers, countIf(r.returning) AS returning,
         -- a viewer is one later buyer of a session however many later purchases they made
         countIf(r.engaged AND notEmpty(r.later)) AS later_engaged,
         countIf(NOT r.engaged AND notEmpty(r.later)) AS later_passive,
         sumMap(arrayMap(p -> p.currency, r.later), arrayMap(p -> p.revenue, r.later)) AS later_money
  FROM viewer_part AS r
  INNER JOIN (SELECT session_id, g FROM sel) AS cur ON cur.session_id = r.session_id
  GROUP BY cur.g
)`;

/**
 * A grouping's totals in one query: the sessions' sums from session_stats, the viewer part from one
 * reading of session_viewers. With `later` false, later_* are 0 (a page that asks for none of them).
 */
export function totalsSql(grouping: PeriodGrouping, later = true): string {
  if (!Object.hasOwn(GROUP_KEYS, grouping)) throw new Error(`no grouping ${grouping}`);
  return `
WITH ${SESSIONS(GROUP_KEYS[grouping])},${VIEWER_TOTALS(later)},
session_totals AS (
  SELECT
    g,
    argMax(commercer_name, started_at) AS commercer_name,
    argMax(commercer_kind, started_at) AS commercer_kind,
    argMax(commercer_id, started_at) AS commercer_id,
    argMax(title, started_at) AS title,
    count() AS sessions,
    sum(unique_viewers) AS views,
    sum(total_watch_seconds) AS total_watch_seconds,
    sum(duration_seconds) AS duration_seconds,
    max(peak_concurrent) AS peak,
    sum(comments) AS comments,
    sum(commenters) AS commenters,
    sum(likes) AS likes,
    sum(likers) AS likers,
    sum(engaged_viewers) AS engaged,
    sum(cart_adds) AS cart_adds,
    sum(cart_adders) AS cart_adders,
    sum(cart_buyers) AS cart_buyers,
    sum(orders) AS orders,
    sum(buyers) AS buyers,
    sum(late_joiners) AS late_joiners,
    sum(answered_comments) AS answered,
    sum(follows) AS follows,
    sum(shares) AS shares,
    sum(recaps) AS recaps,
    sum(covered_late_joiners) AS covered_late_joiners,
    sum(covered_watch_seconds) AS covered_watch_seconds,
    sum(uncovered_watch_seconds) AS uncovered_watch_seconds,
    -- money is kept per currency; sessions without sales have none (and so no refund matched to an order)
    sumMap(if(currency = '', [], [toString(currency)]), if(currency = '', [], [toFloat64(revenue)])) AS money,
    sumMap(if(currency = '', [], [toString(currency)]), if(currency = '', [], [toFloat64(refunds)])) AS refund_money,
    toString(max(started_at)) AS last_started_at,
    arraySort(groupArray((toString(started_at), session_id, unique_viewers, engaged_viewers, toString(currency), toFloat64(revenue),
      -- ended by the scope's end: a point of the host-cost fit (HostCostService.fitRowsOfPoints)
      toUInt8(ended_at IS NOT NULL AND ended_at <= {to:DateTime64(3, 'UTC')})))) AS session_points
  FROM sel
  GROUP BY g
)
SELECT t.g AS g, t.commercer_name AS commercer_name, t.commercer_kind AS commercer_kind, t.commercer_id AS commercer_id, t.title AS title, t.sessions AS sessions, t.views AS views,
  vt.unique_viewers AS unique_viewers, vt.returning AS returning, t.total_watch_seconds AS total_watch_seconds,
  t.duration_seconds AS duration_seconds, t.peak AS peak, t.comments AS comments, t.commenters AS commenters, t.likes AS likes,
  t.likers AS likers, t.engaged AS engaged, t.cart_adds AS cart_adds, t.cart_adders AS cart_adders, t.cart_buyers AS cart_buyers,
  t.orders AS orders, t.buyers AS buyers, t.late_joiners AS late_joiners, t.answered AS answered,
  t.follows AS follows, t.shares AS shares, t.recaps AS recaps, t.covered_late_joiners AS covered_late_joiners,
  t.covered_watch_seconds AS covered_watch_seconds, t.uncovered_watch_seconds AS uncovered_watch_seconds,
  t.money.1 AS currencies, t.money.2 AS revenues, t.refund_money.1 AS refund_currencies, t.refund_money.2 AS refund_amounts,
  t.last_started_at AS last_started_at, t.session_points AS session_points,
  vt.later_engaged AS later_engaged, vt.later_passive AS later_passive, vt.later_money.1 AS later_currencies,
  vt.later_money.2 AS later_amounts
FROM session_totals AS t
LEFT JOIN viewer_totals AS vt ON vt.g = t.g
ORDER BY g`;
}

/**
 * The overview's best and worst sessions (S13B-3): the ids only, both ends in one statement that
 * plans one sort expression. Tuples sort by value, then id — the order of the sessions list
 * (`ORDER BY sort_key DESC, session_id DESC`, and both ascending for the worst).
 */
const RANKED_SQL = (expression: string) => `
SELECT arrayMap(x -> x.2, arraySlice(arrayReverseSort(ranked), 1, {first:UInt32})) AS best,
       arrayMap(x -> x.2, arraySlice(arraySort(ranked), 1, {first:UInt32})) AS worst
FROM (
  SELECT groupArray((${expression}, s.session_id)) AS ranked
  FROM session_stats AS s FINAL
  WHERE s.brand_id = {brandId:String}
    AND s.started_at >= {from:DateTime64(3, 'UTC')} AND s.started_at < {to:DateTime64(3, 'UTC')}
)`;

export interface RankedSessionIds {
  best: string[];
  worst: string[];
}

/**
 * The fields the totals' session points carry (PeriodTotalsRow.session_points: start, id, unique viewers,
 * engaged viewers, currency, revenue as toFloat64), by their value in a point: an overview ranked by one
 * of them ranks its period's points (`rankPoints`) instead of running RANKED_SQL.
 */
const POINT_VALUES: Readonly<Record<string, (point: PeriodTotalsRow['session_points'][number]) => number>> = {
  // SORT_EXPRESSIONS: coalesce(toFloat64(toFloat64(s.revenue)), -1e308), never null
  revenue: (point) => Number(point[5]),
  uniqueViewers: (point) => Number(point[2]),
};

export function rankableFromPoints(rankBy: string): boolean {
  return Object.hasOwn(POINT_VALUES, rankBy);
}

/** Strings in the engine's order: by their UTF-8 bytes. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * What RANKED_SQL gives for `rankBy`, from the period's session points: the `first` best by (value, id)
 * descending and the `first` worst by (value, id) ascending — the sessions list's order, ties by id.
 */
export function rankPoints(points: PeriodTotalsRow['session_points'], rankBy: string, first: number): RankedSessionIds {
  if (!rankableFromPoints(rankBy)) throw new Error(`no point value for ${rankBy}`);
  const value = POINT_VALUES[rankBy];
  const ascending = points
    .map((point) => ({ id: point[1], value: value(point) }))
    .sort((a, b) => a.value - b.value || byBytes(a.id, b.id));
  return {
    best: ascending
      .slice(Math.max(0, ascending.length - first))
      .reverse()
      .map((p) => p.id),
    worst: ascending.slice(0, first).map((p) => p.id),
  };
}

export interface PeriodProductRow extends Omit<ProductRow, 'session_id'> {
  currency: string;
  sessions: number;
  best_commercer_id: string;
  best_commercer_name: string;
}

export interface PeriodTrafficSourceRow extends Omit<TrafficSourceRow, 'session_id'> {
  currency: string;
}

export interface RegularRow {
  viewer_id: string;
  sessions: number;
}

export interface CohortRow {
  viewer_id: string;
  first_week: string;
  weeks: string[];
}

export interface CommercerStampRow {
  commercer_id: string;
  commercer_name: string;
  commercer_kind: string;
  stamps: string[];
  likes: number[];
}

function params(scope: PeriodScope): Record<string, unknown> {
  return {
    brandId: scope.brandId,
    from: scope.from,
    to: scope.to,
    timeZone: scope.timeZone,
    commercerId: scope.commercerId ?? null,
    kind: scope.kind ?? null,
  };
}

/**
 * Period KPIs of one brand from the rollups: session_stats for additive
 * counts, session_viewers for distinct viewers, viewer_first_session for
 * returning viewers. Never raw events.
 *
 * The pages' reads (totals, ranked sessions, products, sources) are kept under the brand's rollup
 * state (KeptBrandReads): a page asked again while none of the brand's sessions changed runs none of
 * them. The community page's own reads are kept whole by CommunityService.
 */
@Injectable()
export class PeriodRepository {
  constructor(
    private readonly gateway: ClickHouseGateway,
    /** The app's kept reads (RollupStateModule); a repository made by hand gets its own. */
    private readonly kept: KeptBrandReads = new KeptBrandReads(gateway, new RollupStateRepository(gateway)),
  ) {}

  /** A read of the scope's brand's rollups, kept under its rollup state. */
  private keptRead<T>(scope: PeriodScope, sql: string, params: Record<string, unknown>, tag: string): Promise<T[]> {
    return this.kept.query<T>(scope.brandId, ['rollups'], sql, params, { tag });
  }

  /** `later` false: without the later-purchase part (later_* 0), for a page that asks for none of its fields. */
  async totals(
    scope: PeriodScope,
    grouping: Exclude<PeriodGrouping, 'overview' | 'history' | 'overviewHistory' | 'commercerCompare'>,
    later = true,
  ): Promise<PeriodTotalsRow[]> {
    return this.keptRead<PeriodTotalsRow>(
      scope,
      totalsSql(grouping, later),
      params(scope),
      `period.totals.${grouping}${later ? '' : '.withoutLater'}`,
    );
  }

  /**
   * A brand overview's totals in one pass: `scope` spans the previous period
   * and the period; rows are 'prev', 'cur' and 'cur|<day>'.
   */
  async overviewTotals(scope: PeriodScope, splitAt: string): Promise<PeriodTotalsRow[]> {
    return this.keptRead<PeriodTotalsRow>(
      scope,
      totalsSql('overview'),
      { ...params(scope), splitAt },
      'period.totals.overview',
    );
  }

  /**
   * Commercer totals of a period and of the period before it, in one pass: `scope` spans both, and
   * `splitAt` (the period's start) divides them. Each row's `g` is its commercer, as `totals` gives it.
   */
  async commercerTotalsWithPrevious(
    scope: PeriodScope,
    splitAt: string,
    later = true,
  ): Promise<{ current: PeriodTotalsRow[]; previous: PeriodTotalsRow[] }> {
    const rows = await this.keptRead<PeriodTotalsRow>(
      scope,
      totalsSql('commercerCompare', later),
      { ...params(scope), splitAt },
      `period.totals.commercerCompare${later ? '' : '.withoutLater'}`,
    );
    const half = (prefix: string) =>
      rows.filter((row) => row.g.startsWith(prefix)).map((row) => ({ ...row, g: row.g.slice(prefix.length) }));
    return { current: half('cur|'), previous: half('prev|') };
  }

  /** The ids of the period's `first` best and worst sessions by `rankBy` (a sortable session field). */
  async rankedSessions(scope: PeriodScope, rankBy: string, first: number): Promise<RankedSessionIds> {
    // own keys only: 'constructor' must not reach the SQL as a "sort expression"
    if (!Object.hasOwn(SORT_EXPRESSIONS, rankBy)) throw new Error(`unsortable field ${rankBy}`);
    const [row] = await this.keptRead<RankedSessionIds>(
      scope,
      RANKED_SQL(SORT_EXPRESSIONS[rankBy]),
      { brandId: scope.brandId, from: scope.from, to: scope.to, first },
      `period.rankedSessions.${rankBy}`,
    );
    return { best: row?.best ?? [], worst: row?.worst ?? [] };
  }

  /**
   * The totals of four consecutive periods in one pass: `scope` spans them, `starts` are the starts of
   * the three newest (newest first); rows are 'h1' (newest) … 'h4'.
   */
  async historyTotals(scope: PeriodScope, starts: readonly [string, string, string]): Promise<PeriodTotalsRow[]> {
    return this.keptRead<PeriodTotalsRow>(
      scope,
      totalsSql('history'),
      { ...params(scope), h1: starts[0], h2: starts[1], h3: starts[2] },
      'period.totals.history',
    );
  }

  /**
   * overviewTotals and historyTotals in one pass: `scope` spans the four periods before the period and the
   * period, `splitAt` is the period's start and `starts` the starts of the three newest periods before it
   * (newest first); rows are 'cur', 'cur|<day>' and 'h1' (the previous period) … 'h4'.
   */
  async overviewWithHistoryTotals(
    scope: PeriodScope,
    splitAt: string,
    starts: readonly [string, string, string],
  ): Promise<PeriodTotalsRow[]> {
    return this.keptRead<PeriodTotalsRow>(
      scope,
      totalsSql('overviewHistory'),
      { ...params(scope), splitAt, h1: starts[0], h2: starts[1], h3: starts[2] },
      'period.totals.overviewHistory',
    );
  }

  /** Viewers who watched ≥ 3 of the scope's sessions, most sessions first, and how many there are. */
  async regulars(scope: PeriodScope, limit: number): Promise<{ rows: RegularRow[]; count: number }> {
    const rows = await this.gateway.query<RegularRow & { total: number }>(
      `WITH ${SELECTED("''")}
       SELECT viewer_id, count() AS sessions, count() OVER () AS total
       FROM viewer_rows
       GROUP BY viewer_id
       HAVING sessions >= 3
       ORDER BY sessions DESC, viewer_id
       LIMIT {limit:UInt32}`,
      { ...params(scope), limit },
      { tag: 'period.regulars' },
    );
    return {
      rows: rows.map((r) => ({ viewer_id: r.viewer_id, sessions: Number(r.sessions) })),
      count: Number(rows[0]?.total ?? 0),
    };
  }

  /**
   * For viewers whose first session of the brand (ever) started in the period:
   * the Monday of that week and the Mondays of every week they watched in the period.
   */
  async cohortWeeks(scope: PeriodScope): Promise<CohortRow[]> {
    return this.gateway.query<CohortRow>(
      `WITH ${SELECTED("''")},
       firsts AS (
         SELECT viewer_id, min(first_started_at) AS first_started_at
         FROM viewer_first_session
         WHERE brand_id = {brandId:String} AND viewer_id IN (SELECT viewer_id FROM viewer_rows)
         GROUP BY viewer_id
         HAVING first_started_at >= {from:DateTime64(3, 'UTC')} AND first_started_at < {to:DateTime64(3, 'UTC')}
       )
       SELECT r.viewer_id AS viewer_id,
              toString(toMonday(any(f.first_started_at), {timeZone:String})) AS first_week,
              arraySort(groupUniqArray(toString(toMonday(r.started_at, {timeZone:String})))) AS weeks
       FROM viewer_rows AS r
       INNER JOIN firsts AS f ON f.viewer_id = r.viewer_id
       GROUP BY r.viewer_id`,
      params(scope),
      { tag: 'period.cohorts' },
    );
  }

  /**
   * METRICS.md "Products" over the scope's sessions: each session's product rows added up, per
   * product and currency (a session without sales counts in the brand's currency), with the
   * commercer whose sessions sold the most of it. Most revenue first.
   */
  async products(scope: PeriodScope, brandCurrency: string, limit: number): Promise<PeriodProductRow[]> {
    return this.keptRead<PeriodProductRow>(
      scope,
      `WITH ${SELECTED("''")},
       by_commercer AS (
         SELECT p.product_id AS product_id, if(cur.currency = '', {brandCurrency:String}, toString(cur.currency)) AS currency,
                cur.commercer_id AS commercer_id, argMax(cur.commercer_name, cur.started_at) AS commercer_name,
                argMax(p.product_name, cur.started_at) AS product_name, max(cur.started_at) AS last_started_at,
                sum(p.pins) AS pins, sum(p.pinned_seconds) AS pinned_seconds, sum(p.impressed) AS impressed,
                sum(p.clickers) AS clickers, sum(p.cart_adds) AS cart_adds, sum(p.cart_adders) AS cart_adders,
                sum(p.orders) AS orders, sum(p.units) AS units, toFloat64(sum(p.revenue)) AS commercer_revenue,
                sum(p.buyers) AS buyers, count() AS sessions
         FROM session_products AS p
         INNER JOIN (SELECT session_id, version, commercer_id, commercer_name, started_at, currency FROM sel) AS cur
           ON cur.session_id = p.session_id AND cur.version = p.version
         WHERE p.brand_id = {brandId:String} AND p.session_id IN (SELECT session_id FROM sel)
         GROUP BY product_id, currency, commercer_id
       )
       SELECT product_id, currency, argMax(product_name, last_started_at) AS product_name,
              sum(pins) AS pins, sum(pinned_seconds) AS pinned_seconds, sum(impressed) AS impressed, sum(clickers) AS clickers,
              sum(cart_adds) AS cart_adds, sum(cart_adders) AS cart_adders, sum(orders) AS orders, sum(units) AS units,
              sum(commercer_revenue) AS revenue, sum(buyers) AS buyers, sum(sessions) AS sessions,
              -- the most revenue; ties go to the smallest commercer id, so the answer does not change between runs
              argMin(commercer_id, (-commercer_revenue, commercer_id)) AS best_commercer_id,
              argMin(commercer_name, (-commercer_revenue, commercer_id)) AS best_commercer_name
       FROM by_commercer
       GROUP BY product_id, currency
       ORDER BY revenue DESC, product_id
       LIMIT {limit:UInt32}`,
      { ...params(scope), brandCurrency, limit },
      'period.products',
    );
  }

  /** METRICS.md "Traffic sources" over the scope's sessions: the sessions' rows added up per source (and currency). */
  async trafficSources(scope: PeriodScope, brandCurrency: string): Promise<PeriodTrafficSourceRow[]> {
    return this.keptRead<PeriodTrafficSourceRow>(
      scope,
      `WITH ${SELECTED("''")}
       SELECT toString(t.source) AS source, if(cur.currency = '', {brandCurrency:String}, toString(cur.currency)) AS currency,
              sum(t.viewers) AS viewers, sum(t.engaged_viewers) AS engaged_viewers, sum(t.buyers) AS buyers,
              toFloat64(sum(t.revenue)) AS revenue, sum(t.watch_seconds) AS watch_seconds
       FROM session_sources AS t
       INNER JOIN (SELECT session_id, viewers_version, currency FROM sel) AS cur
         ON cur.session_id = t.session_id AND cur.viewers_version = t.version
       WHERE t.brand_id = {brandId:String} AND t.session_id IN (SELECT session_id FROM sel)
       GROUP BY source, currency
       ORDER BY viewers DESC, source, currency`,
      { ...params(scope), brandCurrency },
      'period.trafficSources',
    );
  }

  /** Likes by stamp for each commercer of the scope. */
  async stampsByCommercer(scope: PeriodScope): Promise<CommercerStampRow[]> {
    return this.gateway.query<CommercerStampRow>(
      `WITH ${SELECTED("''")},
       stamp_totals AS (
         SELECT cur.commercer_id AS commercer_id, sumMap(m.likes_by_stamp) AS by_stamp
         FROM session_minutes AS m
         INNER JOIN (SELECT session_id, version, commercer_id FROM sel) AS cur ON cur.session_id = m.session_id AND cur.version = m.version
         WHERE m.brand_id = {brandId:String} AND m.session_id IN (SELECT session_id FROM sel)
         GROUP BY cur.commercer_id
       )
       SELECT st.commercer_id AS commercer_id, any(s.commercer_name) AS commercer_name, any(s.commercer_kind) AS commercer_kind,
              mapKeys(any(st.by_stamp)) AS stamps, mapValues(any(st.by_stamp)) AS likes
       FROM stamp_totals AS st
       INNER JOIN sel AS s ON s.commercer_id = st.commercer_id
       GROUP BY st.commercer_id
       ORDER BY st.commercer_id`,
      params(scope),
      { tag: 'period.stamps' },
    );
  }
}

import { KPI_CATALOGUE, SESSION_KPI_NAMES, type SessionKpiName } from '@lc/contract';
import { metricTypeOf, type MetricType } from './metric-type.js';

export type { MetricType } from './metric-type.js';

/** How the API computes one session KPI; its name, unit and description come from the KPI catalogue. */
interface SessionMetricSource {
  /**
   * ClickHouse expression over the columns of session_stats (`s`); null for the KPIs that depend
   * on other sessions (returning/new viewers), which SessionMetricsResolver resolves on demand.
   */
  readonly sql: string | null;
  /** Null when a denominator is 0 (METRICS.md: a ratio never shows 0 or NaN for "no data"). */
  readonly nullable: boolean;
}

/** SQL of a ratio whose denominator may be 0: null then, never NaN or Infinity. */
const sqlRatio = (num: string, den: string) => `toFloat64(${num}) / nullIf(toFloat64(${den}), 0)`;

/**
 * One entry per session KPI the catalogue marks implemented: a KPI marked so without its SQL here
 * fails to compile. Order follows the catalogue, not this object.
 */
const SESSION_METRIC_SOURCES: { readonly [K in SessionKpiName]: SessionMetricSource } = {
  uniqueViewers: { sql: 's.unique_viewers', nullable: false },
  peakConcurrentViewers: { sql: 's.peak_concurrent', nullable: false },
  avgConcurrentViewers: { sql: 's.avg_concurrent', nullable: false },
  totalWatchSeconds: { sql: 's.total_watch_seconds', nullable: false },
  avgWatchSeconds: { sql: sqlRatio('s.total_watch_seconds', 's.unique_viewers'), nullable: true },
  comments: { sql: 's.comments', nullable: false },
  commenters: { sql: 's.commenters', nullable: false },
  chatRate: { sql: sqlRatio('s.comments', 's.duration_seconds / 60'), nullable: true },
  likes: { sql: 's.likes', nullable: false },
  likers: { sql: 's.likers', nullable: false },
  engagedViewers: { sql: 's.engaged_viewers', nullable: false },
  engagementRate: { sql: sqlRatio('s.engaged_viewers', 's.unique_viewers'), nullable: true },
  cartAdds: { sql: 's.cart_adds', nullable: false },
  cartAdders: { sql: 's.cart_adders', nullable: false },
  orders: { sql: 's.orders', nullable: false },
  buyers: { sql: 's.buyers', nullable: false },
  revenue: { sql: 'toFloat64(s.revenue)', nullable: false },
  conversionRate: { sql: sqlRatio('s.buyers', 's.unique_viewers'), nullable: true },
  cartConversionRate: { sql: sqlRatio('s.cart_buyers', 's.cart_adders'), nullable: true },
  averageOrderValue: { sql: sqlRatio('s.revenue', 's.orders'), nullable: true },
  revenuePerViewer: { sql: sqlRatio('s.revenue', 's.unique_viewers'), nullable: true },
  gpm: { sql: `${sqlRatio('s.revenue', 's.unique_viewers')} * 1000`, nullable: true },
  returningViewers: { sql: null, nullable: false },
  newViewers: { sql: null, nullable: false },
  lateJoiners: { sql: 's.late_joiners', nullable: false },
  commentResponseRate: { sql: sqlRatio('s.answered_comments', 's.comments'), nullable: true },
  medianResponseSeconds: { sql: 's.median_response_s', nullable: true },
  follows: { sql: 's.follows', nullable: false },
  followRate: { sql: sqlRatio('s.follows', 's.unique_viewers'), nullable: true },
  shares: { sql: 's.shares', nullable: false },
  sharers: { sql: 's.sharers', nullable: false },
  productClickers: { sql: 's.product_clickers', nullable: false },
  productClickRate: { sql: sqlRatio('s.product_clickers', 's.unique_viewers'), nullable: true },
  refunds: { sql: 'toFloat64(s.refunds)', nullable: false },
  unmatchedRefunds: { sql: 's.unmatched_refunds', nullable: false },
  netRevenue: { sql: 'toFloat64(s.revenue - s.refunds)', nullable: false },
  refundRate: { sql: sqlRatio('s.refunds', 's.revenue'), nullable: true },
  regularViewers: { sql: null, nullable: false },
  regularShare: { sql: null, nullable: true },
  recaps: { sql: 's.recaps', nullable: false },
  recapCoverage: { sql: sqlRatio('s.covered_late_joiners', 's.late_joiners'), nullable: true },
  recapLift: {
    // (covered watch / covered) / (uncovered watch / uncovered): null when a group is empty or watched nothing
    sql: sqlRatio(
      sqlRatio('s.covered_watch_seconds', 's.covered_late_joiners'),
      sqlRatio('s.uncovered_watch_seconds', 's.late_joiners - s.covered_late_joiners'),
    ),
    nullable: true,
  },
  // METRICS.md "Does engagement pay later?": every buyer is engaged (a purchase is an engaging action), so the
  // non-buyers split into engaged − buyers and uniqueViewers − engaged
  engagedNonBuyers: { sql: 's.engaged_viewers - s.buyers', nullable: false },
  passiveNonBuyers: { sql: 's.unique_viewers - s.engaged_viewers', nullable: false },
  // these depend on later sessions' purchases: SessionMetricsResolver reads them from viewer_purchases
  laterConversionEngaged: { sql: null, nullable: true },
  laterConversionPassive: { sql: null, nullable: true },
  engagementLift: { sql: null, nullable: true },
  laterRevenue: { sql: null, nullable: true },
};

export interface MetricDefinition {
  name: SessionKpiName;
  type: MetricType;
  nullable: boolean;
  /** Absent for the KPIs that depend on other sessions (see SessionMetricSource.sql). */
  sql?: string;
  description: string;
}

/**
 * Every session KPI of ../shared/METRICS.md, from the KPI catalogue of @lc/contract plus the SQL
 * above: the GraphQL type, the SELECT list, the sort keys and the CSV columns are built from it.
 */
export const SESSION_METRICS: readonly MetricDefinition[] = SESSION_KPI_NAMES.map((name) => {
  const { unit, scopes } = KPI_CATALOGUE[name];
  const { sql, nullable } = SESSION_METRIC_SOURCES[name];
  return { name, type: metricTypeOf(unit), nullable, ...(sql === null ? {} : { sql }), description: scopes.session };
});

/** KPIs a session list can be sorted by: all but those that depend on other sessions (computed per page). */
export const SORTABLE_SESSION_METRICS: ReadonlySet<string> = new Set(
  SESSION_METRICS.filter((m) => m.sql !== undefined).map((m) => m.name),
);

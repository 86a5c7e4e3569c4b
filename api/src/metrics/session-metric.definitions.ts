import type { SessionKpiName } from '@lc/contract';

export type MetricType = 'Int' | 'Float';

export interface MetricDefinition {
  name: SessionKpiName;
  type: MetricType;
  /** Null when a denominator is 0 (METRICS.md: a ratio never shows 0 or NaN for "no data"). */
  nullable: boolean;
  /**
   * ClickHouse expression over the columns of session_stats (`s`); absent for
   * the KPIs that depend on other sessions (returning/new viewers), which are
   * resolved on demand by SessionMetricsResolver.
   */
  sql?: string;
  description: string;
}

const ratio = (num: string, den: string) => `toFloat64(${num}) / nullIf(toFloat64(${den}), 0)`;

/**
 * Every session KPI of ../shared/METRICS.md, declared once: the GraphQL type,
 * the SQL and the docs are all built from this list.
 */
export const SESSION_METRICS: readonly MetricDefinition[] = [
  {
    name: 'uniqueViewers',
    type: 'Int',
    nullable: false,
    sql: 's.unique_viewers',
    description: 'Distinct viewers with any event in the session',
  },
  {
    name: 'peakConcurrentViewers',
    type: 'Int',
    nullable: false,
    sql: 's.peak_concurrent',
    description: 'Max over the minutes of the viewers watching',
  },
  {
    name: 'avgConcurrentViewers',
    type: 'Float',
    nullable: false,
    sql: 's.avg_concurrent',
    description: 'Mean over the minutes of the viewers watching',
  },
  {
    name: 'totalWatchSeconds',
    type: 'Float',
    nullable: false,
    sql: 's.total_watch_seconds',
    description: 'Σ dwell seconds, each viewer capped at the session duration',
  },
  {
    name: 'avgWatchSeconds',
    type: 'Float',
    nullable: true,
    sql: ratio('s.total_watch_seconds', 's.unique_viewers'),
    description: 'totalWatchSeconds / uniqueViewers',
  },
  { name: 'comments', type: 'Int', nullable: false, sql: 's.comments', description: 'Viewer-authored comments' },
  {
    name: 'commenters',
    type: 'Int',
    nullable: false,
    sql: 's.commenters',
    description: 'Distinct viewers who commented',
  },
  {
    name: 'chatRate',
    type: 'Float',
    nullable: true,
    sql: ratio('s.comments', 's.duration_seconds / 60'),
    description: 'Comments per minute of session duration',
  },
  { name: 'likes', type: 'Int', nullable: false, sql: 's.likes', description: 'Σ like counts' },
  { name: 'likers', type: 'Int', nullable: false, sql: 's.likers', description: 'Distinct viewers who liked' },
  {
    name: 'engagedViewers',
    type: 'Int',
    nullable: false,
    sql: 's.engaged_viewers',
    description: 'Distinct viewers with ≥ 1 comment, like, cart add or purchase',
  },
  {
    name: 'engagementRate',
    type: 'Float',
    nullable: true,
    sql: ratio('s.engaged_viewers', 's.unique_viewers'),
    description: 'engagedViewers / uniqueViewers',
  },
  { name: 'cartAdds', type: 'Int', nullable: false, sql: 's.cart_adds', description: 'cart_add events' },
  {
    name: 'cartAdders',
    type: 'Int',
    nullable: false,
    sql: 's.cart_adders',
    description: 'Distinct viewers who added to cart',
  },
  { name: 'orders', type: 'Int', nullable: false, sql: 's.orders', description: 'Distinct orderIds' },
  { name: 'buyers', type: 'Int', nullable: false, sql: 's.buyers', description: 'Distinct viewers who purchased' },
  {
    name: 'revenue',
    type: 'Float',
    nullable: false,
    sql: 'toFloat64(s.revenue)',
    description: 'Σ quantity × unitPrice over purchase items (session currency)',
  },
  {
    name: 'conversionRate',
    type: 'Float',
    nullable: true,
    sql: ratio('s.buyers', 's.unique_viewers'),
    description: 'buyers / uniqueViewers',
  },
  {
    name: 'cartConversionRate',
    type: 'Float',
    nullable: true,
    sql: ratio('s.cart_buyers', 's.cart_adders'),
    description: 'Viewers who both added and bought / cartAdders',
  },
  {
    name: 'averageOrderValue',
    type: 'Float',
    nullable: true,
    sql: ratio('s.revenue', 's.orders'),
    description: 'revenue / orders',
  },
  {
    name: 'revenuePerViewer',
    type: 'Float',
    nullable: true,
    sql: ratio('s.revenue', 's.unique_viewers'),
    description: 'revenue / uniqueViewers',
  },
  {
    name: 'gpm',
    type: 'Float',
    nullable: true,
    sql: `${ratio('s.revenue', 's.unique_viewers')} * 1000`,
    description: 'revenue / uniqueViewers × 1000',
  },
  {
    name: 'returningViewers',
    type: 'Int',
    nullable: false,
    description: 'Viewers seen in an earlier session (by start) of the same brand',
  },
  {
    name: 'newViewers',
    type: 'Int',
    nullable: false,
    description: 'uniqueViewers − returningViewers',
  },
  {
    name: 'lateJoiners',
    type: 'Int',
    nullable: false,
    sql: 's.late_joiners',
    description: 'Viewers whose first event is > 10 min after session start',
  },
  {
    name: 'commentResponseRate',
    type: 'Float',
    nullable: true,
    sql: ratio('s.answered_comments', 's.comments'),
    description: 'Viewer comments answered by a host reply within 120 s / comments',
  },
  {
    name: 'medianResponseSeconds',
    type: 'Float',
    nullable: true,
    sql: 's.median_response_s',
    description: 'Median delay of those answers',
  },
];

/** KPIs a session list can be sorted by: all but those that depend on other sessions (computed per page). */
export const SORTABLE_SESSION_METRICS: ReadonlySet<string> = new Set(
  SESSION_METRICS.map((m) => m.name).filter((name) => name !== 'returningViewers' && name !== 'newViewers'),
);

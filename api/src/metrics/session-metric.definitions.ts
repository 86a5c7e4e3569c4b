import { KPI_CATALOGUE, SESSION_KPI_NAMES, type SessionKpiName } from '@lc/contract';
import { metricTypeOf, type MetricType } from './metric-type.js';

export type { MetricType } from './metric-type.js';

/**
 * A session KPI's formula over the columns of session_stats: its ClickHouse expression (what the
 * sessions list and the overview sort by) and its value from the columns as read. A read of sessions
 * selects the columns and computes the KPIs here: the engine analysed forty-odd expressions on every
 * point read, a third of its time (BENCHMARKS.md, "Statement floors, and fewer and simpler
 * statements"). Both sides do the same IEEE operations in the same order (toFloat64 of an integer or a
 * decimal is the double nearest to it, as `Number` of its JSON is), so the values are the same numbers.
 */
export interface Formula {
  readonly sql: string;
  /** Columns (or SQL-computed values, `AS` the name) the value is computed from, by result name. */
  readonly columns: ReadonlyMap<string, string>;
  value(row: Readonly<Record<string, unknown>>): number | null;
}

/** The name a formula's column takes in a result row, apart from the row's own fields. */
const formulaColumn = (name: string) => `c_${name}`;

/** A value the engine computes (a column, or decimal arithmetic it does exactly), read as `toFloat64` gives it. */
const exact = (name: string, sql: string): Formula => ({
  sql,
  columns: new Map([[formulaColumn(name), sql]]),
  value: (row) => {
    const v = row[formulaColumn(name)];
    return v === null || v === undefined ? null : Number(v);
  },
});

/** A column of session_stats. */
const col = (name: string): Formula => exact(name, `s.${name}`);

/** Two formulas combined: `sql` in the engine, `f` over their values here; null when either is null. */
const binary = (a: Formula, b: Formula, sql: string, f: (x: number, y: number) => number | null): Formula => ({
  sql,
  columns: new Map([...a.columns, ...b.columns]),
  value: (row) => {
    const [x, y] = [a.value(row), b.value(row)];
    return x === null || y === null ? null : f(x, y);
  },
});

/** a − b of two integer columns (the difference fits a double exactly). */
const minus = (a: Formula, b: Formula): Formula => binary(a, b, `${a.sql} - ${b.sql}`, (x, y) => x - y);

/** A ratio whose denominator may be 0: null then, never NaN or Infinity (METRICS.md). */
const ratio = (n: Formula, d: Formula): Formula =>
  binary(n, d, `toFloat64(${n.sql}) / nullIf(toFloat64(${d.sql}), 0)`, (x, y) => (y === 0 ? null : x / y));

/** a as a double (money columns are decimals). */
const float = (a: Formula): Formula => ({ ...a, sql: `toFloat64(${a.sql})` });

/** a / k or a × k, k a constant (a / k as a double). */
const byConstant = (a: Formula, op: '/' | '*', k: number): Formula => ({
  sql: `${a.sql} ${op} ${k}`,
  columns: a.columns,
  value: (row) => {
    const x = a.value(row);
    return x === null ? null : op === '/' ? x / k : x * k;
  },
});

/** How the API computes one session KPI; its name, unit and description come from the KPI catalogue. */
interface SessionMetricSource {
  /**
   * Its formula over session_stats; null for the KPIs that depend on other sessions (returning/new
   * viewers), which SessionMetricsResolver resolves on demand.
   */
  readonly formula: Formula | null;
  /** Null when a denominator is 0 (METRICS.md: a ratio never shows 0 or NaN for "no data"). */
  readonly nullable: boolean;
}

const viewers = col('unique_viewers');
const revenue = col('revenue');
const lateJoiners = col('late_joiners');
const coveredLateJoiners = col('covered_late_joiners');

/**
 * One entry per session KPI the catalogue marks implemented: a KPI marked so without its formula here
 * fails to compile. Order follows the catalogue, not this object.
 */
const SESSION_METRIC_SOURCES: { readonly [K in SessionKpiName]: SessionMetricSource } = {
  uniqueViewers: { formula: viewers, nullable: false },
  peakConcurrentViewers: { formula: col('peak_concurrent'), nullable: false },
  avgConcurrentViewers: { formula: col('avg_concurrent'), nullable: false },
  totalWatchSeconds: { formula: col('total_watch_seconds'), nullable: false },
  avgWatchSeconds: { formula: ratio(col('total_watch_seconds'), viewers), nullable: true },
  comments: { formula: col('comments'), nullable: false },
  commenters: { formula: col('commenters'), nullable: false },
  chatRate: { formula: ratio(col('comments'), byConstant(col('duration_seconds'), '/', 60)), nullable: true },
  likes: { formula: col('likes'), nullable: false },
  likers: { formula: col('likers'), nullable: false },
  engagedViewers: { formula: col('engaged_viewers'), nullable: false },
  engagementRate: { formula: ratio(col('engaged_viewers'), viewers), nullable: true },
  cartAdds: { formula: col('cart_adds'), nullable: false },
  cartAdders: { formula: col('cart_adders'), nullable: false },
  orders: { formula: col('orders'), nullable: false },
  buyers: { formula: col('buyers'), nullable: false },
  revenue: { formula: float(revenue), nullable: false },
  conversionRate: { formula: ratio(col('buyers'), viewers), nullable: true },
  cartConversionRate: { formula: ratio(col('cart_buyers'), col('cart_adders')), nullable: true },
  averageOrderValue: { formula: ratio(revenue, col('orders')), nullable: true },
  revenuePerViewer: { formula: ratio(revenue, viewers), nullable: true },
  gpm: { formula: byConstant(ratio(revenue, viewers), '*', 1000), nullable: true },
  returningViewers: { formula: null, nullable: false },
  newViewers: { formula: null, nullable: false },
  lateJoiners: { formula: lateJoiners, nullable: false },
  commentResponseRate: { formula: ratio(col('answered_comments'), col('comments')), nullable: true },
  medianResponseSeconds: { formula: col('median_response_s'), nullable: true },
  follows: { formula: col('follows'), nullable: false },
  followRate: { formula: ratio(col('follows'), viewers), nullable: true },
  shares: { formula: col('shares'), nullable: false },
  sharers: { formula: col('sharers'), nullable: false },
  productClickers: { formula: col('product_clickers'), nullable: false },
  productClickRate: { formula: ratio(col('product_clickers'), viewers), nullable: true },
  refunds: { formula: float(col('refunds')), nullable: false },
  unmatchedRefunds: { formula: col('unmatched_refunds'), nullable: false },
  // decimal minus decimal is exact in the engine; the same in doubles could miss by a unit in the last place
  netRevenue: { formula: exact('net_revenue', 'toFloat64(s.revenue - s.refunds)'), nullable: false },
  refundRate: { formula: ratio(col('refunds'), revenue), nullable: true },
  regularViewers: { formula: null, nullable: false },
  regularShare: { formula: null, nullable: true },
  recaps: { formula: col('recaps'), nullable: false },
  recapCoverage: { formula: ratio(coveredLateJoiners, lateJoiners), nullable: true },
  recapLift: {
    // (covered watch / covered) / (uncovered watch / uncovered): null when a group is empty or watched nothing
    formula: ratio(
      ratio(col('covered_watch_seconds'), coveredLateJoiners),
      ratio(col('uncovered_watch_seconds'), minus(lateJoiners, coveredLateJoiners)),
    ),
    nullable: true,
  },
  // METRICS.md "Does engagement pay later?": every buyer is engaged (a purchase is an engaging action), so the
  // non-buyers split into engaged − buyers and uniqueViewers − engaged
  engagedNonBuyers: { formula: minus(col('engaged_viewers'), col('buyers')), nullable: false },
  passiveNonBuyers: { formula: minus(viewers, col('engaged_viewers')), nullable: false },
  // these depend on later sessions' purchases: SessionMetricsResolver reads them from viewer_purchases
  laterConversionEngaged: { formula: null, nullable: true },
  laterConversionPassive: { formula: null, nullable: true },
  engagementLift: { formula: null, nullable: true },
  laterRevenue: { formula: null, nullable: true },
};

export interface MetricDefinition {
  name: SessionKpiName;
  type: MetricType;
  nullable: boolean;
  /** Absent for the KPIs that depend on other sessions (see SessionMetricSource.formula). */
  formula?: Formula;
  description: string;
}

/**
 * Every session KPI of ../shared/METRICS.md, from the KPI catalogue of @lc/contract plus the SQL
 * above: the GraphQL type, the SELECT list, the sort keys and the CSV columns are built from it.
 */
export const SESSION_METRICS: readonly MetricDefinition[] = SESSION_KPI_NAMES.map((name) => {
  const { unit, scopes } = KPI_CATALOGUE[name];
  const { formula, nullable } = SESSION_METRIC_SOURCES[name];
  return {
    name,
    type: metricTypeOf(unit),
    nullable,
    ...(formula === null ? {} : { formula }),
    description: scopes.session,
  };
});

/** The session KPIs computed from session_stats alone: each has a formula. */
export const FORMULA_METRICS = SESSION_METRICS.filter(
  (m): m is MetricDefinition & { formula: Formula } => m.formula !== undefined,
);

/** The SELECT list of the session_stats columns FORMULA_METRICS are computed from (`s`), each once. */
export const FORMULA_COLUMNS_SQL = [...new Map(FORMULA_METRICS.flatMap((m) => [...m.formula.columns]))]
  .map(([name, sql]) => `${sql} AS ${name}`)
  .join(', ');

/** KPIs a session list can be sorted by: all but those that depend on other sessions (computed per page). */
export const SORTABLE_SESSION_METRICS: ReadonlySet<string> = new Set(FORMULA_METRICS.map((m) => m.name));

import { KPI_CATALOGUE, ratio, type PeriodKpiName } from '@lc/contract';
import type { PeriodTotalsRow } from '../repositories/period.repository.js';
import { metricTypeOf, type MetricType } from './metric-type.js';
import { laterFigures, windowOpen, type LaterCounts } from './later-purchases.js';
import { fromClickHouseTime } from '@lc/clickhouse';

export interface Money {
  currency: string;
  amount: number;
}

/** The sums of a scope (a brand, a commercer, a day …) over its sessions in a period. */
export interface PeriodSums {
  sessions: number;
  views: number;
  uniqueViewers: number;
  returning: number;
  totalWatchSeconds: number;
  durationSeconds: number;
  peak: number;
  comments: number;
  commenters: number;
  likes: number;
  likers: number;
  engaged: number;
  cartAdds: number;
  cartAdders: number;
  cartBuyers: number;
  orders: number;
  buyers: number;
  lateJoiners: number;
  answered: number;
  follows: number;
  shares: number;
  recaps: number;
  /** Late joiners covered by a recap, and the watch seconds of the covered and the uncovered ones. */
  coveredLate: number;
  coveredWatch: number;
  uncoveredWatch: number;
  money: Money[];
  /** Refunds matched to orders, per currency (the sessions' currencies, like money). */
  refundMoney: Money[];
  /** METRICS.md "Does engagement pay later?": Σ later buyers among engaged / passive non-buyers, later revenue per currency. */
  laterEngaged: number;
  laterPassive: number;
  laterMoney: Money[];
  /** The latest session start (null without sessions): whether a later-purchase window is still open. */
  lastStartedAt: Date | null;
}

export const EMPTY_SUMS: PeriodSums = {
  sessions: 0,
  views: 0,
  uniqueViewers: 0,
  returning: 0,
  totalWatchSeconds: 0,
  durationSeconds: 0,
  peak: 0,
  comments: 0,
  commenters: 0,
  likes: 0,
  likers: 0,
  engaged: 0,
  cartAdds: 0,
  cartAdders: 0,
  cartBuyers: 0,
  orders: 0,
  buyers: 0,
  lateJoiners: 0,
  answered: 0,
  follows: 0,
  shares: 0,
  recaps: 0,
  coveredLate: 0,
  coveredWatch: 0,
  uncoveredWatch: 0,
  money: [],
  refundMoney: [],
  laterEngaged: 0,
  laterPassive: 0,
  laterMoney: [],
  lastStartedAt: null,
};

export function sumsOf(row: PeriodTotalsRow | undefined): PeriodSums {
  if (!row) return EMPTY_SUMS;
  const n = (v: unknown) => Number(v ?? 0);
  return {
    sessions: n(row.sessions),
    views: n(row.views),
    uniqueViewers: n(row.unique_viewers),
    returning: n(row.returning),
    totalWatchSeconds: n(row.total_watch_seconds),
    durationSeconds: n(row.duration_seconds),
    peak: n(row.peak),
    comments: n(row.comments),
    commenters: n(row.commenters),
    likes: n(row.likes),
    likers: n(row.likers),
    engaged: n(row.engaged),
    cartAdds: n(row.cart_adds),
    cartAdders: n(row.cart_adders),
    cartBuyers: n(row.cart_buyers),
    orders: n(row.orders),
    buyers: n(row.buyers),
    lateJoiners: n(row.late_joiners),
    answered: n(row.answered),
    follows: n(row.follows),
    shares: n(row.shares),
    recaps: n(row.recaps),
    coveredLate: n(row.covered_late_joiners),
    coveredWatch: n(row.covered_watch_seconds),
    uncoveredWatch: n(row.uncovered_watch_seconds),
    money: row.currencies.map((currency, i) => ({ currency, amount: Number(row.revenues[i]) })),
    refundMoney: (row.refund_currencies ?? []).map((currency, i) => ({
      currency,
      amount: Number(row.refund_amounts[i]),
    })),
    laterEngaged: n(row.later_engaged),
    laterPassive: n(row.later_passive),
    laterMoney: (row.later_currencies ?? []).map((currency, i) => ({ currency, amount: Number(row.later_amounts[i]) })),
    lastStartedAt: row.last_started_at ? fromClickHouseTime(row.last_started_at) : null,
  };
}

/** Revenue of a scope: one currency's amount, 0 without sales, null when currencies are mixed (never summed). */
export function singleCurrencyRevenue(sums: PeriodSums): number | null {
  if (sums.money.length === 0) return 0;
  return sums.money.length === 1 ? sums.money[0].amount : null;
}

/**
 * Refunds of a scope in its one currency: 0 without sales, null when currencies are mixed. A
 * currency's refunds are 0 when it has sales but nothing refunded.
 */
export function singleCurrencyRefunds(sums: PeriodSums): number | null {
  if (sums.money.length === 0) return 0;
  if (sums.money.length > 1) return null;
  return sums.refundMoney.find((m) => m.currency === sums.money[0].currency)?.amount ?? 0;
}

function netRevenue(sums: PeriodSums): number | null {
  const revenue = singleCurrencyRevenue(sums);
  const refunds = singleCurrencyRefunds(sums);
  return revenue === null || refunds === null ? null : revenue - refunds;
}

/** How the API computes one period KPI from the sums; its name, unit and description come from the KPI catalogue. */
interface PeriodMetricSource {
  readonly nullable: boolean;
  readonly compute: (s: PeriodSums) => number | null;
  /** Instead of the unit's type, as the schema has it: a period's Σ of like taps (up to 1000 an event) can pass GraphQL's 32-bit Int. */
  readonly type?: 'Float';
}

/**
 * Period KPIs (METRICS.md "Over several sessions"): counts add up, rates are ratios of sums, never
 * means of rates. One entry per period KPI the catalogue marks implemented (a KPI marked so
 * without its aggregation here fails to compile); the order is that of the CSV columns.
 */
const PERIOD_METRIC_SOURCES: { readonly [K in PeriodKpiName]: PeriodMetricSource } = {
  sessions: { nullable: false, compute: (s) => s.sessions },
  views: { nullable: false, compute: (s) => s.views },
  uniqueViewers: { nullable: false, compute: (s) => s.uniqueViewers },
  totalWatchSeconds: { nullable: false, compute: (s) => s.totalWatchSeconds },
  avgWatchSeconds: { nullable: true, compute: (s) => ratio(s.totalWatchSeconds, s.views) },
  peakConcurrentViewers: { nullable: false, compute: (s) => s.peak },
  comments: { nullable: false, compute: (s) => s.comments },
  commenters: { nullable: false, compute: (s) => s.commenters },
  chatRate: { nullable: true, compute: (s) => ratio(s.comments, s.durationSeconds / 60) },
  likes: { nullable: false, compute: (s) => s.likes, type: 'Float' },
  likers: { nullable: false, compute: (s) => s.likers },
  engagedViewers: { nullable: false, compute: (s) => s.engaged },
  engagementRate: { nullable: true, compute: (s) => ratio(s.engaged, s.views) },
  cartAdds: { nullable: false, compute: (s) => s.cartAdds },
  cartAdders: { nullable: false, compute: (s) => s.cartAdders },
  orders: { nullable: false, compute: (s) => s.orders },
  buyers: { nullable: false, compute: (s) => s.buyers },
  revenue: { nullable: true, compute: singleCurrencyRevenue },
  conversionRate: { nullable: true, compute: (s) => ratio(s.buyers, s.views) },
  cartConversionRate: { nullable: true, compute: (s) => ratio(s.cartBuyers, s.cartAdders) },
  averageOrderValue: { nullable: true, compute: (s) => ratio(singleCurrencyRevenue(s), s.orders) },
  revenuePerViewer: { nullable: true, compute: (s) => ratio(singleCurrencyRevenue(s), s.views) },
  gpm: {
    nullable: true,
    compute: (s) => {
      const perViewer = ratio(singleCurrencyRevenue(s), s.views);
      return perViewer === null ? null : perViewer * 1000;
    },
  },
  returningViewers: { nullable: false, compute: (s) => s.returning },
  newViewers: { nullable: false, compute: (s) => s.views - s.returning },
  returningRate: { nullable: true, compute: (s) => ratio(s.returning, s.views) },
  lateJoiners: { nullable: false, compute: (s) => s.lateJoiners },
  commentResponseRate: { nullable: true, compute: (s) => ratio(s.answered, s.comments) },
  follows: { nullable: false, compute: (s) => s.follows },
  followRate: { nullable: true, compute: (s) => ratio(s.follows, s.views) },
  shares: { nullable: false, compute: (s) => s.shares },
  recaps: { nullable: false, compute: (s) => s.recaps },
  recapCoverage: { nullable: true, compute: (s) => ratio(s.coveredLate, s.lateJoiners) },
  recapLift: {
    nullable: true,
    compute: (s) => {
      const uncovered = ratio(s.uncoveredWatch, s.lateJoiners - s.coveredLate);
      return uncovered === null ? null : ratio(ratio(s.coveredWatch, s.coveredLate), uncovered);
    },
  },
  refunds: { nullable: true, compute: singleCurrencyRefunds },
  netRevenue: { nullable: true, compute: netRevenue },
  refundRate: {
    nullable: true,
    compute: (s) => {
      const revenue = singleCurrencyRevenue(s);
      return revenue === null ? null : ratio(singleCurrencyRefunds(s), revenue);
    },
  },
  // METRICS.md "Does engagement pay later?": sums of the sessions' counts, ratios of sums (every buyer is engaged)
  engagedNonBuyers: { nullable: false, compute: (s) => s.engaged - s.buyers },
  passiveNonBuyers: { nullable: false, compute: (s) => s.views - s.engaged },
  laterConversionEngaged: { nullable: true, compute: (s) => laterFigures(laterCountsOf(s)).laterConversionEngaged },
  laterConversionPassive: { nullable: true, compute: (s) => laterFigures(laterCountsOf(s)).laterConversionPassive },
  engagementLift: { nullable: true, compute: (s) => laterFigures(laterCountsOf(s)).engagementLift },
  laterRevenue: { nullable: true, compute: (s) => laterFigures(laterCountsOf(s)).laterRevenue },
};

function laterCountsOf(s: PeriodSums): LaterCounts {
  return {
    engagedNonBuyers: s.engaged - s.buyers,
    passiveNonBuyers: s.views - s.engaged,
    laterEngaged: s.laterEngaged,
    laterPassive: s.laterPassive,
    laterMoney: s.laterMoney,
  };
}

export interface PeriodMetricDefinition {
  name: PeriodKpiName;
  type: MetricType;
  nullable: boolean;
  description: string;
  compute: (s: PeriodSums) => number | null;
}

/** The period KPIs, from the KPI catalogue plus the aggregations above: the GraphQL type, the comparisons and the CSV columns come from this list. */
export const PERIOD_METRICS: readonly PeriodMetricDefinition[] = (
  Object.keys(PERIOD_METRIC_SOURCES) as PeriodKpiName[]
).map((name) => {
  const { unit, scopes } = KPI_CATALOGUE[name];
  const { nullable, compute, type } = PERIOD_METRIC_SOURCES[name];
  return { name, type: type ?? metricTypeOf(unit), nullable, description: scopes.period, compute };
});

export type PeriodMetricValues = Record<string, number | null> & { revenueByCurrency: Money[]; windowOpen: boolean };

/** The period KPIs of some sums; `windowOpen` as of `now`: true while any session's 28 days have not passed (E-5). */
export function periodMetricsOf(sums: PeriodSums, now = Date.now()): PeriodMetricValues {
  const values: Record<string, number | null> = {};
  for (const m of PERIOD_METRICS) values[m.name] = m.compute(sums);
  return {
    ...values,
    revenueByCurrency: sums.money,
    windowOpen: windowOpen(sums.lastStartedAt, now),
  } as PeriodMetricValues;
}

/** The KPIs an overview compares with the previous period. */
export const COMPARED_METRICS = [
  'views',
  'uniqueViewers',
  'avgWatchSeconds',
  'engagementRate',
  'chatRate',
  'conversionRate',
  'revenue',
  'gpm',
  'returningRate',
] as const satisfies readonly PeriodKpiName[];

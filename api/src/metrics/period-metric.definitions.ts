import type { PeriodTotalsRow } from '../repositories/period.repository.js';

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
  money: Money[];
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
  money: [],
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
    money: row.currencies.map((currency, i) => ({ currency, amount: Number(row.revenues[i]) })),
  };
}

const ratio = (num: number | null, den: number): number | null => (num === null || den === 0 ? null : num / den);

/** Revenue of a scope: one currency's amount, 0 without sales, null when currencies are mixed (never summed). */
export function singleCurrencyRevenue(sums: PeriodSums): number | null {
  if (sums.money.length === 0) return 0;
  return sums.money.length === 1 ? sums.money[0].amount : null;
}

export interface PeriodMetricDefinition {
  name: string;
  type: 'Int' | 'Float';
  nullable: boolean;
  description: string;
  compute: (s: PeriodSums) => number | null;
}

/**
 * Period KPIs (METRICS.md "Over several sessions"): counts add up, rates are
 * ratios of sums, never means of rates. Declared once: the GraphQL type, the
 * comparisons and the CSV columns come from this list.
 */
export const PERIOD_METRICS: readonly PeriodMetricDefinition[] = [
  {
    name: 'sessions',
    type: 'Int',
    nullable: false,
    description: 'Sessions that started in the period',
    compute: (s) => s.sessions,
  },
  {
    name: 'views',
    type: 'Int',
    nullable: false,
    description: 'Σ uniqueViewers of each session',
    compute: (s) => s.views,
  },
  {
    name: 'uniqueViewers',
    type: 'Int',
    nullable: false,
    description: 'Distinct viewers across the sessions',
    compute: (s) => s.uniqueViewers,
  },
  {
    name: 'totalWatchSeconds',
    type: 'Float',
    nullable: false,
    description: 'Σ watch seconds',
    compute: (s) => s.totalWatchSeconds,
  },
  {
    name: 'avgWatchSeconds',
    type: 'Float',
    nullable: true,
    description: 'Σ watch seconds / views',
    compute: (s) => ratio(s.totalWatchSeconds, s.views),
  },
  {
    name: 'peakConcurrentViewers',
    type: 'Int',
    nullable: false,
    description: "Max of the sessions' peaks",
    compute: (s) => s.peak,
  },
  { name: 'comments', type: 'Int', nullable: false, description: 'Σ viewer comments', compute: (s) => s.comments },
  {
    name: 'commenters',
    type: 'Int',
    nullable: false,
    description: 'Σ commenters of each session',
    compute: (s) => s.commenters,
  },
  {
    name: 'chatRate',
    type: 'Float',
    nullable: true,
    description: 'Σ comments / Σ session minutes',
    compute: (s) => ratio(s.comments, s.durationSeconds / 60),
  },
  { name: 'likes', type: 'Float', nullable: false, description: 'Σ like counts', compute: (s) => s.likes },
  { name: 'likers', type: 'Int', nullable: false, description: 'Σ likers of each session', compute: (s) => s.likers },
  {
    name: 'engagedViewers',
    type: 'Int',
    nullable: false,
    description: 'Σ engaged viewers of each session',
    compute: (s) => s.engaged,
  },
  {
    name: 'engagementRate',
    type: 'Float',
    nullable: true,
    description: 'Σ engagedViewers / views',
    compute: (s) => ratio(s.engaged, s.views),
  },
  { name: 'cartAdds', type: 'Int', nullable: false, description: 'Σ cart adds', compute: (s) => s.cartAdds },
  {
    name: 'cartAdders',
    type: 'Int',
    nullable: false,
    description: 'Σ cart adders of each session',
    compute: (s) => s.cartAdders,
  },
  { name: 'orders', type: 'Int', nullable: false, description: 'Σ orders', compute: (s) => s.orders },
  { name: 'buyers', type: 'Int', nullable: false, description: 'Σ buyers of each session', compute: (s) => s.buyers },
  {
    name: 'revenue',
    type: 'Float',
    nullable: true,
    description: 'Σ revenue; null when currencies are mixed (see revenueByCurrency)',
    compute: singleCurrencyRevenue,
  },
  {
    name: 'conversionRate',
    type: 'Float',
    nullable: true,
    description: 'Σ buyers / views',
    compute: (s) => ratio(s.buyers, s.views),
  },
  {
    name: 'cartConversionRate',
    type: 'Float',
    nullable: true,
    description: 'Σ viewers who added and bought / Σ cartAdders',
    compute: (s) => ratio(s.cartBuyers, s.cartAdders),
  },
  {
    name: 'averageOrderValue',
    type: 'Float',
    nullable: true,
    description: 'revenue / orders',
    compute: (s) => ratio(singleCurrencyRevenue(s), s.orders),
  },
  {
    name: 'revenuePerViewer',
    type: 'Float',
    nullable: true,
    description: 'revenue / views',
    compute: (s) => ratio(singleCurrencyRevenue(s), s.views),
  },
  {
    name: 'gpm',
    type: 'Float',
    nullable: true,
    description: 'revenue / views × 1000',
    compute: (s) => {
      const r = ratio(singleCurrencyRevenue(s), s.views);
      return r === null ? null : r * 1000;
    },
  },
  {
    name: 'returningViewers',
    type: 'Int',
    nullable: false,
    description: 'Σ returningViewers of each session',
    compute: (s) => s.returning,
  },
  {
    name: 'newViewers',
    type: 'Int',
    nullable: false,
    description: 'views − returningViewers',
    compute: (s) => s.views - s.returning,
  },
  {
    name: 'returningRate',
    type: 'Float',
    nullable: true,
    description: 'Σ returningViewers / Σ uniqueViewers',
    compute: (s) => ratio(s.returning, s.views),
  },
  { name: 'lateJoiners', type: 'Int', nullable: false, description: 'Σ late joiners', compute: (s) => s.lateJoiners },
  {
    name: 'commentResponseRate',
    type: 'Float',
    nullable: true,
    description: 'Σ answered comments / Σ comments',
    compute: (s) => ratio(s.answered, s.comments),
  },
];

export type PeriodMetricValues = Record<string, number | null> & { revenueByCurrency: Money[] };

export function periodMetricsOf(sums: PeriodSums): PeriodMetricValues {
  const values: Record<string, number | null> = {};
  for (const m of PERIOD_METRICS) values[m.name] = m.compute(sums);
  return { ...values, revenueByCurrency: sums.money } as PeriodMetricValues;
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
] as const;

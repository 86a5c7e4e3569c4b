import {
  formatCurrency,
  formatDecimal,
  formatDuration,
  formatInteger,
  formatPerMinute,
  formatPercent,
} from '../../lib/format';
import type { SessionDetailQuery } from '../../gql/graphql';
import type { Lang } from '../../lib/format';

export type SessionMetrics = NonNullable<SessionDetailQuery['session']>['metrics'];
export type KpiName = keyof SessionMetrics;

export type KpiFormat = 'integer' | 'decimal' | 'percent' | 'perMinute' | 'duration' | 'currency';

export type KpiGroupId = 'audience' | 'engagement' | 'commerce';

export interface KpiSpec {
  readonly format: KpiFormat;
  readonly group: KpiGroupId;
  /** Shortened from METRICS.md, which stays the single source of the exact definitions. */
  readonly definition: string;
}

/**
 * Every session KPI, keyed by its METRICS.md name (which is also the card label). The mapped type
 * makes a KPI added to SessionMetrics fail to compile until it has a card here.
 */
export const SESSION_KPIS: { readonly [K in KpiName]: KpiSpec } = {
  uniqueViewers: { format: 'integer', group: 'audience', definition: 'Distinct viewers with any event in the session' },
  peakConcurrentViewers: {
    format: 'integer',
    group: 'audience',
    definition: 'Most viewers watching in any one minute',
  },
  avgConcurrentViewers: { format: 'decimal', group: 'audience', definition: 'Mean viewers watching per minute' },
  totalWatchSeconds: {
    format: 'duration',
    group: 'audience',
    definition: 'Σ dwell seconds, each viewer capped at the session duration',
  },
  avgWatchSeconds: { format: 'duration', group: 'audience', definition: 'totalWatchSeconds / uniqueViewers' },
  lateJoiners: {
    format: 'integer',
    group: 'audience',
    definition: 'Viewers whose first event came > 10 min after start',
  },
  comments: { format: 'integer', group: 'engagement', definition: 'Viewer-authored comments' },
  commenters: { format: 'integer', group: 'engagement', definition: 'Distinct viewers who commented' },
  chatRate: { format: 'perMinute', group: 'engagement', definition: 'comments per minute of session duration' },
  likes: { format: 'integer', group: 'engagement', definition: 'Σ like taps' },
  likers: { format: 'integer', group: 'engagement', definition: 'Distinct viewers who liked' },
  engagedViewers: {
    format: 'integer',
    group: 'engagement',
    definition: 'Viewers with ≥ 1 comment, like, cart add or purchase',
  },
  engagementRate: { format: 'percent', group: 'engagement', definition: 'engagedViewers / uniqueViewers' },
  commentResponseRate: {
    format: 'percent',
    group: 'engagement',
    definition: 'Viewer comments answered by the host within 120 s / comments',
  },
  medianResponseSeconds: { format: 'duration', group: 'engagement', definition: 'Median delay of those host answers' },
  cartAdds: { format: 'integer', group: 'commerce', definition: 'cart_add events' },
  cartAdders: { format: 'integer', group: 'commerce', definition: 'Distinct viewers who added to cart' },
  orders: { format: 'integer', group: 'commerce', definition: 'Distinct orders' },
  buyers: { format: 'integer', group: 'commerce', definition: 'Distinct viewers who purchased' },
  revenue: { format: 'currency', group: 'commerce', definition: 'GMV: Σ quantity × unitPrice' },
  conversionRate: { format: 'percent', group: 'commerce', definition: 'buyers / uniqueViewers' },
  cartConversionRate: { format: 'percent', group: 'commerce', definition: 'Cart adders who also bought / cartAdders' },
  averageOrderValue: { format: 'currency', group: 'commerce', definition: 'revenue / orders' },
  revenuePerViewer: { format: 'currency', group: 'commerce', definition: 'revenue / uniqueViewers' },
  gpm: { format: 'currency', group: 'commerce', definition: 'Revenue per 1,000 viewers' },
};

export const KPI_GROUPS: readonly { readonly id: KpiGroupId; readonly title: string }[] = [
  { id: 'audience', title: 'Audience' },
  { id: 'engagement', title: 'Engagement' },
  { id: 'commerce', title: 'Commerce' },
];

// Object key order is the card order within a group.
export function kpisInGroup(group: KpiGroupId): KpiName[] {
  return (Object.keys(SESSION_KPIS) as KpiName[]).filter((name) => SESSION_KPIS[name].group === group);
}

export function formatKpi(name: KpiName, metrics: SessionMetrics, currency: string, lang: Lang = 'en'): string {
  const value = metrics[name];
  const kind = SESSION_KPIS[name].format;
  switch (kind) {
    case 'integer':
      return formatInteger(value, lang);
    case 'decimal':
      return formatDecimal(value, 1, lang);
    case 'percent':
      return formatPercent(value, lang);
    case 'perMinute':
      return formatPerMinute(value, lang);
    case 'duration':
      return formatDuration(value, lang);
    case 'currency':
      return formatCurrency(value, currency, lang);
  }
}

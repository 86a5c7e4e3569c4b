import { KPI_CATALOGUE, type KpiUnit } from '@lc/contract/kpi';
import type { SessionDetailQuery } from '../../gql/graphql';
import type { Lang } from '../../lib/format';
import { formatKpiValue } from '../../lib/kpi-format';

export type SessionMetrics = NonNullable<SessionDetailQuery['session']>['metrics'];
export type KpiName = keyof SessionMetrics;

export type KpiGroupId = 'audience' | 'engagement' | 'commerce';

export interface KpiSpec {
  readonly unit: KpiUnit;
  readonly group: KpiGroupId;
  /** The KPI catalogue's session definition (METRICS.md wording). */
  readonly definition: string;
}

/**
 * The card group of every session KPI the session page asks for; key order is the card order within
 * a group. The mapped type makes a KPI added to SessionMetrics fail to compile until it has a group
 * here, and reading the KPI catalogue below until it has a catalogue entry with a session definition.
 */
const GROUP_OF: { readonly [K in KpiName]: KpiGroupId } = {
  uniqueViewers: 'audience',
  peakConcurrentViewers: 'audience',
  avgConcurrentViewers: 'audience',
  totalWatchSeconds: 'audience',
  avgWatchSeconds: 'audience',
  lateJoiners: 'audience',
  comments: 'engagement',
  commenters: 'engagement',
  chatRate: 'engagement',
  likes: 'engagement',
  likers: 'engagement',
  engagedViewers: 'engagement',
  engagementRate: 'engagement',
  commentResponseRate: 'engagement',
  medianResponseSeconds: 'engagement',
  cartAdds: 'commerce',
  cartAdders: 'commerce',
  orders: 'commerce',
  buyers: 'commerce',
  revenue: 'commerce',
  conversionRate: 'commerce',
  cartConversionRate: 'commerce',
  averageOrderValue: 'commerce',
  revenuePerViewer: 'commerce',
  gpm: 'commerce',
};

const KPI_NAMES = Object.keys(GROUP_OF) as KpiName[];

function specOf(name: KpiName): KpiSpec {
  const { unit, scopes } = KPI_CATALOGUE[name];
  return { unit, group: GROUP_OF[name], definition: scopes.session };
}

/** Every session KPI, keyed by its METRICS.md name (which is also the card label). */
export const SESSION_KPIS = Object.fromEntries(KPI_NAMES.map((name) => [name, specOf(name)])) as {
  readonly [K in KpiName]: KpiSpec;
};

export const KPI_GROUPS: readonly { readonly id: KpiGroupId; readonly title: string }[] = [
  { id: 'audience', title: 'Audience' },
  { id: 'engagement', title: 'Engagement' },
  { id: 'commerce', title: 'Commerce' },
];

export function kpisInGroup(group: KpiGroupId): KpiName[] {
  return KPI_NAMES.filter((name) => GROUP_OF[name] === group);
}

export function formatKpi(name: KpiName, metrics: SessionMetrics, currency: string, lang: Lang = 'en'): string {
  return formatKpiValue(KPI_CATALOGUE[name].unit, metrics[name], currency, lang);
}

import { KPI_CATALOGUE, type KpiLabel, type KpiUnit } from '@lc/contract/kpi';
import type { SessionDetailQuery } from '../../gql/graphql';
import type { Lang } from '../../lib/format';
import { formatKpiValue } from '../../lib/kpi-format';

export type SessionMetrics = NonNullable<SessionDetailQuery['session']>['metrics'];
export type KpiName = keyof SessionMetrics;

export type KpiGroupId = 'audience' | 'engagement' | 'commerce';

export interface KpiSpec {
  readonly unit: KpiUnit;
  readonly group: KpiGroupId;
  /** The KPI catalogue's session definition in each language (the English one is METRICS.md's wording). */
  readonly definition: KpiLabel;
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
  follows: 'engagement',
  followRate: 'engagement',
  shares: 'engagement',
  cartAdds: 'commerce',
  cartAdders: 'commerce',
  orders: 'commerce',
  buyers: 'commerce',
  revenue: 'commerce',
  netRevenue: 'commerce',
  refunds: 'commerce',
  refundRate: 'commerce',
  conversionRate: 'commerce',
  cartConversionRate: 'commerce',
  averageOrderValue: 'commerce',
  revenuePerViewer: 'commerce',
  gpm: 'commerce',
};

const KPI_NAMES = Object.keys(GROUP_OF) as KpiName[];

function specOf(name: KpiName): KpiSpec {
  const { unit, scopes, scopesJa } = KPI_CATALOGUE[name];
  return { unit, group: GROUP_OF[name], definition: { en: scopes.session, ja: scopesJa.session } };
}

/** Every session KPI, keyed by its METRICS.md name; the card label is the catalogue's (i18n `kpi_<name>`). */
export const SESSION_KPIS = Object.fromEntries(KPI_NAMES.map((name) => [name, specOf(name)])) as {
  readonly [K in KpiName]: KpiSpec;
};

/** The card groups in page order; each is titled by its i18n key `kpiGroup_<id>`. */
export const KPI_GROUPS: readonly KpiGroupId[] = ['audience', 'engagement', 'commerce'];

export function kpisInGroup(group: KpiGroupId): KpiName[] {
  return KPI_NAMES.filter((name) => GROUP_OF[name] === group);
}

export function formatKpi(name: KpiName, metrics: SessionMetrics, currency: string, lang: Lang = 'en'): string {
  return formatKpiValue(KPI_CATALOGUE[name].unit, metrics[name], currency, lang);
}

import { KPI_CATALOGUE, ratio, type KpiName } from '@lc/contract/kpi';
import type { Lang } from '../../lib/format';
import type { MessageKey } from '../../lib/i18n';
import { formatKpiValue } from '../../lib/kpi-format';

/** The period KPIs the overview, report and commercer pages show, by their METRICS.md names. */
export type PeriodKpiName =
  | 'sessions'
  | 'views'
  | 'uniqueViewers'
  | 'avgWatchSeconds'
  | 'engagementRate'
  | 'conversionRate'
  | 'revenue'
  | 'gpm'
  | 'chatRate'
  | 'returningRate'
  | 'commentResponseRate'
  | 'follows'
  | 'followRate'
  | 'netRevenue';

/** The overview's cards, in reading order (the list). */
export const OVERVIEW_KPIS: readonly PeriodKpiName[] = [
  'views',
  'uniqueViewers',
  'avgWatchSeconds',
  'engagementRate',
  'follows',
  'followRate',
  'conversionRate',
  'revenue',
  'netRevenue',
  'gpm',
];

/** Any catalogue KPI, so a page can show one of its own next to these (the leaderboard's recapCoverage). */
export function kpiLabel(name: KpiName): MessageKey {
  return `kpi_${name}`;
}

export function formatPeriodKpi(name: KpiName, value: number | null | undefined, currency: string, lang: Lang): string {
  return formatKpiValue(KPI_CATALOGUE[name].unit, value, currency, lang);
}

/** (value − previous) / previous; null when either is missing or the previous is 0 (no base to compare). */
export function relativeChange(value: number | null | undefined, previous: number | null | undefined): number | null {
  if (value === null || value === undefined || previous === null || previous === undefined) return null;
  return ratio(value - previous, previous);
}

export function median(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (present.length === 0) return null;
  const mid = Math.floor(present.length / 2);
  return present.length % 2 === 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
}

/**
 * METRICS.md's benchmark against own history: a period KPI is flagged when it falls below the median of
 * the same KPI over the four periods of equal length just before it (same scope). Like is compared with
 * like — a 28-day total with 28-day totals — so nothing is rescaled. Periods without sessions have null
 * rates and drop out of the median; with no value or no median there is no flag.
 */
export function historyCheck(
  value: number | null | undefined,
  history: readonly (number | null | undefined)[],
): { median: number | null; below: boolean } {
  const base = median(history);
  if (base === null || value === null || value === undefined) return { median: base, below: false };
  return { median: base, below: value < base };
}

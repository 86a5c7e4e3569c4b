import { KPI_CATALOGUE, ratio } from '@lc/contract/kpi';
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
  | 'commentResponseRate';

interface PeriodKpiSpec {
  /** Counts grow with the period's length; rates do not. Decides how a period is compared with a week. */
  readonly additive: boolean;
}

/** Unit, label and definition come from the KPI catalogue (@lc/contract). */
export const PERIOD_KPIS: { readonly [K in PeriodKpiName]: PeriodKpiSpec } = {
  sessions: { additive: true },
  views: { additive: true },
  uniqueViewers: { additive: true },
  avgWatchSeconds: { additive: false },
  engagementRate: { additive: false },
  conversionRate: { additive: false },
  revenue: { additive: true },
  gpm: { additive: false },
  chatRate: { additive: false },
  returningRate: { additive: false },
  commentResponseRate: { additive: false },
};

/** The overview's cards, in reading order (the list). */
export const OVERVIEW_KPIS: readonly PeriodKpiName[] = [
  'views',
  'uniqueViewers',
  'avgWatchSeconds',
  'engagementRate',
  'conversionRate',
  'revenue',
  'gpm',
];

export function kpiLabel(name: PeriodKpiName): MessageKey {
  return `kpi_${name}`;
}

export function formatPeriodKpi(
  name: PeriodKpiName,
  value: number | null | undefined,
  currency: string,
  lang: Lang,
): string {
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
 * The brand's own baseline for a KPI: the median of its four previous weekly values. A count over a
 * period of N days is compared per week (× 7 / N) so a 28-day total is not flagged against a week.
 * Weeks without sessions have null rates and drop out of the median.
 */
export function baselineCheck(
  name: PeriodKpiName,
  value: number | null | undefined,
  weekly: readonly (number | null | undefined)[],
  periodDays: number,
): { median: number | null; below: boolean } {
  const base = median(weekly);
  if (base === null || value === null || value === undefined) return { median: base, below: false };
  const comparable = PERIOD_KPIS[name].additive ? (value * 7) / periodDays : value;
  return { median: base, below: comparable < base };
}

import { KPI_CATALOGUE } from '@lc/contract/kpi';
import type { CommercerProfileQuery } from '../../gql/graphql';
import { MISSING, type Lang } from '../../lib/format';
import type { Translate } from '../../lib/i18n';
import { formatKpiValue } from '../../lib/kpi-format';
import { kpiLabel } from '../overview/period-kpis';

/**
 * The host-craft card of a commercer's profile: does the host answer viewers, and recap for those who
 * join midway? The period KPIs of METRICS.md, in that order. medianResponseSeconds is defined per
 * session only (no period sum adds up to a median), so the card leaves it out.
 */
export const HOST_CRAFT_KPIS = ['commentResponseRate', 'recaps', 'recapCoverage', 'recapLift'] as const;
export type HostCraftKpi = (typeof HOST_CRAFT_KPIS)[number];

export type HostCraftMetrics = Pick<NonNullable<CommercerProfileQuery['commercer']>['metrics'], HostCraftKpi>;

export interface HostCraftItem {
  readonly name: HostCraftKpi;
  /** The KPI catalogue's label in the reader's language. */
  readonly label: string;
  readonly value: string;
  /** The KPI catalogue's period definition in the reader's language. */
  readonly definition: string;
  /** Why the value is a dash, in a marketer's words; null when there is a value. */
  readonly missing: string | null;
}

/**
 * Why a KPI of the card has no value. Each is a ratio whose denominator is 0 (METRICS.md: null, never
 * 0): no viewer comments; no late joiners; for the lift, one of its two groups empty — told apart by
 * the coverage, which is 0 when no late joiner saw a recap and 1 when all did.
 */
function missingReason(name: HostCraftKpi, metrics: HostCraftMetrics, t: Translate): string | null {
  if (metrics[name] !== null) return null;
  switch (name) {
    case 'commentResponseRate':
      return t('noComments');
    case 'recaps':
      return null;
    case 'recapCoverage':
      return t('noLateJoiners');
    case 'recapLift':
      return metrics.recapCoverage === null
        ? t('noLateJoiners')
        : metrics.recapCoverage === 0
          ? t('liftNoneCovered')
          : t('liftAllCovered');
  }
}

export function hostCraftItems(metrics: HostCraftMetrics, t: Translate, lang: Lang): HostCraftItem[] {
  return HOST_CRAFT_KPIS.map((name) => {
    const { unit, scopes, scopesJa } = KPI_CATALOGUE[name];
    // The currency is never read: no KPI of the card is money.
    const value = formatKpiValue(unit, metrics[name], '', lang);
    return {
      name,
      label: t(kpiLabel(name)),
      value,
      definition: lang === 'ja' ? scopesJa.period : scopes.period,
      missing: value === MISSING ? missingReason(name, metrics, t) : null,
    };
  });
}

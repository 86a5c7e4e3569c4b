import type { KpiUnit } from '@lc/contract/kpi';
import {
  formatCurrency,
  formatDecimal,
  formatDuration,
  formatInteger,
  formatPercent,
  formatPerMinute,
  type Lang,
} from './format';

/** The units the dashboard shows so far: a KPI of another unit (`multiple`) fails to compile until it has a format here. */
export type ShownKpiUnit = Exclude<KpiUnit, 'multiple'>;

/** A KPI value formatted by its catalogue unit; a dash when it is missing (a ratio without a denominator). */
export function formatKpiValue(
  unit: ShownKpiUnit,
  value: number | null | undefined,
  currency: string,
  lang: Lang = 'en',
): string {
  switch (unit) {
    case 'count':
      return formatInteger(value, lang);
    case 'decimal':
      return formatDecimal(value, 1, lang);
    case 'ratio':
      return formatPercent(value, lang);
    case 'perMinute':
      return formatPerMinute(value, lang);
    case 'seconds':
      return formatDuration(value, lang);
    case 'currency':
      return formatCurrency(value, currency, lang);
  }
}

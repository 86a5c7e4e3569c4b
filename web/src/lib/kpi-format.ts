import type { KpiUnit } from '@lc/contract/kpi';
import {
  formatCurrency,
  formatDecimal,
  formatDuration,
  formatInteger,
  formatMultiple,
  formatPercent,
  formatPerMinute,
  type Lang,
} from './format';

/**
 * A KPI value formatted by its catalogue unit; a dash when it is missing (a ratio without a
 * denominator). The switch is exhaustive: a KPI of a new unit fails to compile until it has a format.
 */
export function formatKpiValue(
  unit: KpiUnit,
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
    case 'multiple':
      return formatMultiple(value, lang);
    case 'perMinute':
      return formatPerMinute(value, lang);
    case 'seconds':
      return formatDuration(value, lang);
    case 'currency':
      return formatCurrency(value, currency, lang);
  }
}

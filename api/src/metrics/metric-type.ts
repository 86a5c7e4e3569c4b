import type { KpiUnit } from '@lc/contract';

export type MetricType = 'Int' | 'Float';

/** A KPI's GraphQL type from its catalogue unit: counts are whole numbers, everything else is fractional. */
export function metricTypeOf(unit: KpiUnit): MetricType {
  return unit === 'count' ? 'Int' : 'Float';
}

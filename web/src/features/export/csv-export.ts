import type { PeriodVariables } from '../../lib/filters';

export type CsvKind = 'sessions' | 'commercers' | 'daily';

/** GET /export/{kind}.csv with the same brand and period as the page (docs/API-CONTRACT.graphql). */
export function csvPath(kind: CsvKind, brandId: string, period: PeriodVariables): string {
  const query = new URLSearchParams({ brandId, from: period.from, to: period.to, timeZone: period.timeZone });
  return `/export/${kind}.csv?${query.toString()}`;
}

/** `sakura-sessions-2026-11-01_2026-11-28.csv`: sorts by brand and period in a downloads folder. */
export function csvFileName(kind: CsvKind, brandId: string, fromDay: string, toDay: string): string {
  const safe = brandId.replace(/[^\w.-]+/g, '_');
  return `${safe}-${kind}-${fromDay}_${toDay}.csv`;
}

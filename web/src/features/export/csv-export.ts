import type { PeriodVariables } from '../../lib/filters';

export type CsvKind = 'sessions' | 'commercers' | 'daily' | 'products' | 'sources';

/** GET /export/{kind}.csv with the same brand and period as the page (docs/API.md). */
export function csvPath(kind: CsvKind, brandId: string, period: PeriodVariables): string {
  const query = new URLSearchParams({ brandId, from: period.from, to: period.to, timeZone: period.timeZone });
  return `/export/${kind}.csv?${query.toString()}`;
}

const safeName = (name: string): string => name.replace(/[^\w.-]+/g, '_');

/**
 * `sakura-sessions-2026-11-01_2026-11-28.csv`: sorts by brand and period in a downloads folder. The
 * table is a server export (CsvKind) or a table built in the browser (e.g. `regulars`).
 */
export function csvFileName(table: string, brandId: string, fromDay: string, toDay: string): string {
  return `${safeName(brandId)}-${safeName(table)}-${fromDay}_${toDay}.csv`;
}

/** `sakura-S1-run-sheet.csv`: a table of one session, named by brand and session rather than by the period in view. */
export function sessionCsvFileName(table: string, brandId: string, sessionId: string): string {
  return `${safeName(brandId)}-${safeName(sessionId)}-${safeName(table)}.csv`;
}

/** Hands a file to the browser's downloads. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked on the next tick: the click has handed the blob to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

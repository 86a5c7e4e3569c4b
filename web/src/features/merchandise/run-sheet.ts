import type { SessionMerchandiseQuery } from '../../gql/graphql';
import type { MessageKey } from '../../lib/i18n';
import { sortRows, type SortOrder, type SortValue, type TableSort } from '../../lib/table-sort';
import type { CsvTable } from '../export/csv';

/** One pin of a session (METRICS.md "Pin segments"): start and end in seconds from the session start. */
export type PinSegment = NonNullable<SessionMerchandiseQuery['session']>['pinSegments'][number];

export type RunSheetKey =
  | 'product'
  | 'time'
  | 'watchingChange'
  | 'commentsPerMinute'
  | 'clicks'
  | 'cartAdds'
  | 'orders'
  | 'revenue'
  | 'segmentGpm';

export interface RunSheetColumn {
  readonly key: RunSheetKey;
  readonly label: MessageKey;
  /** Numbers are right-aligned and sort high to low first; the product and the time sort A–Z / earliest first. */
  readonly numeric: boolean;
  readonly value: (row: PinSegment) => SortValue;
}

/** The run-sheet's columns in reading order; labels of KPI columns come from the KPI catalogue (kpi_*). */
export const RUN_SHEET_COLUMNS: readonly RunSheetColumn[] = [
  { key: 'product', label: 'colProduct', numeric: false, value: (r) => r.productName },
  { key: 'time', label: 'colSegmentTime', numeric: false, value: (r) => r.start },
  { key: 'watchingChange', label: 'colWatchingChange', numeric: true, value: (r) => r.watchingChange },
  { key: 'commentsPerMinute', label: 'kpi_commentsPerMinute', numeric: true, value: (r) => r.commentsPerMinute },
  { key: 'clicks', label: 'kpi_clicks', numeric: true, value: (r) => r.clicks },
  { key: 'cartAdds', label: 'kpi_cartAdds', numeric: true, value: (r) => r.cartAdds },
  { key: 'orders', label: 'kpi_orders', numeric: true, value: (r) => r.orders },
  { key: 'revenue', label: 'kpi_revenue', numeric: true, value: (r) => r.revenue },
  { key: 'segmentGpm', label: 'kpi_segmentGpm', numeric: true, value: (r) => r.segmentGpm },
];

/** Pin order: the run-sheet reads as the stream ran. */
export const RUN_SHEET_DEFAULT_SORT: TableSort<RunSheetKey> = { key: 'time', direction: 'ASC' };

export function firstDirection(key: RunSheetKey): SortOrder {
  return RUN_SHEET_COLUMNS.find((c) => c.key === key)?.numeric ? 'DESC' : 'ASC';
}

/** The rows as the table shows them; ties keep pin order (the API's `segment` order). */
export function sortRunSheet(rows: readonly PinSegment[], sort: TableSort<RunSheetKey>): PinSegment[] {
  const column = RUN_SHEET_COLUMNS.find((c) => c.key === sort.key) ?? RUN_SHEET_COLUMNS[1];
  const inPinOrder = [...rows].sort((a, b) => a.segment - b.segment);
  return sortRows(inPinOrder, column.value, sort.direction);
}

const CSV_COLUMNS = [
  'segment',
  'productId',
  'productName',
  'start',
  'end',
  'watchingAtStart',
  'watchingAtEnd',
  'watchingChange',
  'comments',
  'commentsPerMinute',
  'clicks',
  'cartAdds',
  'orders',
  'units',
  'revenue',
  'viewers',
  'segmentGpm',
] as const;

/**
 * The run-sheet in the order on screen, as raw values with the API's field names: start and end in
 * seconds from the session start, money in the session's currency (its own column), ratios unrounded.
 */
export function runSheetCsv(rows: readonly PinSegment[], currency: string): CsvTable {
  return {
    header: [...CSV_COLUMNS, 'currency'],
    rows: rows.map((row) => [...CSV_COLUMNS.map((c) => row[c]), currency]),
  };
}

/** A pin segment drawn on the minute timeline: from and to in minutes from the session start. */
export interface TimelineBand {
  readonly key: string;
  readonly from: number;
  readonly to: number;
  readonly label: string;
  /** The full product name, when the label had to be shortened. */
  readonly title: string;
}

const BAND_LABEL_CHARS = 22;

/** A name cut to fit over a band, with an ellipsis; the table beside the chart has it in full. */
export function bandLabel(name: string, maxChars = BAND_LABEL_CHARS): string {
  const chars = [...name];
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : name;
}

/** The segments as bands on the minute axis (minute m is [m, m + 1)), in pin order. */
export function runSheetBands(rows: readonly PinSegment[]): TimelineBand[] {
  return [...rows]
    .sort((a, b) => a.segment - b.segment)
    .map((row) => ({
      key: `segment-${row.segment}`,
      from: row.start / 60,
      to: row.end / 60,
      label: bandLabel(row.productName),
      title: row.productName,
    }));
}

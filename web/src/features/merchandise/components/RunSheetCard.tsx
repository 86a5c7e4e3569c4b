import { useState } from 'react';
import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/StatusPanel';
import { formatClock, formatCurrency, formatInteger, formatPerMinute, formatSignedInteger } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { nextTableSort, type TableSort } from '../../../lib/table-sort';
import { TableCsvDownload } from '../../export/TableCsvDownload';
import { sessionCsvFileName } from '../../export/csv-export';
import {
  firstDirection,
  RUN_SHEET_COLUMNS,
  RUN_SHEET_DEFAULT_SORT,
  runSheetCsv,
  sortRunSheet,
  type PinSegment,
  type RunSheetKey,
} from '../run-sheet';
import { SortableHeader } from './SortableHeader';

interface Props {
  readonly segments: readonly PinSegment[];
  readonly currency: string;
  readonly brandId: string;
  readonly sessionId: string;
}

/** The session's run-sheet: one row per pin, sortable by any column, downloadable as shown. */
export function RunSheetCard({ segments, currency, brandId, sessionId }: Props) {
  const { t, lang } = useI18n();
  const [sort, setSort] = useState<TableSort<RunSheetKey>>(RUN_SHEET_DEFAULT_SORT);
  const rows = sortRunSheet(segments, sort);
  const onSort = (key: RunSheetKey): void => setSort((current) => nextTableSort(current, key, firstDirection(key)));
  return (
    <Card
      title={t('runSheet')}
      hint={t('runSheetHint')}
      flush={segments.length > 0}
      testId="run-sheet"
      actions={
        segments.length > 0 ? (
          <TableCsvDownload
            table="run-sheet"
            build={() => runSheetCsv(rows, currency)}
            fileName={sessionCsvFileName('run-sheet', brandId, sessionId)}
          />
        ) : undefined
      }
    >
      {segments.length === 0 ? (
        <EmptyState testId="run-sheet-empty" title={t('noPins')} />
      ) : (
        <div className="table-scroll">
          <table className="table table--compact table--wrap-head" data-testid="run-sheet-table">
            <thead>
              <tr>
                {RUN_SHEET_COLUMNS.map((column) => (
                  <SortableHeader
                    key={column.key}
                    column={column.key}
                    label={t(column.label)}
                    hint={column.key === 'watchingChange' ? t('watchingChangeHint') : undefined}
                    numeric={column.numeric}
                    sort={sort}
                    testIdPrefix="run-sheet"
                    onSort={onSort}
                  />
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.segment} data-testid={`segment-row-${row.segment}`}>
                  <td data-testid="cell-product">{row.productName}</td>
                  <td className="nowrap" data-testid="cell-time">
                    {formatClock(row.start)} – {formatClock(row.end)}
                  </td>
                  <td
                    className={`num ${row.watchingChange < 0 ? 'delta--down' : row.watchingChange > 0 ? 'delta--up' : ''}`}
                    data-testid="cell-watchingChange"
                  >
                    {formatSignedInteger(row.watchingChange, lang)}
                  </td>
                  <td className="num" data-testid="cell-commentsPerMinute">
                    {formatPerMinute(row.commentsPerMinute, lang)}
                  </td>
                  <td className="num" data-testid="cell-clicks">
                    {formatInteger(row.clicks, lang)}
                  </td>
                  <td className="num" data-testid="cell-cartAdds">
                    {formatInteger(row.cartAdds, lang)}
                  </td>
                  <td className="num" data-testid="cell-orders">
                    {formatInteger(row.orders, lang)}
                  </td>
                  <td className="num" data-testid="cell-revenue">
                    {formatCurrency(row.revenue, currency, lang)}
                  </td>
                  <td className="num" data-testid="cell-segmentGpm">
                    {formatCurrency(row.segmentGpm, currency, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

import { KPI_CATALOGUE } from '@lc/contract/kpi';
import { formatInteger, MISSING } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { formatKpiValue } from '../../../lib/kpi-format';
import { Link } from '../../../lib/router';
import type { TableSort } from '../../../lib/table-sort';
import {
  PERIOD_PRODUCT_COLUMNS,
  PRODUCT_KPI_COLUMNS,
  productSortLabel,
  type PeriodProduct,
  type ProductSortKey,
  type SessionProduct,
} from '../product-ranking';
import { SortableHeader } from './SortableHeader';

interface PeriodLinks {
  /** The session list of the period in view. */
  readonly sessions: string;
  readonly commercer: (id: string) => string;
}

type Props = {
  /** Already ranked (rankProducts): the table shows them in this order. */
  readonly sort: TableSort<ProductSortKey>;
  readonly onSort: (key: ProductSortKey) => void;
  readonly testId: string;
} & (
  | { readonly variant: 'session'; readonly rows: readonly SessionProduct[] }
  | { readonly variant: 'period'; readonly rows: readonly PeriodProduct[]; readonly links: PeriodLinks }
);

/** Products with their KPI columns, sortable by every column; over a period with rank, sessions and best commercer. */
export function ProductsTable(props: Props) {
  const { t, lang } = useI18n();
  const { sort, onSort, testId } = props;
  const columns = props.variant === 'period' ? PERIOD_PRODUCT_COLUMNS : PRODUCT_KPI_COLUMNS;
  const header = (key: ProductSortKey, numeric: boolean) => (
    <SortableHeader
      key={key}
      column={key}
      label={t(productSortLabel(key))}
      numeric={numeric}
      sort={sort}
      testIdPrefix={testId}
      onSort={onSort}
    />
  );
  return (
    <table className="table table--compact table--wrap-head" data-testid={testId}>
      <thead>
        <tr>
          {props.variant === 'period' ? (
            <th scope="col" className="num">
              {t('colRank')}
            </th>
          ) : null}
          {header('productName', false)}
          {columns.map((column) => header(column, true))}
          {props.variant === 'period' ? (
            <>
              {header('sessions', true)}
              <th scope="col">{t('colBestCommercer')}</th>
            </>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, index) => (
          <tr key={row.productId} data-testid={`product-row-${row.productId}`}>
            {props.variant === 'period' ? (
              <td className="num" data-testid="cell-rank">
                {index + 1}
              </td>
            ) : null}
            <td className="cell-product" data-testid="cell-product">
              {row.productName}
            </td>
            {columns.map((column) => (
              <td key={column} className="num" data-testid={`cell-${column}`}>
                {formatKpiValue(KPI_CATALOGUE[column].unit, row[column], row.currency, lang)}
              </td>
            ))}
            {props.variant === 'period' && 'sessions' in row ? (
              <>
                <td className="num" data-testid="cell-sessions">
                  <Link to={props.links.sessions} title={t('sessionsOfProduct', { product: row.productName })}>
                    <span data-testid="sessions-count">{formatInteger(row.sessions, lang)}</span>
                    <span className="sr-only"> {t('sessionsOfProduct', { product: row.productName })}</span>
                  </Link>
                </td>
                <td className="nowrap" data-testid="cell-bestCommercer">
                  {row.bestCommercer ? (
                    <Link to={props.links.commercer(row.bestCommercer.id)}>{row.bestCommercer.name}</Link>
                  ) : (
                    <span className="muted">{MISSING}</span>
                  )}
                </td>
              </>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

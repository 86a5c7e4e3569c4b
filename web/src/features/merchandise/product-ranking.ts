import { PRODUCT_CSV_COLUMNS } from '@lc/contract/csv';
import { KPI_CATALOGUE } from '@lc/contract/kpi';
import type { PeriodProductsQuery, ProductFieldsFragment } from '../../gql/graphql';
import type { MessageKey } from '../../lib/i18n';
import { sortRows, type SortOrder, type SortValue, type TableSort } from '../../lib/table-sort';
import type { CsvTable } from '../export/csv';

/** A product row of a session (METRICS.md "Products"). */
export type SessionProduct = ProductFieldsFragment;
/** A product row of a period: the sessions' rows added up, with the commercer who sold the most of it. */
export type PeriodProduct = PeriodProductsQuery['brandOverview']['products'][number];

/** The KPI columns of a product row, in reading order: their labels and units come from the KPI catalogue. */
export const PRODUCT_KPI_COLUMNS = [
  'pins',
  'pinnedSeconds',
  'impressed',
  'clickers',
  'clickRate',
  'cartAdds',
  'orders',
  'units',
  'revenue',
  'buyers',
  'orderRate',
] as const satisfies readonly (keyof SessionProduct & keyof typeof KPI_CATALOGUE)[];

export type ProductKpiColumn = (typeof PRODUCT_KPI_COLUMNS)[number];

/**
 * The products page's columns: the three rankings and what they are made of, so the table fits a
 * laptop screen beside the rank, the sessions and the best commercer. The CSV has every column.
 */
export const PERIOD_PRODUCT_COLUMNS = [
  'revenue',
  'units',
  'orders',
  'clickRate',
  'orderRate',
  'pinnedSeconds',
] as const satisfies readonly ProductKpiColumn[];

/** What a product table sorts by: its name, a KPI column, or (over a period) the number of sessions. */
export type ProductSortKey = 'productName' | ProductKpiColumn | 'sessions';

/** The rankings the products page offers first: what sold, what got clicked, what got bought once clicked. */
export const PRODUCT_RANKINGS = ['revenue', 'clickRate', 'orderRate'] as const satisfies readonly ProductSortKey[];

export const PRODUCT_DEFAULT_SORT: TableSort<ProductSortKey> = { key: 'revenue', direction: 'DESC' };

const SORT_KEYS: readonly ProductSortKey[] = ['productName', ...PRODUCT_KPI_COLUMNS, 'sessions'];

export function productSortLabel(key: ProductSortKey): MessageKey {
  return key === 'productName' ? 'colProduct' : `kpi_${key}`;
}

export function productFirstDirection(key: ProductSortKey): SortOrder {
  return key === 'productName' ? 'ASC' : 'DESC';
}

function sortValue(row: SessionProduct | PeriodProduct, key: ProductSortKey): SortValue {
  if (key === 'sessions') return 'sessions' in row ? row.sessions : null;
  return row[key];
}

/**
 * The products ranked by one column. Equal values (two products both clicked by every viewer who saw
 * them) are ranked by revenue, then by product id, so the order never depends on the server's.
 */
export function rankProducts<T extends SessionProduct | PeriodProduct>(
  rows: readonly T[],
  sort: TableSort<ProductSortKey>,
): T[] {
  const byRevenue = [...rows].sort((a, b) => b.revenue - a.revenue || a.productId.localeCompare(b.productId));
  return sortRows(byRevenue, (row) => sortValue(row, sort.key), sort.direction);
}

/** The products page's own URL params (?sort=&dir=); unknown values fall back to revenue, high first. */
export function parseProductSort(search: URLSearchParams): TableSort<ProductSortKey> {
  const key = SORT_KEYS.find((k) => k === search.get('sort'));
  if (!key) return PRODUCT_DEFAULT_SORT;
  const dir = search.get('dir');
  return { key, direction: dir === 'ASC' || dir === 'DESC' ? dir : productFirstDirection(key) };
}

const CSV_COLUMNS = [...PRODUCT_CSV_COLUMNS, 'currency'] as const satisfies readonly (keyof SessionProduct)[];

/** A session's products in the order on screen, with the columns of the server's products.csv. */
export function sessionProductsCsv(rows: readonly SessionProduct[]): CsvTable {
  return { header: CSV_COLUMNS, rows: rows.map((row) => CSV_COLUMNS.map((c) => row[c])) };
}

import { useQuery } from '@apollo/client/react';
import { PeriodHeading } from '../../../components/PeriodHeading';
import { SelectField } from '../../../components/SelectField';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StatusPanel';
import { useI18n } from '../../../lib/i18n';
import { commercerPath, updateSearch, useLocation } from '../../../lib/router';
import { nextTableSort, type TableSort } from '../../../lib/table-sort';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { CsvDownload } from '../../export/CsvDownload';
import { useScope } from '../../scope/scope';
import { MAX_PERIOD_PRODUCTS, PERIOD_PRODUCTS_QUERY } from '../merchandise.queries';
import {
  parseProductSort,
  PRODUCT_RANKINGS,
  productFirstDirection,
  productSortLabel,
  rankProducts,
  type ProductSortKey,
} from '../product-ranking';
import { ProductsTable } from './ProductsTable';

/** The period's products, ranked by revenue, click rate, order rate or any column, each with its best commercer. */
export function ProductsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('productsTitle'));
  const { search } = useLocation();
  const { brand, period, link } = useScope();
  const sort = parseProductSort(search);
  const { data, error, refetch } = useQuery(PERIOD_PRODUCTS_QUERY, {
    variables: { brandId: brand.id, period, first: MAX_PERIOD_PRODUCTS },
  });
  const rows = rankProducts(data?.brandOverview.products ?? [], sort);
  const setSort = (next: TableSort<ProductSortKey>): void => updateSearch({ sort: next.key, dir: next.direction });
  // The select offers the three rankings; a column picked by its header joins them so the select says so.
  const choices: readonly ProductSortKey[] = (PRODUCT_RANKINGS as readonly ProductSortKey[]).includes(sort.key)
    ? PRODUCT_RANKINGS
    : [...PRODUCT_RANKINGS, sort.key];

  return (
    <>
      <PeriodHeading title={t('productsTitle')} />
      <div className="toolbar">
        <SelectField
          label={t('rankBy')}
          testId="product-ranking"
          value={sort.key}
          options={choices.map((key) => ({ value: key, label: t(productSortLabel(key)) }))}
          onChange={(key) => {
            const chosen = choices.find((c) => c === key) ?? 'revenue';
            setSort({ key: chosen, direction: productFirstDirection(chosen) });
          }}
        />
        <span className="muted small">{t('productsTieNote')}</span>
        <CsvDownload kind="products" />
      </div>
      {!data ? (
        error ? (
          <ErrorState error={error} onRetry={() => void refetch().catch(() => undefined)} />
        ) : (
          <Skeleton kind="table" count={5} />
        )
      ) : rows.length === 0 ? (
        <EmptyState testId="products-empty" title={t('noProductsInPeriod')} />
      ) : (
        <section className="card card--flush" aria-label={t('productsTitle')}>
          <p className="card__hint muted products-hint">{t('productsHint')}</p>
          <div className="table-scroll">
            <ProductsTable
              variant="period"
              rows={rows}
              sort={sort}
              onSort={(key) => setSort(nextTableSort(sort, key, productFirstDirection(key)))}
              testId="products-table"
              links={{ sessions: link('/'), commercer: (id) => link(commercerPath(id)) }}
            />
          </div>
        </section>
      )}
    </>
  );
}

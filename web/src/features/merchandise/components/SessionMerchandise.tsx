import { useState } from 'react';
import { Card } from '../../../components/Card';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StatusPanel';
import { useI18n } from '../../../lib/i18n';
import { nextTableSort, type TableSort } from '../../../lib/table-sort';
import { TableCsvDownload } from '../../export/TableCsvDownload';
import { sessionCsvFileName } from '../../export/csv-export';
import type { SessionMerchandiseQuery } from '../../../gql/graphql';
import {
  PRODUCT_DEFAULT_SORT,
  productFirstDirection,
  rankProducts,
  sessionProductsCsv,
  type ProductSortKey,
  type SessionProduct,
} from '../product-ranking';
import { trafficSourcesCsv } from '../traffic-sources';
import { ProductsTable } from './ProductsTable';
import { RunSheetCard } from './RunSheetCard';
import { TrafficSourcesCard } from './TrafficSourcesCard';

interface Props {
  readonly sessionId: string;
  readonly brandId: string;
  /**
   * The answer to SESSION_MERCHANDISE_QUERY: the page asks once (and polls it while live) for this
   * section and the timeline's bands together.
   */
  readonly data: SessionMerchandiseQuery | undefined;
  readonly error: unknown;
  readonly onRetry: () => void;
}

function SessionProductsCard({
  products,
  brandId,
  sessionId,
}: {
  products: readonly SessionProduct[];
  brandId: string;
  sessionId: string;
}) {
  const { t } = useI18n();
  const [sort, setSort] = useState<TableSort<ProductSortKey>>(PRODUCT_DEFAULT_SORT);
  const rows = rankProducts(products, sort);
  return (
    <Card
      title={t('sessionProducts')}
      hint={t('sessionProductsHint')}
      flush={rows.length > 0}
      testId="session-products"
      actions={
        rows.length > 0 ? (
          <TableCsvDownload
            table="products"
            build={() => sessionProductsCsv(rows)}
            fileName={sessionCsvFileName('products', brandId, sessionId)}
          />
        ) : undefined
      }
    >
      {rows.length === 0 ? (
        <EmptyState testId="session-products-empty" title={t('noProducts')} />
      ) : (
        <div className="table-scroll">
          <ProductsTable
            variant="session"
            rows={rows}
            sort={sort}
            onSort={(key) => setSort((current) => nextTableSort(current, key, productFirstDirection(key)))}
            testId="session-products-table"
          />
        </div>
      )}
    </Card>
  );
}

/** The session's merchandise: its run-sheet, its products and where its viewers came from. */
export function SessionMerchandise({ sessionId, brandId, data, error, onRetry }: Props) {
  if (!data) {
    return error ? <ErrorState error={error} onRetry={onRetry} /> : <Skeleton kind="table" count={3} />;
  }
  const { session } = data;
  // The page above says when the session is not there.
  if (!session) return null;
  return (
    <>
      <RunSheetCard
        segments={session.pinSegments}
        currency={session.currency}
        brandId={brandId}
        sessionId={sessionId}
      />
      <SessionProductsCard products={session.products} brandId={brandId} sessionId={sessionId} />
      <TrafficSourcesCard
        rows={session.trafficSources}
        currency={session.currency}
        testId="session-sources"
        actions={
          <TableCsvDownload
            table="traffic-sources"
            build={() => trafficSourcesCsv(session.trafficSources)}
            fileName={sessionCsvFileName('traffic-sources', brandId, sessionId)}
          />
        }
      />
    </>
  );
}

import { useQuery } from '@apollo/client/react';
import { ErrorState, Skeleton } from '../../../components/StatusPanel';
import { CsvDownload } from '../../export/CsvDownload';
import { useScope } from '../../scope/scope';
import { PERIOD_TRAFFIC_SOURCES_QUERY } from '../merchandise.queries';
import { TrafficSourcesCard } from './TrafficSourcesCard';

/**
 * The period's traffic sources (viewers by the source of their first join, with conversion), and —
 * when the filter bar compares — the previous period's bar under each source.
 */
export function PeriodTrafficSources() {
  const { brand, period, previousPeriod, filters } = useScope();
  const { data, error, refetch } = useQuery(PERIOD_TRAFFIC_SOURCES_QUERY, {
    variables: { brandId: brand.id, period, previousPeriod, withPrevious: filters.compare },
  });
  if (!data) {
    return error ? (
      <ErrorState error={error} onRetry={() => void refetch().catch(() => undefined)} />
    ) : (
      <Skeleton kind="chart" />
    );
  }
  return (
    <TrafficSourcesCard
      rows={data.current.trafficSources}
      previous={filters.compare ? (data.previous?.trafficSources ?? []) : null}
      currency={brand.currency}
      testId="period-sources"
      actions={<CsvDownload kind="sources" />}
    />
  );
}

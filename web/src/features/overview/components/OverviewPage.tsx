import { useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useState } from 'react';
import { Card } from '../../../components/Card';
import { ChartFrame } from '../../../components/ChartFrame';
import { PeriodHeading } from '../../../components/PeriodHeading';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StatusPanel';
import { daysBetween } from '../../../lib/filters';
import { describeApiError } from '../../../lib/api-error';
import { formatInteger } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { CsvDownload } from '../../export/CsvDownload';
import { PeriodTrafficSources } from '../../merchandise/components/PeriodTrafficSources';
import { useScope } from '../../scope/scope';
import { SessionsTable } from '../../sessions/components/SessionsTable';
import { OVERVIEW_SESSION_COUNT, PERIOD_SESSIONS_QUERY } from '../../sessions/queries/sessions.query';
import { BRAND_OVERVIEW_QUERY } from '../overview.queries';
import { historyCheck, OVERVIEW_KPIS } from '../period-kpis';
import { LazyDailyChart, LazyViewersChart } from './charts.lazy';
import { DailyTable } from './DailyTable';
import { PeriodKpiCard } from './PeriodKpiCard';
import { SessionRanking } from './SessionRanking';

// A failed refetch already surfaces through `error`; the rejected promise carries nothing more.
const retryWith = (refetch: () => Promise<unknown>) => (): void => void refetch().catch(() => undefined);

function OverviewKpis({ onSettled }: { onSettled: () => void }) {
  const { t } = useI18n();
  const { brand, filters, period, zone, link } = useScope();
  const overview = useQuery(BRAND_OVERVIEW_QUERY, {
    variables: { brandId: brand.id, period, compare: filters.compare },
  });
  // recharts downloads and compiles while the query is on the wire. Started after mount, not during
  // render, so compiling it cannot hold back the commit that sends the query.
  useEffect(() => {
    void LazyDailyChart.preload();
    void LazyViewersChart.preload();
  }, []);
  const data = overview.data?.brandOverview;
  const settled = Boolean(overview.data || overview.error);
  useEffect(() => {
    if (settled) onSettled();
  }, [settled, onSettled]);

  if (!data) {
    return overview.error ? (
      <ErrorState error={overview.error} onRetry={retryWith(overview.refetch)} />
    ) : (
      <>
        <Skeleton kind="cards" count={7} />
        <Skeleton kind="chart" />
      </>
    );
  }

  const periodDays = daysBetween(filters.from, filters.to) + 1;
  return (
    <>
      <section aria-label={t('overviewTitle')}>
        <div className="kpi-grid kpi-grid--wide" data-testid="overview-kpis">
          {OVERVIEW_KPIS.map((name) => {
            const value = data.metrics[name];
            // The same KPI over the 4 previous periods of this length: totals against totals.
            const check = historyCheck(
              value,
              data.history.map((h) => h.metrics[name]),
            );
            return (
              <PeriodKpiCard
                key={name}
                name={name}
                value={value}
                previous={filters.compare ? (data.previous?.[name] ?? null) : undefined}
                currency={brand.currency}
                belowMedian={check.below && check.median !== null ? { median: check.median, periodDays } : null}
              />
            );
          })}
        </div>
        <p className="muted small">{t('medianNote', { days: periodDays })}</p>
      </section>
      <ChartFrame
        name="daily"
        title={t('dailyTrend')}
        hint={t('dailyTrendHint', { zone })}
        actions={<CsvDownload kind="daily" />}
        chart={
          // Empty axes from 0 to 4 would read as "four quiet weeks"; say there is nothing instead.
          data.daily.some((d) => d.sessions > 0) ? (
            <LazyDailyChart daily={data.daily} currency={brand.currency} />
          ) : (
            <EmptyState testId="daily-empty" title={t('noSessionsInPeriod')} />
          )
        }
        table={<DailyTable daily={data.daily} currency={brand.currency} />}
      />
      <div className="grid-2">
        <SessionRanking title={t('bestSessions')} sessions={data.best} zone={zone} testId="best" link={link} />
        <SessionRanking title={t('worstSessions')} sessions={data.worst} zone={zone} testId="worst" link={link} />
      </div>
      <PeriodTrafficSources />
    </>
  );
}

/** "Showing 50 of 123" and a button for the next page of the period's sessions. */
function LoadMore({
  shown,
  total,
  hasNextPage,
  onLoadMore,
}: {
  shown: number;
  total: number;
  hasNextPage: boolean;
  onLoadMore: () => Promise<unknown>;
}) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const load = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await onLoadMore();
    } catch (error) {
      const described = describeApiError(error, lang);
      setProblem(t('loadMoreFailed', { reason: `${described.title} ${described.hint}` }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="load-more no-print" data-testid="sessions-paging">
      <span className="muted" data-testid="sessions-shown">
        {t('showingOf', { shown: formatInteger(shown, lang), total: formatInteger(total, lang) })}
      </span>
      {hasNextPage ? (
        <button
          type="button"
          className="button button--small"
          data-testid="sessions-load-more"
          disabled={busy}
          onClick={() => void load()}
        >
          {busy ? t('loadingMore') : t('loadMore')}
        </button>
      ) : null}
      {problem ? (
        <span className="load-more__error" role="alert" data-testid="sessions-load-more-error">
          {problem}
        </span>
      ) : null}
    </div>
  );
}

function PeriodSessions() {
  const { t } = useI18n();
  const { brand, period, zone, link } = useScope();
  const { data, error, refetch, fetchMore } = useQuery(PERIOD_SESSIONS_QUERY, {
    variables: {
      filter: { brandId: brand.id, period },
      first: OVERVIEW_SESSION_COUNT,
      sortBy: 'startedAt',
      direction: 'DESC',
    },
    // A live session's numbers move; show the cache at once but always ask again on arrival.
    fetchPolicy: 'cache-and-network',
  });
  if (!data) {
    return error ? <ErrorState error={error} onRetry={retryWith(refetch)} /> : <Skeleton kind="table" count={4} />;
  }
  const sessions = data.sessions.nodes;
  if (sessions.length === 0) return <EmptyState testId="sessions-empty" title={t('noSessionsInPeriod')} />;
  const { pageInfo, totalCount } = data.sessions;
  const table = <SessionsTable sessions={sessions} zone={zone} link={link} />;
  return (
    <>
      {error ? <ErrorState error={error} onRetry={retryWith(refetch)} /> : null}
      <ChartFrame
        name="viewers"
        title={t('viewersPerSession')}
        chart={<LazyViewersChart sessions={sessions} />}
        table={table}
      />
      <Card
        title={
          <>
            {t('recentSessions')} <span className="muted">({totalCount})</span>
          </>
        }
        flush
        actions={<CsvDownload kind="sessions" />}
      >
        <div className="table-scroll">{table}</div>
        <LoadMore
          shown={sessions.length}
          total={totalCount}
          hasNextPage={pageInfo.hasNextPage && pageInfo.endCursor !== null}
          // The cache's field policy appends the page (app/apollo.ts).
          onLoadMore={() => fetchMore({ variables: { after: pageInfo.endCursor } })}
        />
      </Card>
    </>
  );
}

export function OverviewPage() {
  const { t } = useI18n();
  useDocumentTitle(t('overviewTitle'));
  // The session list is below the fold: it asks once the KPIs and trend have their answer (or failed).
  const [kpisSettled, setKpisSettled] = useState(false);
  const onSettled = useCallback(() => setKpisSettled(true), []);
  return (
    <>
      <PeriodHeading title={t('overviewTitle')} />
      <OverviewKpis onSettled={onSettled} />
      {kpisSettled ? <PeriodSessions /> : <Skeleton kind="table" count={4} />}
    </>
  );
}

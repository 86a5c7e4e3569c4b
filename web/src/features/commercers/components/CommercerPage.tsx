import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { KindBadge } from '../../../components/Badges';
import { Card } from '../../../components/Card';
import { ChartFrame } from '../../../components/ChartFrame';
import { PeriodHeading } from '../../../components/PeriodHeading';
import { StampsCard } from '../../../components/StampsCard';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StatusPanel';
import { formatCurrency, formatDateTime, formatInteger, formatPercent } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { Link, sessionPath } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { LazyDailyChart } from '../../overview/components/charts.lazy';
import { DailyTable } from '../../overview/components/DailyTable';
import { PeriodKpiCard } from '../../overview/components/PeriodKpiCard';
import type { PeriodKpiName } from '../../overview/period-kpis';
import { useScope } from '../../scope/scope';
import { TableCsvDownload } from '../../export/TableCsvDownload';
import { commercerDailyCsv, commercerSessionsCsv } from '../commercer-csv';
import { COMMERCER_PROFILE_QUERY } from '../commercers.queries';
import { LaterPurchasesCard } from '../../engagement/components/LaterPurchasesCard';
import { HostCraftCard } from './HostCraftCard';
import { CommercerFeeCard } from './CostEditors';
import { formatPoints, otherCurrencyNote } from './KindComparisonPanel';
import { monthOf } from '../host-cost';
import { formatMultiple } from '../../../lib/format';

const PROFILE_KPIS: readonly PeriodKpiName[] = [
  'sessions',
  'views',
  'uniqueViewers',
  'avgWatchSeconds',
  'engagementRate',
  'conversionRate',
  'revenue',
  'gpm',
  'chatRate',
  'returningRate',
];

/** One commercer's record for this brand: is this host worth booking again? */
export function CommercerPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { brand, period, zone, link } = useScope();
  const { data, error, refetch } = useQuery(COMMERCER_PROFILE_QUERY, { variables: { id, brandId: brand.id, period } });
  const lastMonth = monthOf(new Date(Date.parse(period.to) - 1).toISOString(), brand.timeZone);
  const profile = data?.commercer;
  // recharts loads while the query is on the wire; a chart not preloaded would suspend on first
  // render and show its grey placeholder for React's fallback throttle after the data is there.
  useEffect(() => void LazyDailyChart.preload(), []);
  useDocumentTitle(profile?.commercer.name ?? t('profileTitle'));
  const back = (
    <Link to={link('/commercers')} className="backlink" data-testid="back-to-commercers">
      ← {t('commercersTitle')}
    </Link>
  );

  if (!data) {
    return (
      <>
        {back}
        {error ? (
          <ErrorState error={error} onRetry={() => void refetch().catch(() => undefined)} />
        ) : (
          <Skeleton kind="cards" count={6} />
        )}
      </>
    );
  }
  if (!profile) {
    return (
      <>
        {back}
        <EmptyState testId="commercer-not-found" title={t('commercerNotFound')} />
      </>
    );
  }
  const { community } = profile;
  // Files of different commercers must not overwrite each other: commercer-c1-sessions.
  const csvId = `commercer-${profile.commercer.id}`;

  return (
    <>
      {back}
      <div className="title-row">
        <PeriodHeading title={profile.commercer.name} />
        <KindBadge kind={profile.commercer.kind} />
      </div>
      <div className="kpi-grid kpi-grid--wide" data-testid="profile-kpis">
        {PROFILE_KPIS.map((name) => (
          <PeriodKpiCard key={name} name={name} value={profile.metrics[name]} currency={brand.currency} />
        ))}
      </div>
      <HostCraftCard metrics={profile.metrics} />
      <div className="grid-2">
        <Card title={t('kpi_hostCost')} hint={t('kindPanelTitle')} testId="profile-cost">
          <dl className="facts">
            <dt>{t('kpi_hostCost')}</dt>
            <dd data-testid="profile-hostCost">
              {formatCurrency(profile.costs.hostCost, profile.costs.currency, lang)}
              <span className="muted small"> · {t('costedSessions', { count: profile.costs.costedSessions })}</span>
            </dd>
            <dt>{t('kpi_roas')}</dt>
            <dd data-testid="profile-roas">{formatMultiple(profile.costs.roas, lang)}</dd>
            <dt>{t('kpi_costPerOrder')}</dt>
            <dd data-testid="profile-costPerOrder">
              {formatCurrency(profile.costs.costPerOrder, profile.costs.currency, lang)}
            </dd>
            <dt>{t('kpi_costPerEngagedViewer')}</dt>
            <dd>{formatCurrency(profile.costs.costPerEngagedViewer, profile.costs.currency, lang)}</dd>
            <dt>{t('kpi_engagementVsExpected')}</dt>
            <dd data-testid="profile-engagementVsExpected">{formatPoints(profile.engagementVsExpected, lang)}</dd>
          </dl>
          {otherCurrencyNote(profile.costs, t, lang) ? (
            <p className="note note--warning small">{otherCurrencyNote(profile.costs, t, lang)}</p>
          ) : null}
        </Card>
        <CommercerFeeCard
          commercerId={profile.commercer.id}
          brandId={brand.id}
          currency={brand.currency}
          defaultMonth={lastMonth}
          onSaved={() => void refetch().catch(() => undefined)}
        />
      </div>
      <LaterPurchasesCard figures={profile.metrics} currency={brand.currency} />
      <ChartFrame
        name="commercer-daily"
        title={t('kpiTrends')}
        hint={t('dailyTrendHint', { zone })}
        actions={<TableCsvDownload table={`${csvId}-daily`} build={() => commercerDailyCsv(profile.daily)} />}
        chart={<LazyDailyChart daily={profile.daily} currency={brand.currency} />}
        table={<DailyTable daily={profile.daily} currency={brand.currency} />}
      />
      <div className="grid-3">
        <Card title={t('community')} testId="profile-community">
          <dl className="facts">
            <dt>{t('kpi_uniqueViewers')}</dt>
            <dd>{formatInteger(community.uniqueViewers, lang)}</dd>
            <dt>{t('kpi_returningRate')}</dt>
            <dd data-testid="profile-returning-rate">{formatPercent(community.returningRate, lang)}</dd>
            <dt>{t('kpi_regulars')}</dt>
            <dd data-testid="profile-regulars">{formatInteger(community.regularsCount, lang)}</dd>
          </dl>
          <p className="muted small">{t('regularsHint')}</p>
        </Card>
        <StampsCard stamps={profile.stamps} testId="profile-stamps" />
      </div>
      <Card
        title={t('sessionHistory')}
        flush
        actions={<TableCsvDownload table={`${csvId}-sessions`} build={() => commercerSessionsCsv(profile.sessions)} />}
      >
        <div className="table-scroll">
          <table className="table" data-testid="profile-sessions">
            <thead>
              <tr>
                <th scope="col">{t('colSession')}</th>
                <th scope="col">{t('colStart')}</th>
                <th scope="col" className="num">
                  {t('kpi_uniqueViewers')}
                </th>
                <th scope="col" className="num">
                  {t('kpi_engagementRate')}
                </th>
                <th scope="col" className="num">
                  {t('kpi_conversionRate')}
                </th>
                <th scope="col" className="num">
                  {t('kpi_revenue')}
                </th>
              </tr>
            </thead>
            <tbody>
              {profile.sessions.map((s) => (
                <tr key={s.id} data-testid={`profile-session-${s.id}`}>
                  <td>
                    <Link to={link(sessionPath(s.id))}>{s.title}</Link>
                  </td>
                  <td className="nowrap">{formatDateTime(s.startedAt, zone, lang)}</td>
                  <td className="num">{formatInteger(s.metrics.uniqueViewers, lang)}</td>
                  <td className="num">{formatPercent(s.metrics.engagementRate, lang)}</td>
                  <td className="num">{formatPercent(s.metrics.conversionRate, lang)}</td>
                  <td className="num">{formatCurrency(s.metrics.revenue, s.currency, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}

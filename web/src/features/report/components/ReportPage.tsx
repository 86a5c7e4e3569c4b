import { useQuery } from '@apollo/client/react';
import { Suspense, useState, type CSSProperties } from 'react';
import { KindBadge } from '../../../components/Badges';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StatusPanel';
import { formatDateTime, formatDay } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { BrandingForm } from '../../branding/components/BrandingForm';
import { useBranding } from '../../branding/useBranding';
import { CsvDownload } from '../../export/CsvDownload';
import { LazyDailyChart } from '../../overview/components/charts.lazy';
import { DailyTable } from '../../overview/components/DailyTable';
import { PeriodKpiCard } from '../../overview/components/PeriodKpiCard';
import { SessionRanking } from '../../overview/components/SessionRanking';
import { formatPeriodKpi, kpiLabel, OVERVIEW_KPIS, type PeriodKpiName } from '../../overview/period-kpis';
import { useScope } from '../../scope/scope';
import { ShareLinksPanel } from '../../share/components/ShareLinksPanel';
import { REPORT_QUERY } from '../report.queries';
import { ReportKinds } from './ReportKinds';
import { LaterPurchasesCard } from '../../engagement/components/LaterPurchasesCard';
import { PdfDownload } from './PdfDownload';
import { SchedulesPanel } from './SchedulesPanel';

const COMMERCER_COLUMNS: readonly PeriodKpiName[] = [
  'sessions',
  'views',
  'engagementRate',
  'conversionRate',
  'revenue',
];

/**
 * A document for the client: cover, KPIs against the previous period, the trend, and the sessions and
 * commercers that made it. Laid out for A4 by the print rules in styles.css. With the brand's
 * white-label (name, logo, accent colour, "prepared by"); `shared` on the share page (no share-link
 * management there).
 */
export function ReportPage({ shared = false }: { shared?: boolean }) {
  const { t, lang } = useI18n();
  const { brand, filters, period, zone, link } = useScope();
  const branding = useBranding(brand.id);
  const brandName = branding?.displayName || brand.name;
  const [generatedAt] = useState(() => new Date().toISOString());
  const periodText = t('periodLabel', { from: formatDay(filters.from, lang), to: formatDay(filters.to, lang), zone });
  useDocumentTitle(`${t('reportTitle')} — ${brandName}`);
  const { data, error, refetch } = useQuery(REPORT_QUERY, {
    variables: { brandId: brand.id, period, compare: filters.compare },
  });
  const report = data?.brandOverview;

  return (
    <article
      className={branding ? 'report report--branded' : 'report'}
      data-testid="report"
      // The brand's colour decorates (cover stripe, rules) only: text keeps the theme's contrast.
      style={branding ? ({ '--brand-accent': branding.accentColor } as CSSProperties) : undefined}
    >
      <header className="report__cover">
        {branding?.logoUrl ? (
          <img
            className="report__logo"
            data-testid="report-logo"
            src={branding.logoUrl}
            alt={t('brandLogo', { brand: brandName })}
          />
        ) : null}
        <p className="report__eyebrow">{branding?.agencyName || t('appName')}</p>
        <h1 className="report__title">{t('reportTitle')}</h1>
        <p className="report__brand" data-testid="report-brand">
          {brandName}
        </p>
        <p className="report__period">{periodText}</p>
        {branding?.agencyName ? (
          <p className="report__agency" data-testid="report-agency">
            {t('preparedBy', { agency: branding.agencyName })}
          </p>
        ) : null}
        <p className="muted small">{t('generated', { at: formatDateTime(generatedAt, zone, lang) })}</p>
        <div className="no-print report__actions">
          <button type="button" className="button button--primary" data-testid="print" onClick={() => window.print()}>
            {t('print')}
          </button>
          <CsvDownload kind="daily" />
          <PdfDownload />
        </div>
      </header>
      {shared ? null : <ShareLinksPanel />}
      {shared ? null : <BrandingForm />}
      {!data || !report ? (
        error ? (
          <ErrorState error={error} onRetry={() => void refetch().catch(() => undefined)} />
        ) : (
          <Skeleton kind="cards" count={7} />
        )
      ) : (
        <>
          <section className="report__section">
            <h2 className="section-title">{t('kpiSummary')}</h2>
            <div className="kpi-grid kpi-grid--wide" data-testid="report-kpis">
              {OVERVIEW_KPIS.map((name) => (
                <PeriodKpiCard
                  key={name}
                  name={name}
                  value={report.metrics[name]}
                  previous={filters.compare ? (report.previous?.[name] ?? null) : undefined}
                  currency={brand.currency}
                />
              ))}
            </div>
          </section>
          <section className="report__section report__keep">
            <LaterPurchasesCard figures={report.metrics} currency={brand.currency} />
          </section>
          <section className="report__section report__keep">
            <h2 className="section-title">{t('dailyTrend')}</h2>
            <div className="chart chart--report" data-chart="report-daily">
              <Suspense fallback={<div className="chart__placeholder" />}>
                <LazyDailyChart daily={report.daily} currency={brand.currency} />
              </Suspense>
            </div>
            <div className="print-only">
              <DailyTable daily={report.daily} currency={brand.currency} />
            </div>
          </section>
          <section className="report__section report__keep">
            <SessionRanking
              title={t('topSessions')}
              sessions={report.best}
              zone={zone}
              testId="report-top"
              link={link}
            />
          </section>
          <section className="report__section report__keep">
            <h2 className="section-title">{t('topCommercers')}</h2>
            {data.leaderboard.length === 0 ? (
              <EmptyState testId="report-commercers-empty" title={t('noCommercers')} />
            ) : (
              <table className="table" data-testid="report-commercers">
                <thead>
                  <tr>
                    <th scope="col">{t('colCommercer')}</th>
                    <th scope="col">{t('colKind')}</th>
                    {COMMERCER_COLUMNS.map((c) => (
                      <th scope="col" className="num" key={c}>
                        {t(kpiLabel(c))}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      {t('kpi_engagementLift')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.leaderboard.map((r) => (
                    <tr key={r.commercer.id}>
                      <td>{r.commercer.name}</td>
                      <td>
                        <KindBadge kind={r.commercer.kind} />
                      </td>
                      {COMMERCER_COLUMNS.map((c) => (
                        <td className="num" key={c}>
                          {formatPeriodKpi(c, r.metrics[c], brand.currency, lang)}
                        </td>
                      ))}
                      <td className="num" data-testid={`report-lift-${r.commercer.id}`}>
                        {formatPeriodKpi('engagementLift', r.metrics.engagementLift, brand.currency, lang)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <ReportKinds />
        </>
      )}
      {shared ? null : <SchedulesPanel key={brand.id} brandId={brand.id} brandZone={brand.timeZone} />}
    </article>
  );
}

import type { BrandOverviewQuery } from '../../../gql/graphql';
import { formatCurrency, formatDay, formatInteger, formatPercent } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

export type DailyPoint = BrandOverviewQuery['brandOverview']['daily'][number];

export function DailyTable({ daily, currency }: { daily: readonly DailyPoint[]; currency: string }) {
  const { t, lang } = useI18n();
  return (
    <table className="table table--compact" data-testid="daily-table">
      <thead>
        <tr>
          <th scope="col">{t('colDate')}</th>
          <th scope="col" className="num">
            {t('kpi_sessions')}
          </th>
          <th scope="col" className="num">
            {t('kpi_views')}
          </th>
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
            {t('kpi_orders')}
          </th>
          <th scope="col" className="num">
            {t('kpi_revenue')}
          </th>
        </tr>
      </thead>
      <tbody>
        {daily.map((d) => (
          <tr key={d.date} data-testid={`daily-row-${d.date}`}>
            <td>{formatDay(d.date, lang)}</td>
            <td className="num">{formatInteger(d.sessions, lang)}</td>
            <td className="num">{formatInteger(d.views, lang)}</td>
            <td className="num">{formatInteger(d.uniqueViewers, lang)}</td>
            <td className="num">{formatPercent(d.engagementRate, lang)}</td>
            <td className="num">{formatPercent(d.conversionRate, lang)}</td>
            <td className="num">{formatInteger(d.orders, lang)}</td>
            <td className="num">{formatCurrency(d.revenue, currency, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

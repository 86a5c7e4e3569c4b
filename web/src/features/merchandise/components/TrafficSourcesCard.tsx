import type { ReactNode } from 'react';
import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/StatusPanel';
import { COLORS } from '../../../lib/chart-colors';
import { formatCurrency, formatDuration, formatInteger, formatPercent } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { sourceBars, sourceLabel, type TrafficSource } from '../traffic-sources';

interface Props {
  readonly rows: readonly TrafficSource[];
  /** The previous period's rows, drawn as a lighter bar under each source; null when not compared. */
  readonly previous?: readonly TrafficSource[] | null;
  /** Money of a source without rows (nothing sold) still needs a currency. */
  readonly currency: string;
  readonly actions?: ReactNode;
  readonly testId: string;
}

/**
 * Viewers per traffic source as bars (with conversion and revenue beside), and every column as a
 * table. Plain HTML bars: the numbers stay text a screen reader reads and a reader can copy.
 */
export function TrafficSourcesCard({ rows, previous = null, currency, actions, testId }: Props) {
  const { t, lang } = useI18n();
  const bars = sourceBars(rows, previous);
  const compared = previous !== null;
  return (
    <Card
      title={t('trafficSources')}
      hint={compared ? t('trafficSourcesCompareHint') : t('trafficSourcesHint')}
      actions={rows.length > 0 ? actions : undefined}
      testId={testId}
    >
      {bars.length === 0 ? (
        <EmptyState testId={`${testId}-empty`} title={t('noTrafficSources')} />
      ) : (
        <div className="sources">
          <ul className="barlist" data-testid={`${testId}-bars`}>
            {bars.map((bar) => {
              const money = bar.current?.currency ?? currency;
              return (
                <li key={bar.source} className="barlist__item" data-testid={`${testId}-bar-${bar.source}`}>
                  <span className="barlist__label">{sourceLabel(bar.source, t)}</span>
                  <span className="barlist__track" aria-hidden="true">
                    <span
                      className="barlist__bar"
                      style={{ width: `${bar.fraction * 100}%`, background: COLORS.blue }}
                    />
                  </span>
                  <span className="barlist__value" data-testid="bar-value">
                    {formatInteger(bar.current?.viewers ?? 0, lang)}
                  </span>
                  {bar.previousFraction !== null ? (
                    <>
                      <span className="barlist__track barlist__track--previous" aria-hidden="true">
                        <span
                          className="barlist__bar"
                          style={{ width: `${bar.previousFraction * 100}%`, background: COLORS.sky }}
                        />
                      </span>
                      <span className="barlist__previous muted" data-testid="bar-previous">
                        {t('previous', { value: formatInteger(bar.previous?.viewers ?? 0, lang) })}
                      </span>
                    </>
                  ) : null}
                  {bar.current ? (
                    <span className="barlist__note muted" data-testid="bar-note">
                      {t('sourceNote', {
                        conversion: formatPercent(bar.current.conversionRate, lang),
                        revenue: formatCurrency(bar.current.revenue, money, lang),
                      })}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {/* Focusable: on a narrow screen the table scrolls sideways, and a keyboard must reach it. */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('trafficSources')}>
            <table className="table table--compact table--wrap-head sources__table" data-testid={`${testId}-table`}>
              <thead>
                <tr>
                  <th scope="col">{t('colSource')}</th>
                  <th scope="col" className="num">
                    {t('kpi_viewers')}
                  </th>
                  <th scope="col" className="num">
                    {t('kpi_engagedViewers')}
                  </th>
                  <th scope="col" className="num">
                    {t('kpi_buyers')}
                  </th>
                  <th scope="col" className="num">
                    {t('kpi_conversionRate')}
                  </th>
                  <th scope="col" className="num">
                    {t('kpi_revenue')}
                  </th>
                  <th scope="col" className="num">
                    {t('kpi_avgWatchSeconds')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {bars
                  .filter((bar) => bar.current !== null)
                  .map(({ source, current: row }) =>
                    row ? (
                      <tr key={source} data-testid={`source-row-${source}`}>
                        <th scope="row">{sourceLabel(source, t)}</th>
                        <td className="num">{formatInteger(row.viewers, lang)}</td>
                        <td className="num">{formatInteger(row.engagedViewers, lang)}</td>
                        <td className="num">{formatInteger(row.buyers, lang)}</td>
                        <td className="num">{formatPercent(row.conversionRate, lang)}</td>
                        <td className="num">{formatCurrency(row.revenue, row.currency, lang)}</td>
                        <td className="num">{formatDuration(row.avgWatchSeconds, lang)}</td>
                      </tr>
                    ) : null,
                  )}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Card>
  );
}

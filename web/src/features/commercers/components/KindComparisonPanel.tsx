import { Suspense } from 'react';
import { useQuery } from '@apollo/client/react';
import { Card } from '../../../components/Card';
import { ErrorState, Skeleton } from '../../../components/StatusPanel';
import type { HostCostFieldsFragment, KindComparisonQuery } from '../../../gql/graphql';
import { SERIES } from '../../../lib/chart-colors';
import { formatCurrency, formatMultiple } from '../../../lib/format';
import { useI18n, type Translate } from '../../../lib/i18n';
import type { Lang } from '../../../lib/format';
import { formatPeriodKpi, kpiLabel } from '../../overview/period-kpis';
import { useScope } from '../../scope/scope';
import { hasAnyCost } from '../host-cost';
import { KIND_COMPARISON_QUERY } from '../kind-comparison.queries';
import { LazyEngagementScatter, LazyKindStrip } from './kind-charts.lazy';

type Comparison = KindComparisonQuery['kindComparison'];
type KindKpi =
  'sessions' | 'uniqueViewers' | 'engagementRate' | 'conversionRate' | 'gpm' | 'commentResponseRate' | 'revenue';

const KIND_KPIS: readonly KindKpi[] = [
  'sessions',
  'uniqueViewers',
  'engagementRate',
  'conversionRate',
  'gpm',
  'commentResponseRate',
  'revenue',
];
const SPREAD_METRICS = ['engagementRate', 'conversionRate', 'gpm', 'commentResponseRate'] as const;

/** A difference of two rates, in percentage points: 0.128 → "+12.8 pt". */
export function formatPoints(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const digits = Math.abs(value * 100).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return `${sign}${digits} pt`;
}

/** Costs in currencies other than the revenue's, said apart: "USD 50" … never added to the figures. */
export function otherCurrencyNote(costs: HostCostFieldsFragment, t: Translate, lang: Lang): string | null {
  if (costs.costsInOtherCurrencies.length === 0) return null;
  return t('costOtherCurrencies', {
    amounts: costs.costsInOtherCurrencies.map((m) => formatCurrency(m.amount, m.currency, lang)).join(', '),
    currency: costs.currency,
  });
}

/** The cost rows of a kind table, shown once some cost exists. */
export function CostRows({ kinds }: { kinds: Comparison['kinds'] }) {
  const { t, lang } = useI18n();
  const rows: { key: string; label: string; value: (c: HostCostFieldsFragment) => string }[] = [
    { key: 'hostCost', label: t('kpi_hostCost'), value: (c) => formatCurrency(c.hostCost, c.currency, lang) },
    { key: 'roas', label: t('kpi_roas'), value: (c) => formatMultiple(c.roas, lang) },
    {
      key: 'costPerOrder',
      label: t('kpi_costPerOrder'),
      value: (c) => formatCurrency(c.costPerOrder, c.currency, lang),
    },
    {
      key: 'costPerEngagedViewer',
      label: t('kpi_costPerEngagedViewer'),
      value: (c) => formatCurrency(c.costPerEngagedViewer, c.currency, lang),
    },
  ];
  return (
    <>
      {rows.map((row) => (
        <tr key={row.key} data-testid={`kind-row-${row.key}`}>
          <th scope="row">{row.label}</th>
          {kinds.map((k) => (
            <td key={k.kind} className="num" data-testid={`kind-${k.kind}-${row.key}`}>
              {row.value(k.costs)}
              {row.key === 'hostCost' ? (
                <span className="cell-change muted">{t('costedSessions', { count: k.costs.costedSessions })}</span>
              ) : null}
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

export function KindTable({ comparison, currency }: { comparison: Comparison; currency: string }) {
  const { t, lang } = useI18n();
  const showCost = hasAnyCost(comparison.kinds.map((k) => k.costs));
  return (
    <div className="table-scroll">
      <table className="table table--compact" data-testid="kind-table">
        <thead>
          <tr>
            <th scope="col">{t('kindColKpi')}</th>
            {comparison.kinds.map((k) => (
              <th scope="col" className="num" key={k.kind}>
                {t(k.kind)} <span className="muted small">{t('kindCommercers', { count: k.commercers })}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {KIND_KPIS.map((name) => (
            <tr key={name} data-testid={`kind-row-${name}`}>
              <th scope="row">{t(kpiLabel(name))}</th>
              {comparison.kinds.map((k) => (
                <td key={k.kind} className="num" data-testid={`kind-${k.kind}-${name}`}>
                  <span className="cell-value">{formatPeriodKpi(name, k.metrics[name], currency, lang)}</span>
                  <span className="cell-change muted">
                    {t('previous', { value: formatPeriodKpi(name, k.previous[name], currency, lang) })}
                  </span>
                </td>
              ))}
            </tr>
          ))}
          <tr data-testid="kind-row-engagementVsExpected">
            <th scope="row">{t('kpi_engagementVsExpected')}</th>
            {comparison.kinds.map((k) => (
              <td key={k.kind} className="num" data-testid={`kind-${k.kind}-engagementVsExpected`}>
                {formatPoints(k.engagementVsExpected, lang)}
              </td>
            ))}
          </tr>
          {showCost ? <CostRows kinds={comparison.kinds} /> : null}
        </tbody>
      </table>
    </div>
  );
}

/** The spread of one KPI across each kind's commercers: min · median · max, and the dots. */
function SpreadBlock({
  comparison,
  metric,
  currency,
}: {
  comparison: Comparison;
  metric: (typeof SPREAD_METRICS)[number];
  currency: string;
}) {
  const { t, lang } = useI18n();
  return (
    <figure className="kind-spread" data-testid={`spread-${metric}`}>
      <figcaption className="kind-spread__title">{t(kpiLabel(metric))}</figcaption>
      {/* its own boundary: while the chart code loads, only the chart waits, not the whole page */}
      <Suspense fallback={<div className="chart__placeholder" data-testid="chart-loading" />}>
        <LazyKindStrip comparison={comparison} metric={metric} currency={currency} />
      </Suspense>
      <ul className="kind-spread__ranges">
        {comparison.kinds.map((k) => {
          const s = k.spread.find((x) => x.metric === metric);
          const f = (v: number | null | undefined) => formatPeriodKpi(metric, v, currency, lang);
          return (
            <li key={k.kind} data-testid={`spread-${metric}-${k.kind}`}>
              {t(k.kind)}: {t('spreadRange', { min: f(s?.min), median: f(s?.median), max: f(s?.max) })}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** Professional vs in-house (issue 14): KPI pairs, their spread, cost when set, and engagement by audience size. */
export function KindComparisonPanel() {
  const { t, lang } = useI18n();
  const { brand, period } = useScope();
  const { data, error, refetch } = useQuery(KIND_COMPARISON_QUERY, { variables: { brandId: brand.id, period } });
  if (!data) {
    return error ? (
      <ErrorState error={error} onRetry={() => void refetch().catch(() => undefined)} />
    ) : (
      <Skeleton kind="table" count={3} />
    );
  }
  const comparison = data.kindComparison;
  const notes = comparison.kinds
    .map((k) => ({ kind: k.kind, note: otherCurrencyNote(k.costs, t, lang) }))
    .filter((n): n is { kind: typeof n.kind; note: string } => n.note !== null);
  const commercers = [
    ...new Map(
      comparison.sessions.filter((s) => s.uniqueViewers > 0).map((s) => [s.commercer.id, s.commercer.name]),
    ).entries(),
  ];
  return (
    <>
      <Card title={t('kindPanelTitle')} hint={t('kindPanelHint')} testId="kind-panel">
        <KindTable comparison={comparison} currency={brand.currency} />
        {notes.map((n) => (
          <p key={n.kind} className="note note--warning small" data-testid={`kind-note-${n.kind}`}>
            {t(n.kind)}: {n.note}
          </p>
        ))}
        {hasAnyCost(comparison.kinds.map((k) => k.costs)) ? null : (
          <p className="muted small" data-testid="kind-no-cost">
            {t('costNone')}
          </p>
        )}
        <div className="kind-spreads">
          {SPREAD_METRICS.map((metric) => (
            <SpreadBlock key={metric} comparison={comparison} metric={metric} currency={brand.currency} />
          ))}
        </div>
      </Card>
      <Card
        title={t('scatterTitle')}
        hint={comparison.fit ? t('scatterHint', { n: comparison.fit.n }) : t('scatterNoFit')}
        testId="engagement-scatter"
      >
        <Suspense fallback={<div className="chart__placeholder" data-testid="chart-loading" />}>
          <LazyEngagementScatter comparison={comparison} />
        </Suspense>
        <ul className="chart-legend">
          {commercers.map(([id, name], i) => (
            <li key={id} className="chart-legend__item">
              <span
                className="chart-legend__swatch"
                style={{ background: SERIES[i % SERIES.length] }}
                aria-hidden="true"
              />
              {name}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

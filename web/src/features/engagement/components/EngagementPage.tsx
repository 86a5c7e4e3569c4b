import { useQuery } from '@apollo/client/react';
import {
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { ChartFrame } from '../../../components/ChartFrame';
import { PeriodHeading } from '../../../components/PeriodHeading';
import { SelectField } from '../../../components/SelectField';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StatusPanel';
import type { EngagementAxis, EngagementVsSalesQuery, ScatterGroup } from '../../../gql/graphql';
import { AXIS_TICK, COLORS, GRID_STROKE, LABEL_COLORS } from '../../../lib/chart-colors';
import { formatCurrency, formatDecimal, formatInteger, formatPerMinute, formatPercent } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { commercerPath, navigate, sessionPath, updateSearch, useLocation } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useScope } from '../../scope/scope';
import { ENGAGEMENT_QUERY, LATER_PURCHASES_QUERY } from '../engagement.queries';
import { LaterPurchasesCard } from './LaterPurchasesCard';

type Result = EngagementVsSalesQuery['engagementVsSales'];
type Point = Result['points'][number];

interface Plotted {
  readonly id: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly revenue: number;
  readonly viewers: number;
}

/** Points with both coordinates; a session without viewers has no rates and cannot be placed. */
export function plottable(points: readonly Point[], axis: EngagementAxis): Plotted[] {
  return points.flatMap((p) => {
    const x = axis === 'CHAT_RATE' ? p.chatRate : p.engagementRate;
    if (x === null || p.conversionRate === null) return [];
    return [{ id: p.id, label: p.label, x, y: p.conversionRate, revenue: p.revenue ?? 0, viewers: p.viewers }];
  });
}

export function EngagementPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('engagementTitle'));
  const { search } = useLocation();
  const { brand, period, link } = useScope();
  const groupBy: ScatterGroup = search.get('group') === 'COMMERCER' ? 'COMMERCER' : 'SESSION';
  const axis: EngagementAxis = search.get('axis') === 'CHAT_RATE' ? 'CHAT_RATE' : 'ENGAGEMENT_RATE';
  const { data, error, refetch } = useQuery(ENGAGEMENT_QUERY, {
    variables: { brandId: brand.id, period, groupBy, axis },
  });
  const later = useQuery(LATER_PURCHASES_QUERY, { variables: { brandId: brand.id, period } });
  const laterFigures = later.data?.brandOverview.metrics;
  const result = data?.engagementVsSales;
  const points = result ? plottable(result.points, axis) : [];
  const formatX = (v: number): string => (axis === 'CHAT_RATE' ? formatPerMinute(v, lang) : formatPercent(v, lang));
  const xLabel = axis === 'CHAT_RATE' ? t('kpi_chatRate') : t('kpi_engagementRate');
  const open = (id: string): void => navigate(link(groupBy === 'SESSION' ? sessionPath(id) : commercerPath(id)));
  const xMax = Math.max(0, ...points.map((p) => p.x));
  const trend =
    result && result.slope !== null && result.intercept !== null && points.length >= 2
      ? { slope: result.slope, intercept: result.intercept }
      : null;

  const table = (
    <table className="table table--compact" data-testid="scatter-table">
      <thead>
        <tr>
          <th scope="col">{groupBy === 'SESSION' ? t('colSession') : t('colCommercer')}</th>
          <th scope="col" className="num">
            {xLabel}
          </th>
          <th scope="col" className="num">
            {t('kpi_conversionRate')}
          </th>
          <th scope="col" className="num">
            {t('kpi_revenue')}
          </th>
          <th scope="col" className="num">
            {t('viewers')}
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.id} data-testid={`point-row-${p.id}`} className="clickable" onClick={() => open(p.id)}>
            <td>
              <a
                href={link(groupBy === 'SESSION' ? sessionPath(p.id) : commercerPath(p.id))}
                onClick={(e) => {
                  e.preventDefault();
                  open(p.id);
                }}
              >
                {p.label}
              </a>
            </td>
            <td className="num">{formatX(p.x)}</td>
            <td className="num">{formatPercent(p.y, lang)}</td>
            <td className="num">{formatCurrency(p.revenue, brand.currency, lang)}</td>
            <td className="num">{formatInteger(p.viewers, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <>
      <PeriodHeading title={t('engagementTitle')} />
      {laterFigures ? (
        <LaterPurchasesCard figures={laterFigures} currency={brand.currency} />
      ) : later.error ? (
        <ErrorState error={later.error} onRetry={() => void later.refetch().catch(() => undefined)} />
      ) : (
        <Skeleton kind="cards" />
      )}
      <div className="toolbar">
        <SelectField
          label={t('groupBy')}
          testId="scatter-group"
          value={groupBy}
          options={[
            { value: 'SESSION', label: t('colSession') },
            { value: 'COMMERCER', label: t('colCommercer') },
          ]}
          onChange={(group) => updateSearch({ group: group === 'SESSION' ? null : group })}
        />
        <SelectField
          label={t('axis')}
          testId="scatter-axis"
          value={axis}
          options={[
            { value: 'ENGAGEMENT_RATE', label: t('kpi_engagementRate') },
            { value: 'CHAT_RATE', label: t('kpi_chatRate') },
          ]}
          onChange={(value) => updateSearch({ axis: value === 'ENGAGEMENT_RATE' ? null : value })}
        />
      </div>
      {!result ? (
        error ? (
          <ErrorState error={error} onRetry={() => void refetch().catch(() => undefined)} />
        ) : (
          <Skeleton kind="chart" />
        )
      ) : points.length === 0 ? (
        <EmptyState testId="scatter-empty" title={t('noPoints')} />
      ) : (
        <ChartFrame
          name="scatter"
          title={t('engagementQuestion', { group: groupBy === 'SESSION' ? t('groupSession') : t('groupCommercer') })}
          hint={`${
            result.correlation === null
              ? t('correlationNone')
              : t('correlation', { value: formatDecimal(result.correlation, 2, lang) })
          } · ${t('openHint')}`}
          table={table}
          chart={
            <ResponsiveContainer width="100%" height={360}>
              <ScatterChart margin={{ top: 12, right: 16, bottom: 8, left: 0 }} accessibilityLayer>
                <CartesianGrid stroke={GRID_STROKE} />
                <XAxis
                  type="number"
                  dataKey="x"
                  name={xLabel}
                  tick={AXIS_TICK}
                  tickFormatter={formatX}
                  domain={[0, 'auto']}
                />
                <YAxis
                  type="number"
                  dataKey="y"
                  name={t('kpi_conversionRate')}
                  tick={AXIS_TICK}
                  tickFormatter={(v: number) => formatPercent(v, lang)}
                  width={56}
                />
                <ZAxis type="number" dataKey="revenue" range={[40, 600]} name={t('kpi_revenue')} />
                <Tooltip
                  formatter={(value, name) => {
                    const v = Number(value);
                    if (name === xLabel) return [formatX(v), name];
                    if (name === t('kpi_revenue')) return [formatCurrency(v, brand.currency, lang), name];
                    return [formatPercent(v, lang), String(name)];
                  }}
                />
                {trend ? (
                  <ReferenceLine
                    segment={[
                      { x: 0, y: trend.intercept },
                      { x: xMax, y: trend.intercept + trend.slope * xMax },
                    ]}
                    stroke={COLORS.vermillion}
                    strokeDasharray="6 4"
                    ifOverflow="extendDomain"
                    label={{
                      value: t('trendLine'),
                      position: 'insideTopRight',
                      fill: LABEL_COLORS.vermillion,
                      fontSize: 11,
                    }}
                  />
                ) : null}
                <Scatter
                  data={points}
                  fill={COLORS.blue}
                  fillOpacity={0.7}
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(item) => {
                    const id = (item.payload as Plotted | undefined)?.id;
                    if (id) open(id);
                  }}
                />
              </ScatterChart>
            </ResponsiveContainer>
          }
        />
      )}
    </>
  );
}

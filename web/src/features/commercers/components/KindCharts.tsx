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
import type { KindComparisonQuery } from '../../../gql/graphql';
import { AXIS_TICK, COLORS, GRID_STROKE, SERIES } from '../../../lib/chart-colors';
import { formatCompact, formatInteger, formatPercent } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { formatPeriodKpi } from '../../overview/period-kpis';
import { fitEnds, logTicks } from '../host-cost';

type Comparison = KindComparisonQuery['kindComparison'];
type SpreadMetric = 'engagementRate' | 'conversionRate' | 'gpm' | 'commentResponseRate';

/** One KPI's strip: a row per kind, a dot per commercer; where the spread is, at a glance. */
export function KindStrip({
  comparison,
  metric,
  currency,
}: {
  comparison: Comparison;
  metric: SpreadMetric;
  currency: string;
}) {
  const { t, lang } = useI18n();
  const series = comparison.kinds.map((k, i) => ({
    kind: k.kind,
    color: i === 0 ? COLORS.blue : COLORS.orange,
    points: (k.spread.find((s) => s.metric === metric)?.commercers ?? [])
      .filter((c) => c.value !== null)
      .map((c) => ({ value: c.value, row: t(k.kind), name: c.commercer.name })),
  }));
  return (
    <ResponsiveContainer width="100%" height={96}>
      <ScatterChart margin={{ top: 4, right: 16, bottom: 0, left: 0 }} accessibilityLayer>
        <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
        <XAxis
          type="number"
          dataKey="value"
          domain={['auto', 'auto']}
          tick={AXIS_TICK}
          tickFormatter={(v: number) => (metric === 'gpm' ? formatCompact(v, lang) : formatPercent(v, lang))}
        />
        <YAxis type="category" dataKey="row" tick={AXIS_TICK} width={84} allowDuplicatedCategory={false} />
        <ZAxis range={[60, 60]} />
        <Tooltip
          formatter={(value, _key, item) => [
            formatPeriodKpi(metric, Number(value), currency, lang),
            (item?.payload as { name?: string } | undefined)?.name ?? '',
          ]}
        />
        {series.map((s) => (
          <Scatter key={s.kind} name={t(s.kind)} data={s.points} fill={s.color} isAnimationActive={false} />
        ))}
      </ScatterChart>
    </ResponsiveContainer>
  );
}

/**
 * Engagement rate against audience size (log x), a colour per commercer, with the brand's line: a dot
 * above the line engages more than an audience of that size would anyway.
 */
export function EngagementScatter({ comparison }: { comparison: Comparison }) {
  const { t, lang } = useI18n();
  const points = comparison.sessions.filter((s) => s.uniqueViewers > 0 && s.engagementRate !== null);
  const commercers = [...new Map(points.map((p) => [p.commercer.id, p.commercer.name])).entries()];
  const xs = points.map((p) => p.uniqueViewers);
  const ends = comparison.fit && xs.length > 0 ? fitEnds(comparison.fit, Math.min(...xs), Math.max(...xs)) : null;
  return (
    <ResponsiveContainer width="100%" height={300}>
      <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }} accessibilityLayer>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis
          type="number"
          dataKey="uniqueViewers"
          scale="log"
          domain={xs.length > 0 ? [Math.min(...xs), Math.max(...xs)] : ['auto', 'auto']}
          ticks={xs.length > 0 ? logTicks(Math.min(...xs), Math.max(...xs)) : undefined}
          tick={AXIS_TICK}
          tickFormatter={(v: number) => formatCompact(v, lang)}
          label={{ value: t('scatterAxisViewers'), position: 'insideBottom', offset: -8, fontSize: 12 }}
        />
        <YAxis
          type="number"
          dataKey="engagementRate"
          domain={[0, 1]}
          tick={AXIS_TICK}
          tickFormatter={(v: number) => formatPercent(v, lang)}
          width={60}
        />
        <ZAxis range={[48, 48]} />
        <Tooltip
          formatter={(value, key) =>
            key === 'uniqueViewers'
              ? [formatInteger(Number(value), lang), t('kpi_uniqueViewers')]
              : [formatPercent(Number(value), lang), t('kpi_engagementRate')]
          }
        />
        {commercers.map(([id, name], i) => (
          <Scatter
            key={id}
            name={name}
            data={points.filter((p) => p.commercer.id === id)}
            fill={SERIES[i % SERIES.length]}
            isAnimationActive={false}
          />
        ))}
        {ends ? (
          <ReferenceLine
            segment={ends}
            stroke={COLORS.grey}
            strokeWidth={2}
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{ value: t('fitLine'), position: 'insideTopRight', fontSize: 12 }}
          />
        ) : null}
      </ScatterChart>
    </ResponsiveContainer>
  );
}

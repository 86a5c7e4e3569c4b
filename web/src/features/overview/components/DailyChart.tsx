import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartLegend } from '../../../components/ChartLegend';
import { AXIS_TICK, COLORS, GRID_STROKE } from '../../../lib/chart-colors';
import { formatCompact, formatCurrency, formatDay, formatInteger } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import type { DailyPoint } from './DailyTable';

/** Views as bars and revenue as a line on its own axis: does a busy day also sell? */
export function DailyChart({ daily, currency }: { daily: readonly DailyPoint[]; currency: string }) {
  const { t, lang } = useI18n();
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart data={[...daily]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis
          dataKey="date"
          tickFormatter={(d: string) => formatDay(d, lang, true)}
          tick={AXIS_TICK}
          minTickGap={16}
        />
        <YAxis yAxisId="views" tick={AXIS_TICK} tickFormatter={(v: number) => formatCompact(v, lang)} width={48} />
        <YAxis
          yAxisId="revenue"
          orientation="right"
          tick={AXIS_TICK}
          tickFormatter={(v: number) => formatCompact(v, lang)}
          width={56}
        />
        <Tooltip
          labelFormatter={(d) => formatDay(String(d), lang)}
          formatter={(value, key) =>
            key === 'revenue'
              ? [formatCurrency(Number(value), currency, lang), t('kpi_revenue')]
              : [formatInteger(Number(value), lang), t('kpi_views')]
          }
        />
        <Legend
          content={({ payload }) => (
            <ChartLegend payload={payload} label={(key) => (key === 'revenue' ? t('kpi_revenue') : t('kpi_views'))} />
          )}
        />
        <Bar yAxisId="views" dataKey="views" fill={COLORS.sky} isAnimationActive={false} maxBarSize={28} />
        <Line
          yAxisId="revenue"
          dataKey="revenue"
          stroke={COLORS.vermillion}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

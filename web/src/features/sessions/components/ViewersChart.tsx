import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, COLORS, GRID_STROKE } from '../../../lib/chart-colors';
import { formatInteger } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import type { SessionRow } from './SessionsTable';

const MAX_TICK_CHARS = 14;

function shorten(title: string): string {
  return title.length > MAX_TICK_CHARS ? `${title.slice(0, MAX_TICK_CHARS - 1)}…` : title;
}

/** Unique viewers per session, oldest on the left so the eye reads time the usual way. */
export function ViewersChart({ sessions }: { sessions: readonly SessionRow[] }) {
  const { t, lang } = useI18n();
  // The API lists newest first.
  const data = [...sessions].reverse().map((s) => ({ key: s.id, title: s.title, viewers: s.metrics.uniqueViewers }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis
          dataKey="key"
          tickFormatter={(key: string) => shorten(data.find((d) => d.key === key)?.title ?? key)}
          tickLine={false}
          tick={AXIS_TICK}
          interval="preserveStartEnd"
          minTickGap={12}
        />
        <YAxis
          allowDecimals={false}
          tickFormatter={(v: number) => formatInteger(v, lang)}
          tickLine={false}
          axisLine={false}
          tick={AXIS_TICK}
          width={56}
        />
        <Tooltip
          labelFormatter={(key) => data.find((d) => d.key === key)?.title ?? String(key)}
          formatter={(value) => [formatInteger(Number(value), lang), t('kpi_uniqueViewers')]}
        />
        <Bar dataKey="viewers" fill={COLORS.blue} radius={[3, 3, 0, 0]} maxBarSize={48} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

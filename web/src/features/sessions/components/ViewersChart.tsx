import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInteger } from '../../../lib/format';
import type { SessionSummary } from '../queries/session.types';

const MAX_TICK_CHARS = 14;

function shorten(title: string): string {
  return title.length > MAX_TICK_CHARS ? `${title.slice(0, MAX_TICK_CHARS - 1)}…` : title;
}

/** Unique viewers per session, oldest on the left so the eye reads time the usual way. */
export function ViewersChart({ sessions }: { sessions: readonly SessionSummary[] }) {
  // The API lists newest first.
  const data = [...sessions].reverse().map((s) => ({ key: s.id, title: s.title, viewers: s.metrics.uniqueViewers }));
  return (
    <div className="chart" data-testid="viewers-chart">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e6e8ee" />
          <XAxis
            dataKey="key"
            tickFormatter={(key: string) => shorten(data.find((d) => d.key === key)?.title ?? key)}
            tickLine={false}
            axisLine={{ stroke: '#d0d4dd' }}
            tick={{ fontSize: 12, fill: '#5b6275' }}
            interval="preserveStartEnd"
            minTickGap={12}
          />
          <YAxis
            allowDecimals={false}
            tickFormatter={(v: number) => formatInteger(v)}
            tickLine={false}
            axisLine={false}
            tick={{ fontSize: 12, fill: '#5b6275' }}
            width={56}
          />
          <Tooltip
            cursor={{ fill: 'rgba(60, 80, 160, 0.06)' }}
            labelFormatter={(key) => data.find((d) => d.key === key)?.title ?? String(key)}
            formatter={(value) => [formatInteger(Number(value)), 'Unique viewers']}
          />
          <Bar dataKey="viewers" fill="#3b5bdb" radius={[3, 3, 0, 0]} maxBarSize={48} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

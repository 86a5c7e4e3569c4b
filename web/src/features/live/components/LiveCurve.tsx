import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInteger, formatTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

/** Light marks and large ticks on the console's dark ground, readable from across a room. */
const TICK = { fontSize: 18, fill: '#d5d9e3' } as const;
const GRID = '#2f3646';
const LINE = '#7cc4ff';

interface Props {
  readonly points: readonly { minute: number; watching: number }[];
  /** The start of each minute, for the clock-time ticks. */
  readonly atOf: ReadonlyMap<number, string>;
  readonly zone: string;
}

/** Watching per minute over the last 30 complete minutes. */
export function LiveCurve({ points, atOf, zone }: Props) {
  const { t, lang } = useI18n();
  const clock = (minute: number): string => formatTime(atOf.get(minute), zone);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={[...points]} margin={{ top: 12, right: 16, bottom: 4, left: 4 }} accessibilityLayer>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis
          dataKey="minute"
          type="number"
          domain={['dataMin', 'dataMax']}
          allowDecimals={false}
          tick={TICK}
          tickLine={false}
          stroke={GRID}
          tickFormatter={clock}
          minTickGap={40}
        />
        <YAxis
          allowDecimals={false}
          tick={TICK}
          tickLine={false}
          axisLine={false}
          width={64}
          tickFormatter={(v: number) => formatInteger(v, lang)}
        />
        <Tooltip
          labelFormatter={(m) => t('minuteAt', { minute: String(m), time: clock(Number(m)) })}
          formatter={(value) => [formatInteger(Number(value), lang), t('watching')]}
        />
        <Area
          dataKey="watching"
          type="monotone"
          stroke={LINE}
          strokeWidth={4}
          fill={LINE}
          fillOpacity={0.18}
          dot={false}
          isAnimationActive={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}

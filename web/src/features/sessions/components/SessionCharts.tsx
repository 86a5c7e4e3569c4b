import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { memo } from 'react';
import { ChartLegend } from '../../../components/ChartLegend';
import type { SessionSeriesQuery } from '../../../gql/graphql';
import { AXIS_TICK, COLORS, GRID_STROKE, LABEL_COLORS } from '../../../lib/chart-colors';
import { formatInteger, formatPercent, formatTime } from '../../../lib/format';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import type { TimelineBand } from '../../merchandise/run-sheet';

type Series = NonNullable<SessionSeriesQuery['session']>;

/** A hidden scale from 0 to the series' largest value (at least 1), so its tallest mark reaches the top. */
const OWN_SCALE: [number, (dataMax: number) => number] = [0, (dataMax) => Math.max(1, dataMax)];

export type MinutePoint = Series['minuteSeries'][number];
export type Moment = Series['moments'][number];
export type RetentionPoint = Series['retention'][number];

export interface TimelineMarker {
  readonly minute: number;
  readonly label: string;
}

const SERIES_LABEL: Record<string, MessageKey> = {
  watching: 'watching',
  comments: 'kpi_comments',
  likes: 'kpi_likes',
  orders: 'kpi_orders',
};

/** Recharts' box of the shape a label belongs to. */
interface LabelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * A pinned product's name at the top left of its band, cut at the band's right edge (a nested `<svg>`
 * clips what overflows it), so a short pin's long name never runs over its neighbour's; the whole
 * name is its tooltip. A band too narrow for a letter shows none.
 */
export function BandLabel({ text, viewBox }: { readonly text: string; readonly viewBox?: LabelBox }) {
  if (!viewBox || viewBox.width < 12) return null;
  return (
    <svg x={viewBox.x} y={viewBox.y} width={viewBox.width} height={16} className="timeline-band-label">
      <title>{text}</title>
      <text x={4} y={12} fill="#374151" fontSize={11}>
        {text}
      </text>
    </svg>
  );
}

interface TimelineProps {
  readonly points: readonly MinutePoint[];
  readonly moments: readonly Moment[];
  readonly annotations: readonly TimelineMarker[];
  readonly zone: string;
  /** Pinned products (the run-sheet's segments), shaded behind the series with the product's name. */
  readonly bands?: readonly TimelineBand[];
  /** A click on the chart picks the minute under the pointer (for a new note). */
  readonly onMinuteClick?: (minute: number) => void;
}

/**
 * Watching viewers as the backdrop, with chat, likes and orders on their own axis: where the
 * audience reacted, and whether sales followed the reaction. Memoised, as the retention chart is: the
 * session page's five requests answer one by one, and each answer re-rendered the page — a chart
 * whose props had not changed was drawn again each time (~110 ms on a 2-core machine), holding back
 * its first drawing; the page passes props that keep their identity while their data does.
 */
export const TimelineChart = memo(function TimelineChart({
  points,
  moments,
  annotations,
  zone,
  bands = [],
  onMinuteClick,
}: TimelineProps) {
  const { t, lang } = useI18n();
  const atOf = new Map(points.map((p) => [p.minute, p.at]));
  // Minutes without orders get no dot at all, so a dot always means a sale.
  const data = points.map((p) => ({ ...p, orders: p.orders > 0 ? p.orders : null }));
  return (
    <ResponsiveContainer width="100%" height={300}>
      <ComposedChart
        data={data}
        margin={{ top: 20, right: 8, bottom: 0, left: 0 }}
        accessibilityLayer
        className={onMinuteClick ? 'clickable' : undefined}
        onClick={(state) => {
          const minute = Number(state.activeLabel);
          if (onMinuteClick && state.activeLabel !== undefined && Number.isInteger(minute)) onMinuteClick(minute);
        }}
      >
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        {bands.map((band, i) => (
          // Behind the series (between the grid and the area), so the audience curve keeps its colour;
          // adjacent pins (a re-pin) alternate two tints so each segment reads as its own.
          <ReferenceArea
            key={band.key}
            yAxisId="watching"
            x1={band.from}
            x2={band.to}
            ifOverflow="hidden"
            zIndex={-50}
            fill={i % 2 === 0 ? COLORS.yellow : COLORS.grey}
            fillOpacity={i % 2 === 0 ? 0.3 : 0.14}
            className="timeline-band"
            label={<BandLabel text={band.label} />}
          />
        ))}
        <XAxis
          dataKey="minute"
          type="number"
          domain={['dataMin', 'dataMax']}
          tick={AXIS_TICK}
          tickFormatter={(m: number) => `${m}′`}
          allowDecimals={false}
        />
        <YAxis yAxisId="watching" tick={AXIS_TICK} allowDecimals={false} width={40} />
        <YAxis yAxisId="activity" orientation="right" tick={AXIS_TICK} allowDecimals={false} width={40} />
        {/* Comments and orders each on a scale of their own: on the likes' scale (thousands a minute) the
            tens of comments and the few orders of a minute were flat on the axis, and they are what a
            marketer compares with the audience. The tooltip gives every value. */}
        {/* width 0: recharts 3 leaves a hidden axis out of the chart's margins but not out of where it
            places the visible axes on the same side (sorted by id, "comments" and "orders" first), so at
            the default width the watching scale was drawn 120 px left of its room, off the chart. */}
        <YAxis yAxisId="comments" hide width={0} domain={OWN_SCALE} />
        <YAxis yAxisId="orders" hide width={0} domain={OWN_SCALE} />
        <Tooltip
          labelFormatter={(m) => t('minuteAt', { minute: String(m), time: formatTime(atOf.get(Number(m)), zone) })}
          formatter={(value, key) => [formatInteger(Number(value), lang), t(SERIES_LABEL[String(key)] ?? 'watching')]}
        />
        <Legend
          content={({ payload }) => (
            <ChartLegend payload={payload} label={(key) => t(SERIES_LABEL[key] ?? 'watching')} />
          )}
        />
        <Area
          yAxisId="watching"
          dataKey="watching"
          type="stepAfter"
          fill={COLORS.sky}
          fillOpacity={0.35}
          stroke={COLORS.blue}
          isAnimationActive={false}
        />
        <Bar yAxisId="comments" dataKey="comments" fill={COLORS.orange} isAnimationActive={false} maxBarSize={10} />
        <Bar yAxisId="activity" dataKey="likes" fill={COLORS.purple} isAnimationActive={false} maxBarSize={10} />
        <Line
          yAxisId="orders"
          dataKey="orders"
          stroke={COLORS.green}
          strokeWidth={0}
          dot={{ r: 4, fill: COLORS.green }}
          isAnimationActive={false}
        />
        {moments.map((m) => (
          <ReferenceLine
            key={`moment-${m.minute}`}
            yAxisId="watching"
            x={m.minute}
            stroke={COLORS.vermillion}
            strokeDasharray="4 3"
            label={{ value: '★', position: 'top', fill: LABEL_COLORS.vermillion, fontSize: 14 }}
          />
        ))}
        {annotations.map((a, i) => (
          <ReferenceLine
            key={`note-${i}`}
            yAxisId="watching"
            x={a.minute}
            stroke={COLORS.grey}
            label={{ value: a.label, position: 'insideTopLeft', fill: '#374151', fontSize: 11 }}
          />
        ))}
      </ComposedChart>
    </ResponsiveContainer>
  );
});

export const RetentionChart = memo(function RetentionChart({ points }: { points: readonly RetentionPoint[] }) {
  const { t, lang } = useI18n();
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={[...points]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="minute" tick={AXIS_TICK} tickFormatter={(m: number) => `${m}′`} />
        <YAxis domain={[0, 1]} tick={AXIS_TICK} tickFormatter={(v: number) => formatPercent(v, lang)} width={56} />
        <Tooltip
          labelFormatter={(m) => t('atLeastMinutes', { minute: String(m) })}
          formatter={(v) => [formatPercent(Number(v), lang), t('share')]}
        />
        <Line
          dataKey="share"
          type="stepAfter"
          stroke={COLORS.blue}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
});

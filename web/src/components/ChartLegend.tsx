import type { LegendPayload } from 'recharts';

interface Props {
  /** What recharts hands a legend's content: one entry per series. */
  readonly payload?: readonly LegendPayload[];
  /** The series' name for the reader, from its dataKey. */
  readonly label: (key: string) => string;
}

/**
 * A chart legend in the reader's language. recharts' own legend names each icon "<dataKey> legend
 * icon" for screen readers, in English whatever the page's language; here the swatch is decoration
 * and the translated label is the only text.
 */
export function ChartLegend({ payload, label }: Props) {
  return (
    <ul className="chart-legend">
      {(payload ?? []).map((entry) => {
        const key = String(entry.dataKey ?? entry.value ?? '');
        return (
          <li key={key} className="chart-legend__item">
            <span
              className={
                entry.type === 'line' ? 'chart-legend__swatch chart-legend__swatch--line' : 'chart-legend__swatch'
              }
              style={{ background: entry.color }}
              aria-hidden="true"
            />
            {label(key)}
          </li>
        );
      })}
    </ul>
  );
}

export interface BarItem {
  readonly key: string;
  readonly label: string;
  /** 0..1 of the longest bar. */
  readonly fraction: number;
  readonly value: string;
  readonly note?: string;
}

/**
 * Labelled horizontal bars in plain HTML: the numbers are text (readable, copyable, read aloud),
 * the bar only adds the shape. Suits short ranked lists such as a funnel or stamp counts.
 */
export function BarList({ items, testId, color }: { items: readonly BarItem[]; testId: string; color?: string }) {
  return (
    <ul className="barlist" data-testid={testId}>
      {items.map((item) => (
        <li key={item.key} className="barlist__item" data-testid={`${testId}-${item.key}`}>
          <span className="barlist__label">{item.label}</span>
          <span className="barlist__track" aria-hidden="true">
            <span
              className="barlist__bar"
              style={{ width: `${Math.max(0, Math.min(1, item.fraction)) * 100}%`, background: color }}
            />
          </span>
          <span className="barlist__value" data-testid="bar-value">
            {item.value}
          </span>
          {item.note ? <span className="barlist__note muted">{item.note}</span> : null}
        </li>
      ))}
    </ul>
  );
}

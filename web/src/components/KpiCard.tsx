import { formatChange, MISSING } from '../lib/format';
import { useI18n } from '../lib/i18n';

/** What a KPI is compared against: the previous period. */
export interface KpiComparison {
  /** The previous period's value, formatted like the value. */
  readonly previous: string;
  /** (value − previous) / previous; null when there is no base to compare with. */
  readonly change: number | null;
}

interface Props {
  /** Names the card for tests: kpi-card-<name>, kpi-<name>, kpi-<name>-change, -previous, -flag. */
  readonly name: string;
  readonly label: string;
  /** Formatted; MISSING (a dash) is shown muted. */
  readonly value: string;
  /** Said on hover over the value, e.g. why it is missing. */
  readonly valueTitle?: string;
  /** A line under the value, such as the KPI's definition. */
  readonly hint?: string;
  /** Absent when compare is off. */
  readonly comparison?: KpiComparison;
  /** Why the value is flagged, said under it (e.g. below the median of its history); none when null. */
  readonly flag?: string | null;
  /** Where the value stands among streams of the same size (kpi-<name>-benchmark); none when absent. */
  readonly benchmark?: string;
}

/** One KPI: its label and value, and optionally the previous period's value, the signed change and a flag. */
export function KpiCard({ name, label, value, valueTitle, hint, comparison, flag, benchmark }: Props) {
  const { t, lang } = useI18n();
  const change = comparison?.change ?? null;
  const direction = change === null || change === 0 ? 'flat' : change > 0 ? 'up' : 'down';
  const flagged = flag !== undefined && flag !== null;
  return (
    <div className={flagged ? 'kpi kpi--flagged' : 'kpi'} data-testid={`kpi-card-${name}`}>
      <div className="kpi__label">{label}</div>
      <div
        className={value === MISSING ? 'kpi__value kpi__value--missing' : 'kpi__value'}
        data-testid={`kpi-${name}`}
        title={valueTitle}
      >
        {value}
      </div>
      {hint ? <div className="kpi__hint">{hint}</div> : null}
      {comparison ? (
        <div className="kpi__compare">
          <span className={`kpi__change kpi__change--${direction}`} data-testid={`kpi-${name}-change`}>
            <span aria-hidden="true">{direction === 'up' ? '▲ ' : direction === 'down' ? '▼ ' : ''}</span>
            {formatChange(change, lang)}
          </span>
          <span className="muted" data-testid={`kpi-${name}-previous`}>
            {t('previous', { value: comparison.previous })}
          </span>
        </div>
      ) : null}
      {benchmark ? (
        <div className="kpi__benchmark" data-testid={`kpi-${name}-benchmark`}>
          {benchmark}
        </div>
      ) : null}
      {flagged ? (
        <div className="kpi__flag" data-testid={`kpi-${name}-flag`}>
          <span aria-hidden="true">⚑ </span>
          {flag}
        </div>
      ) : null}
    </div>
  );
}

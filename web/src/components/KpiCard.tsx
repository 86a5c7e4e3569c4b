import { formatChange } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { formatPeriodKpi, kpiLabel, relativeChange, type PeriodKpiName } from '../period-kpis';

interface Props {
  readonly name: PeriodKpiName;
  readonly value: number | null | undefined;
  /** Undefined when compare is off; null when the previous period has no value. */
  readonly previous?: number | null;
  readonly currency: string;
  /** The brand's 4-week median, when the value fell below it. */
  readonly belowMedian?: number | null;
}

/** One KPI with what it is compared against: the previous period's value and the signed change. */
export function KpiCard({ name, value, previous, currency, belowMedian }: Props) {
  const { t, lang } = useI18n();
  const change = previous === undefined ? null : relativeChange(value, previous);
  const direction = change === null || change === 0 ? 'flat' : change > 0 ? 'up' : 'down';
  const flagged = belowMedian !== undefined && belowMedian !== null;
  return (
    <div className={flagged ? 'kpi kpi--flagged' : 'kpi'} data-testid={`kpi-card-${name}`}>
      <div className="kpi__label">{t(kpiLabel(name))}</div>
      <div className="kpi__value" data-testid={`kpi-${name}`}>
        {formatPeriodKpi(name, value, currency, lang)}
      </div>
      {previous !== undefined ? (
        <div className="kpi__compare">
          <span className={`kpi__change kpi__change--${direction}`} data-testid={`kpi-${name}-change`}>
            <span aria-hidden="true">{direction === 'up' ? '▲ ' : direction === 'down' ? '▼ ' : ''}</span>
            {formatChange(change, lang)}
          </span>
          <span className="muted" data-testid={`kpi-${name}-previous`}>
            {t('previous', { value: formatPeriodKpi(name, previous, currency, lang) })}
          </span>
        </div>
      ) : null}
      {flagged ? (
        <div
          className="kpi__flag"
          data-testid={`kpi-${name}-flag`}
          title={t('belowMedian', { value: formatPeriodKpi(name, belowMedian, currency, lang) })}
        >
          <span aria-hidden="true">⚑ </span>
          {t('belowMedian', { value: formatPeriodKpi(name, belowMedian, currency, lang) })}
        </div>
      ) : null}
    </div>
  );
}

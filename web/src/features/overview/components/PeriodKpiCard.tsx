import { KpiCard } from '../../../components/KpiCard';
import { useI18n } from '../../../lib/i18n';
import { formatPeriodKpi, kpiLabel, relativeChange, type PeriodKpiName } from '../period-kpis';

interface Props {
  readonly name: PeriodKpiName;
  readonly value: number | null | undefined;
  /** Undefined when compare is off; null when the previous period has no value. */
  readonly previous?: number | null;
  readonly currency: string;
  /**
   * When the value fell below the median of the same KPI over the 4 previous periods of equal length:
   * that median and the length in days, which the flag names (so a total never reads as weekly).
   */
  readonly belowMedian?: { readonly median: number; readonly periodDays: number } | null;
}

/** A period KPI (overview, report, commercer profile) as a KpiCard, formatted by its kind. */
export function PeriodKpiCard({ name, value, previous, currency, belowMedian }: Props) {
  const { t, lang } = useI18n();
  const format = (v: number | null | undefined): string => formatPeriodKpi(name, v, currency, lang);
  const median = belowMedian ? format(belowMedian.median) : '';
  // A fall the reader cannot see — "5.1% is below the median (5.1%)" — is not worth a flag.
  const flagged = belowMedian && median !== format(value);
  return (
    <KpiCard
      name={name}
      label={t(kpiLabel(name))}
      value={format(value)}
      comparison={
        previous === undefined ? undefined : { previous: format(previous), change: relativeChange(value, previous) }
      }
      flag={flagged ? t('belowMedian', { value: median, days: belowMedian.periodDays }) : null}
    />
  );
}

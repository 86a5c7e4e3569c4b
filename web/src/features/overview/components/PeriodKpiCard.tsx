import { KpiCard } from '../../../components/KpiCard';
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

/** A period KPI (overview, report, commercer profile) as a KpiCard, formatted by its kind. */
export function PeriodKpiCard({ name, value, previous, currency, belowMedian }: Props) {
  const { t, lang } = useI18n();
  const format = (v: number | null | undefined): string => formatPeriodKpi(name, v, currency, lang);
  return (
    <KpiCard
      name={name}
      label={t(kpiLabel(name))}
      value={format(value)}
      comparison={
        previous === undefined ? undefined : { previous: format(previous), change: relativeChange(value, previous) }
      }
      belowMedian={belowMedian === undefined || belowMedian === null ? null : format(belowMedian)}
    />
  );
}

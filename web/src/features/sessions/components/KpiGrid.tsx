import { KpiCard } from '../../../components/KpiCard';
import { MISSING } from '../../../lib/format';
import { formatKpi, KPI_GROUPS, kpisInGroup, SESSION_KPIS } from '../kpi.catalog';
import { useI18n } from '../../../lib/i18n';
import type { SessionMetrics } from '../kpi.catalog';
import { benchmarkSentence, type Benchmark } from '../benchmark';

interface Props {
  metrics: SessionMetrics;
  currency: string;
  /** Each KPI's peer benchmark, when it has one (METRICS.md "Streams of the same size"). */
  benchmarks?: ReadonlyMap<string, Benchmark>;
}

export function KpiGrid({ metrics, currency, benchmarks }: Props) {
  const { t, lang } = useI18n();
  return (
    <div className="kpi-groups">
      {KPI_GROUPS.map((group) => (
        <section key={group} className="kpi-group" aria-labelledby={`kpi-group-${group}`}>
          <h2 className="section-title" id={`kpi-group-${group}`}>
            {t(`kpiGroup_${group}`)}
          </h2>
          <div className="kpi-grid">
            {kpisInGroup(group).map((name) => {
              const value = formatKpi(name, metrics, currency, lang);
              const benchmark = benchmarks?.get(name);
              return (
                <KpiCard
                  key={name}
                  name={name}
                  label={t(`kpi_${name}`)}
                  value={value}
                  valueTitle={value === MISSING ? t('notDefined') : undefined}
                  hint={SESSION_KPIS[name].definition[lang]}
                  benchmark={benchmark ? benchmarkSentence(benchmark, t, lang) : undefined}
                />
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}

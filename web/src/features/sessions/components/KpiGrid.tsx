import { KpiCard } from '../../../components/KpiCard';
import { MISSING } from '../../../lib/format';
import { formatKpi, KPI_GROUPS, kpisInGroup, SESSION_KPIS } from '../kpi.catalog';
import { useI18n } from '../../../lib/i18n';
import type { SessionMetrics } from '../kpi.catalog';

export function KpiGrid({ metrics, currency }: { metrics: SessionMetrics; currency: string }) {
  const { lang } = useI18n();
  return (
    <div className="kpi-groups">
      {KPI_GROUPS.map((group) => (
        <section key={group.id} className="kpi-group" aria-labelledby={`kpi-group-${group.id}`}>
          <h2 className="section-title" id={`kpi-group-${group.id}`}>
            {group.title}
          </h2>
          <div className="kpi-grid">
            {kpisInGroup(group.id).map((name) => {
              const value = formatKpi(name, metrics, currency, lang);
              return (
                <KpiCard
                  key={name}
                  name={name}
                  label={name}
                  value={value}
                  valueTitle={value === MISSING ? 'Not defined: the denominator is 0' : undefined}
                  hint={SESSION_KPIS[name].definition}
                />
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}

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
              const { definition } = SESSION_KPIS[name];
              const value = formatKpi(name, metrics, currency, lang);
              const missing = value === MISSING;
              return (
                <div key={name} className="kpi" data-testid={`kpi-card-${name}`} title={definition}>
                  <div className="kpi__label">{name}</div>
                  <div
                    className={missing ? 'kpi__value kpi__value--missing' : 'kpi__value'}
                    data-testid={`kpi-${name}`}
                    title={missing ? 'Not defined: the denominator is 0' : undefined}
                  >
                    {value}
                  </div>
                  <div className="kpi__hint">{definition}</div>
                </div>
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}

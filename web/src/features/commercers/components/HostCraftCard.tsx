import { Card } from '../../../components/Card';
import { KpiCard } from '../../../components/KpiCard';
import { useI18n } from '../../../lib/i18n';
import { hostCraftItems, type HostCraftMetrics } from '../host-craft';

/** How the host works the room: answering comments and recapping for late joiners, with why it matters. */
export function HostCraftCard({ metrics }: { metrics: HostCraftMetrics }) {
  const { t, lang } = useI18n();
  return (
    <Card title={t('hostCraft')} hint={t('hostCraftWhy')} testId="host-craft">
      <div className="kpi-grid">
        {hostCraftItems(metrics, t, lang).map((item) => (
          <KpiCard
            key={item.name}
            name={item.name}
            label={item.label}
            value={item.value}
            valueTitle={item.missing ?? undefined}
            hint={item.missing ?? item.definition}
          />
        ))}
      </div>
    </Card>
  );
}

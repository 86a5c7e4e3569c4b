import { KPI_CATALOGUE } from '@lc/contract/kpi';
import { Card } from '../../../components/Card';
import { KpiCard } from '../../../components/KpiCard';
import { useI18n } from '../../../lib/i18n';
import { formatKpiValue } from '../../../lib/kpi-format';
import { kpiLabel } from '../../overview/period-kpis';
import { LATER_WINDOW_DAYS, laterAnswer, type LaterFigures } from '../later-purchases';

/** The figures the card shows under its answer, in reading order. */
const LATER_KPIS = [
  'laterConversionEngaged',
  'laterConversionPassive',
  'engagementLift',
  'laterRevenue',
  'engagedNonBuyers',
  'passiveNonBuyers',
] as const;

/**
 * METRICS.md "Does engagement pay later?" for a brand period or a commercer: the answer in one
 * sentence, the two later rates, the lift and the later revenue, and whether the window is still open.
 */
export function LaterPurchasesCard({ figures, currency }: { figures: LaterFigures; currency: string }) {
  const { t, lang } = useI18n();
  return (
    <Card title={t('laterTitle')} hint={t('laterHint', { days: LATER_WINDOW_DAYS })} testId="later-purchases">
      <p className="later__answer" data-testid="later-answer">
        {laterAnswer(figures, t, lang)}
      </p>
      {figures.windowOpen ? (
        <p className="later__open muted" data-testid="later-window-open">
          <span className="badge">{t('laterWindowOpenShort')}</span> {t('laterWindowOpen', { days: LATER_WINDOW_DAYS })}
        </p>
      ) : null}
      <div className="kpi-grid">
        {LATER_KPIS.map((name) => {
          const { unit, scopes, scopesJa } = KPI_CATALOGUE[name];
          return (
            <KpiCard
              key={name}
              name={name}
              label={t(kpiLabel(name))}
              value={formatKpiValue(unit, figures[name], currency, lang)}
              hint={lang === 'ja' ? scopesJa.period : scopes.period}
            />
          );
        })}
      </div>
    </Card>
  );
}

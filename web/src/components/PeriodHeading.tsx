import { useScope } from '../features/scope/scope';
import { formatDay } from '../lib/format';
import { useI18n } from '../lib/i18n';

/** A page's title over the brand and the period it shows, so a screenshot or a printout says what it covers. */
export function PeriodHeading({ title }: { title: string }) {
  const { t, lang } = useI18n();
  const { brand, filters, zone } = useScope();
  return (
    <header className="page-header">
      <div>
        <h1 className="page-title">{title}</h1>
        <p className="muted" data-testid="period-label">
          {brand.name} ·{' '}
          {t('periodLabel', { from: formatDay(filters.from, lang), to: formatDay(filters.to, lang), zone })}
        </p>
      </div>
    </header>
  );
}

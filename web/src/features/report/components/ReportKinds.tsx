import { useQuery } from '@apollo/client/react';
import { ErrorState, Skeleton } from '../../../components/StatusPanel';
import { useI18n } from '../../../lib/i18n';
import { KindTable, otherCurrencyNote } from '../../commercers/components/KindComparisonPanel';
import { KIND_COMPARISON_QUERY } from '../../commercers/kind-comparison.queries';
import { useScope } from '../../scope/scope';

/** The report's professional vs in-house section (issue 14): the same table as the commercers page. */
export function ReportKinds() {
  const { t, lang } = useI18n();
  const { brand, period } = useScope();
  const { data, error } = useQuery(KIND_COMPARISON_QUERY, { variables: { brandId: brand.id, period } });
  return (
    <section className="report__section report__keep" data-testid="report-kinds">
      <h2 className="section-title">{t('kindPanelTitle')}</h2>
      {!data ? (
        error ? (
          <ErrorState error={error} />
        ) : (
          <Skeleton kind="table" count={2} />
        )
      ) : (
        <>
          <KindTable comparison={data.kindComparison} currency={brand.currency} />
          {data.kindComparison.kinds.map((k) => {
            const note = otherCurrencyNote(k.costs, t, lang);
            return note ? (
              <p key={k.kind} className="muted small">
                {t(k.kind)}: {note}
              </p>
            ) : null;
          })}
        </>
      )}
    </section>
  );
}

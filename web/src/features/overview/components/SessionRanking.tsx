import { Card } from '../../../components/Card';
import type { SessionCardFragment } from '../../../gql/graphql';
import { formatCurrency, formatDateTime, formatInteger, formatPercent } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { Link, sessionPath } from '../../../lib/router';

interface Props {
  readonly title: string;
  readonly sessions: readonly SessionCardFragment[];
  readonly zone: string;
  readonly testId: string;
  readonly link: (path: string) => string;
}

/** Best or weakest sessions by revenue: which format and host to repeat, which to rethink. */
export function SessionRanking({ title, sessions, zone, testId, link }: Props) {
  const { t, lang } = useI18n();
  return (
    <Card
      title={
        <>
          {title} <span className="muted">· {t('rankedBy')}</span>
        </>
      }
      testId={testId}
    >
      {sessions.length === 0 ? (
        <p className="muted">{t('noSessionsInPeriod')}</p>
      ) : (
        <ol className="ranking">
          {sessions.map((s) => (
            <li key={s.id} className="ranking__item" data-testid={`${testId}-${s.id}`}>
              <Link to={link(sessionPath(s.id))} className="ranking__title">
                {s.title}
              </Link>
              <span className="muted ranking__meta">
                {s.commercer.name} · {formatDateTime(s.startedAt, zone, lang)}
              </span>
              <span className="ranking__numbers">
                <span data-testid="ranking-revenue">{formatCurrency(s.metrics.revenue, s.currency, lang)}</span>
                <span className="muted">
                  {formatInteger(s.metrics.uniqueViewers, lang)} {t('viewers')} · {t('cvr')}{' '}
                  {formatPercent(s.metrics.conversionRate, lang)}
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

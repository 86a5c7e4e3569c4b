import type { PeriodSessionsQuery } from '../../../gql/graphql';
import { KindBadge, LiveBadge } from '../../../components/Badges';
import { formatCurrency, formatDateTime, formatInteger } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { Link, sessionLivePath, sessionPath } from '../../../lib/router';

export type SessionRow = PeriodSessionsQuery['sessions']['nodes'][number];

interface Props {
  readonly sessions: readonly SessionRow[];
  readonly zone: string;
  readonly link: (path: string) => string;
}

export function SessionsTable({ sessions, zone, link }: Props) {
  const { t, lang } = useI18n();
  return (
    <table className="table" data-testid="sessions-table">
      <thead>
        <tr>
          <th scope="col">{t('colSession')}</th>
          <th scope="col">{t('colCommercer')}</th>
          <th scope="col">{t('colKind')}</th>
          <th scope="col">{t('colStart')}</th>
          <th scope="col" className="num">
            {t('kpi_uniqueViewers')}
          </th>
          <th scope="col" className="num">
            {t('kpi_comments')}
          </th>
          <th scope="col" className="num">
            {t('kpi_likes')}
          </th>
          <th scope="col" className="num">
            {t('kpi_orders')}
          </th>
          <th scope="col" className="num">
            {t('kpi_revenue')}
          </th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id} data-testid={`session-row-${s.id}`}>
            <td>
              <div className="cell-title">
                <Link to={link(sessionPath(s.id))} data-testid="cell-title">
                  {s.title}
                </Link>
              </div>
              <div className="cell-sub">
                {s.isLive ? <LiveBadge /> : null}
                {s.platform}
                {s.isLive ? (
                  <Link to={link(sessionLivePath(s.id))} data-testid="cell-console">
                    {t('consoleTitle')}
                  </Link>
                ) : null}
              </div>
            </td>
            <td className="nowrap" data-testid="cell-commercer">
              {s.commercer.name}
            </td>
            <td data-testid="cell-kind">
              <KindBadge kind={s.commercer.kind} />
            </td>
            <td className="nowrap" data-testid="cell-start">
              {formatDateTime(s.startedAt, zone, lang)}
            </td>
            <td className="num" data-testid="cell-uniqueViewers">
              {formatInteger(s.metrics.uniqueViewers, lang)}
            </td>
            <td className="num" data-testid="cell-comments">
              {formatInteger(s.metrics.comments, lang)}
            </td>
            <td className="num" data-testid="cell-likes">
              {formatInteger(s.metrics.likes, lang)}
            </td>
            <td className="num" data-testid="cell-orders">
              {formatInteger(s.metrics.orders, lang)}
            </td>
            <td className="num" data-testid="cell-revenue">
              {formatCurrency(s.metrics.revenue, s.currency, lang)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

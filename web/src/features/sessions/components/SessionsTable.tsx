import { Link, sessionPath } from '../../../lib/router';
import { formatCurrency, formatDateTime, formatInteger } from '../../../lib/format';
import type { Brand, SessionSummary } from '../queries/session.types';
import { KindBadge, LiveBadge } from './Badges';

interface Props {
  sessions: readonly SessionSummary[];
  brands: readonly Brand[];
}

export function SessionsTable({ sessions, brands }: Props) {
  const brandById = new Map(brands.map((b) => [b.id, b]));
  // A brand column only earns its space when the token reads more than one brand.
  const showBrand = brands.length > 1;

  return (
    <div className="table-scroll">
      <table className="table" data-testid="sessions-table">
        <thead>
          <tr>
            <th scope="col">Session</th>
            {showBrand ? <th scope="col">Brand</th> : null}
            <th scope="col">Commercer</th>
            <th scope="col">Kind</th>
            <th scope="col">Start</th>
            <th scope="col" className="num">
              Unique viewers
            </th>
            <th scope="col" className="num">
              Comments
            </th>
            <th scope="col" className="num">
              Likes
            </th>
            <th scope="col" className="num">
              Orders
            </th>
            <th scope="col" className="num">
              Revenue
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const brand = brandById.get(s.brandId);
            return (
              <tr key={s.id} data-testid={`session-row-${s.id}`}>
                <td>
                  <div className="cell-title">
                    <Link to={sessionPath(s.id)} data-testid="cell-title">
                      {s.title}
                    </Link>
                  </div>
                  <div className="cell-sub">
                    {s.isLive ? <LiveBadge /> : null}
                    {s.platform}
                  </div>
                </td>
                {showBrand ? <td data-testid="cell-brand">{brand?.name ?? s.brandId}</td> : null}
                <td className="nowrap" data-testid="cell-commercer">
                  {s.commercer.name}
                </td>
                <td data-testid="cell-kind">
                  <KindBadge kind={s.commercer.kind} />
                </td>
                <td className="nowrap" data-testid="cell-start">
                  {formatDateTime(s.startedAt, brand?.timeZone ?? 'UTC')}
                </td>
                <td className="num" data-testid="cell-uniqueViewers">
                  {formatInteger(s.metrics.uniqueViewers)}
                </td>
                <td className="num" data-testid="cell-comments">
                  {formatInteger(s.metrics.comments)}
                </td>
                <td className="num" data-testid="cell-likes">
                  {formatInteger(s.metrics.likes)}
                </td>
                <td className="num" data-testid="cell-orders">
                  {formatInteger(s.metrics.orders)}
                </td>
                <td className="num" data-testid="cell-revenue">
                  {formatCurrency(s.metrics.revenue, s.currency)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

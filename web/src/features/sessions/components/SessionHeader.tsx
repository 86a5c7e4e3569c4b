import { formatDateTime, formatDuration } from '../../../lib/format';
import type { Brand, SessionDetail } from '../queries/session.types';
import { KindBadge, LiveBadge } from './Badges';

function durationSeconds(startedAt: string, endedAt: string | null): number | null {
  if (!endedAt) return null;
  return (new Date(endedAt).getTime() - new Date(startedAt).getTime()) / 1000;
}

export function SessionHeader({ session, brand }: { session: SessionDetail; brand: Brand | undefined }) {
  const zone = brand?.timeZone ?? 'UTC';
  return (
    <header className="page-header page-header--session">
      <div>
        <div className="title-row">
          <h1 className="page-title" data-testid="session-title">
            {session.title}
          </h1>
          {session.isLive ? <LiveBadge /> : null}
        </div>
        <p className="meta">
          <span data-testid="session-commercer">{session.commercer.name}</span>
          <KindBadge kind={session.commercer.kind} />
          <span className="meta__sep" aria-hidden="true">
            ·
          </span>
          <span>{session.platform}</span>
          {brand ? (
            <>
              <span className="meta__sep" aria-hidden="true">
                ·
              </span>
              <span>{brand.name}</span>
            </>
          ) : null}
        </p>
        <p className="meta muted" data-testid="session-times">
          Started {formatDateTime(session.startedAt, zone)}
          {session.endedAt ? (
            <>
              {' · '}Ended {formatDateTime(session.endedAt, zone)}
              {' · '}
              {formatDuration(durationSeconds(session.startedAt, session.endedAt))}
            </>
          ) : (
            ' · still running'
          )}
        </p>
      </div>
    </header>
  );
}

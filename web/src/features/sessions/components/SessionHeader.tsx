import type { SessionDetailQuery } from '../../../gql/graphql';
import { KindBadge, LiveBadge } from '../../../components/Badges';
import { formatDateTime, formatDuration, formatTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { commercerPath, Link, sessionLivePath } from '../../../lib/router';

export type SessionDetail = NonNullable<SessionDetailQuery['session']>;

function durationSeconds(startedAt: string, endedAt: string | null): number | null {
  if (!endedAt) return null;
  return (new Date(endedAt).getTime() - new Date(startedAt).getTime()) / 1000;
}

interface Props {
  readonly session: SessionDetail;
  readonly brandName: string | undefined;
  readonly zone: string;
  readonly link: (path: string) => string;
}

export function SessionHeader({ session, brandName, zone, link }: Props) {
  const { t, lang } = useI18n();
  return (
    <header className="page-header page-header--session">
      <div>
        <div className="title-row">
          <h1 className="page-title" data-testid="session-title">
            {session.title}
          </h1>
          {session.isLive ? (
            <>
              <LiveBadge />
              <span className="muted small" data-testid="auto-refresh" aria-live="polite">
                {t('autoRefresh')}
              </span>
              {session.countedUntil ? (
                <span className="muted small" data-testid="session-counted" title={t('countedUntilHint')}>
                  {t('countedUntil', { time: formatTime(session.countedUntil, zone, { seconds: true }) })}
                </span>
              ) : null}
              <Link to={link(sessionLivePath(session.id))} className="button button--small" data-testid="open-console">
                {t('openConsole')}
              </Link>
            </>
          ) : null}
        </div>
        <p className="meta">
          <Link to={link(commercerPath(session.commercer.id))} data-testid="session-commercer">
            {session.commercer.name}
          </Link>
          <KindBadge kind={session.commercer.kind} />
          <span className="meta__sep" aria-hidden="true">
            ·
          </span>
          <span>{session.platform}</span>
          {brandName ? (
            <>
              <span className="meta__sep" aria-hidden="true">
                ·
              </span>
              <span>{brandName}</span>
            </>
          ) : null}
        </p>
        <p className="meta muted" data-testid="session-times">
          {t('started', { at: formatDateTime(session.startedAt, zone, lang) })}
          {session.endedAt ? (
            <>
              {' · '}
              {t('ended', { at: formatDateTime(session.endedAt, zone, lang) })}
              {' · '}
              {formatDuration(durationSeconds(session.startedAt, session.endedAt), lang)}
            </>
          ) : (
            ` · ${t('stillRunning')}`
          )}
        </p>
      </div>
    </header>
  );
}

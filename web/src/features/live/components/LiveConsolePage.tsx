import { useEffect, useRef, useState, type RefObject } from 'react';
import { LiveBadge } from '../../../components/Badges';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StatusPanel';
import { formatInteger, formatTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { Link, sessionPath } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useScope } from '../../scope/scope';
import { serverNow } from '../live-console';
import { LazyLiveCurve } from '../live-charts.lazy';
import { useAlertBanner } from '../hooks/useAlertBanner';
import { MISSING_POLL_MS, useLiveSession, type LiveTransport } from '../hooks/useLiveSession';
import { useRecordRecap } from '../hooks/useRecordRecap';
import {
  AlertBanner,
  AlertsPanel,
  CommentQueue,
  NowVsBeforePanel,
  PinnedPanel,
  RecapPanel,
  WatchingPanel,
} from './ConsolePanels';

/** How often ages ("2 minutes ago") move on between pushes. */
const TICK_MS = 5000;

function useTick(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** When the data of `key` arrived, by this browser's clock. */
function useReceivedAt(key: string | undefined): number {
  const [received, setReceived] = useState(() => ({ key, at: Date.now() }));
  if (received.key !== key) {
    // Adjusting state during render (React's documented pattern) rather than in an effect: no frame shows the old time.
    const next = { key, at: Date.now() };
    setReceived(next);
    return next.at;
  }
  return received.at;
}

const TRANSPORT_TEXT = { push: 'pushLive', connecting: 'pushConnecting', lost: 'pushLost' } as const;

function TransportNotice({ transport }: { transport: LiveTransport | null }) {
  const { t } = useI18n();
  // Always rendered, so a screen reader hears the change when the connection drops or comes back.
  return (
    <p
      className={`console-transport console-transport--${transport ?? 'none'}`}
      role="status"
      data-testid="live-transport"
      data-transport={transport ?? 'none'}
    >
      {transport ? t(TRANSPORT_TEXT[transport]) : null}
    </p>
  );
}

/** The console alone on the screen: without the app's bar, as a studio monitor shows it. */
function FullScreenButton({ target }: { target: RefObject<HTMLElement | null> }) {
  const { t } = useI18n();
  const [full, setFull] = useState(() => typeof document !== 'undefined' && document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = (): void => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  if (typeof document === 'undefined' || !document.fullscreenEnabled) return null;
  const toggle = (): void => {
    const request = full ? document.exitFullscreen() : target.current?.requestFullscreen();
    void request?.catch(() => undefined);
  };
  return (
    <button type="button" className="console-tool" onClick={toggle} aria-pressed={full}>
      {full ? t('exitFullScreen') : t('fullScreen')}
    </button>
  );
}

export function LiveConsolePage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { zone, link, namedBrandId } = useScope();
  const { data, error, refetch, transport } = useLiveSession(id, namedBrandId);
  const session = data?.session ?? null;
  const live = session?.live ?? null;
  const banner = useAlertBanner(session, live);
  const recap = useRecordRecap(id, namedBrandId, () => void refetch().catch(() => undefined));
  const receivedAt = useReceivedAt(live?.at);
  const tick = useTick(TICK_MS);
  const root = useRef<HTMLDivElement>(null);
  // recharts loads while the first answer is on its way.
  useEffect(() => void LazyLiveCurve.preload(), []);
  useDocumentTitle(session ? `${t('consoleTitle')} · ${session.title}` : t('consoleTitle'));

  const sessionLink = (
    <Link to={link(sessionPath(id))} className="backlink" data-testid="console-session-link">
      {t('consoleBack')}
    </Link>
  );

  if (!data) {
    return (
      <div className="console console--plain">
        {sessionLink}
        {error ? (
          <ErrorState error={error} onRetry={() => void refetch().catch(() => undefined)} />
        ) : (
          <Skeleton kind="cards" count={4} />
        )}
      </div>
    );
  }
  if (!session) {
    return (
      <div className="console console--plain">
        <EmptyState testId="session-not-found" title={t('sessionNotFound')}>
          <p>{t('sessionNotFoundHint')}</p>
          {/* A status: the console turns into the session's as soon as it is found. */}
          <p role="status" data-testid="console-waiting">
            {t('consoleWaitingForSession', { seconds: String(MISSING_POLL_MS / 1000) })}
          </p>
        </EmptyState>
      </div>
    );
  }
  if (!session.isLive || !live) {
    return (
      <div className="console" data-testid="live-console">
        <h1 className="console-title">{session.title}</h1>
        {/* A status: a console watched through the end hears it. */}
        <div className="console-ended" data-testid="console-ended" role="status">
          <p className="console-ended__title">{t('consoleEnded')}</p>
          <p>{t('consoleEndedHint')}</p>
          <p>
            <Link to={link(sessionPath(id))} className="console-link-button" data-testid="console-ended-link">
              {t('consoleOpenSession')}
            </Link>
          </p>
        </div>
      </div>
    );
  }

  const now = serverNow(live.at, receivedAt, Math.max(tick, receivedAt));
  return (
    <div className="console" data-testid="live-console" ref={root}>
      <header className="console-header">
        <div className="console-header__title">
          <h1 className="console-title" data-testid="console-title">
            {session.title}
          </h1>
          <p className="console-meta">
            <LiveBadge />
            <span>{session.commercer.name}</span>
            <span aria-hidden="true">·</span>
            <span data-testid="console-minute">{t('consoleMinute', { minute: formatInteger(live.minute, lang) })}</span>
            {session.countedUntil ? (
              <>
                <span aria-hidden="true">·</span>
                <span data-testid="console-counted" title={t('countedUntilHint')}>
                  {t('countedUntil', { time: formatTime(session.countedUntil, zone, { seconds: true }) })}
                </span>
              </>
            ) : null}
          </p>
        </div>
        <div className="console-header__tools">
          <TransportNotice transport={transport} />
          <FullScreenButton target={root} />
          {sessionLink}
        </div>
      </header>
      {error ? <ErrorState error={error} onRetry={() => void refetch().catch(() => undefined)} /> : null}
      <AlertBanner shown={banner.shown} zone={zone} onDismiss={banner.dismiss} />
      <div className="console-grid">
        <WatchingPanel session={session} live={live} zone={zone} />
        <NowVsBeforePanel live={live} currency={session.currency} />
        <RecapPanel
          live={live}
          recaps={session.metrics.recaps}
          attempt={recap.attempt}
          busy={recap.busy}
          onRecord={() => void recap.record()}
        />
        <CommentQueue live={live} now={now} />
        <PinnedPanel session={session} live={live} now={now} zone={zone} />
        <AlertsPanel live={live} zone={zone} />
      </div>
    </div>
  );
}

import { Suspense, useState } from 'react';
import { formatDistance } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { ja } from 'date-fns/locale/ja';
import { Card } from '../../../components/Card';
import {
  formatChange,
  formatCurrency,
  formatDecimal,
  formatInteger,
  formatPercent,
  formatTime,
  MISSING,
  type Lang,
} from '../../../lib/format';
import { pluralKey, useI18n, type Translate } from '../../../lib/i18n';
import {
  ALERTS_SHOWN,
  alertKey,
  alertsNewestFirst,
  compareWindows,
  orderQueue,
  recentCurve,
  watchingNow,
  type Comparison,
  type LiveAlert,
  type LiveSession,
  type LiveState,
  type RecapAttempt,
} from '../live-console';
import { LazyLiveCurve } from '../live-charts.lazy';

const DATE_LOCALE = { en: enUS, ja } as const;

/** Banners up at once; older new alerts are counted on one line (AlertBanner). */
export const BANNERS_SHOWN = 3;

/** Comments listed on the screen at once; the rest are counted (the console asks for this many: live.queries.ts). */
const QUEUE_SHOWN = 5;

// ---- Watching now and its curve ----

export function WatchingPanel({ session, live, zone }: { session: LiveSession; live: LiveState; zone: string }) {
  const { t, lang } = useI18n();
  const now = watchingNow(session.minuteSeries, live.minute);
  const curve = recentCurve(session.minuteSeries, live.minute);
  const atOf = new Map(session.minuteSeries.map((p) => [p.minute, p.at]));
  return (
    <Card title={t('watchingNow')} className="console-panel console-panel--watching" testId="console-watching">
      <p className="console-hero">
        <span className="console-hero__value" data-testid="watching-now">
          {formatInteger(now, lang)}
        </span>
        <span className="console-hero__label">{t('watchingNowHint')}</span>
      </p>
      <h3 className="console-subtitle">{t('watchingCurve')}</h3>
      <div className="console-curve" role="img" aria-label={t('watchingCurve')} data-testid="watching-curve">
        <Suspense fallback={<div className="console-curve__placeholder" data-testid="chart-loading" />}>
          <LazyLiveCurve points={curve} atOf={atOf} zone={zone} />
        </Suspense>
      </div>
    </Card>
  );
}

// ---- Now vs before ----

const ARROW = { up: '▲', down: '▼', flat: '＝' } as const;

function changeWords(row: Comparison, t: Translate, lang: Lang): string {
  if (row.change === null || row.direction === null) return t('changeNone');
  const value = formatPercent(Math.abs(row.change), lang);
  if (row.direction === 'flat') return t('changeFlat');
  return row.direction === 'up' ? t('changeUp', { value }) : t('changeDown', { value });
}

function ChangeMark({ row }: { row: Comparison }) {
  const { t, lang } = useI18n();
  if (row.change === null || row.direction === null) {
    return (
      <span className="console-change" data-testid={`change-${row.measure}`} data-direction="none">
        <span aria-hidden="true">{MISSING}</span>
        <span className="sr-only">{changeWords(row, t, lang)}</span>
      </span>
    );
  }
  return (
    <span
      className={`console-change console-change--${row.direction}`}
      data-testid={`change-${row.measure}`}
      data-direction={row.direction}
    >
      <span aria-hidden="true">
        {ARROW[row.direction]} {formatPercent(Math.abs(row.change), lang)}
      </span>
      <span className="sr-only">{changeWords(row, t, lang)}</span>
    </span>
  );
}

export function NowVsBeforePanel({ live, currency }: { live: LiveState; currency: string }) {
  const { t, lang } = useI18n();
  const rows = compareWindows(live.nowVsBefore.last, live.nowVsBefore.before);
  const value = (row: Comparison): string =>
    row.measure === 'revenue' ? formatCurrency(row.value, currency, lang) : formatInteger(row.value, lang);
  return (
    <Card
      title={t('nowVsBefore')}
      hint={t('nowVsBeforeHint')}
      className="console-panel console-panel--compare"
      testId="console-compare"
    >
      <dl className="console-compare">
        {rows.map((row) => (
          <div key={row.measure} className="console-compare__row" data-testid={`compare-${row.measure}`}>
            <dt>{row.measure === 'watching' ? t('watching') : t(`kpi_${row.measure}`)}</dt>
            <dd className="console-compare__value" data-testid={`value-${row.measure}`}>
              {value(row)}
            </dd>
            <dd className="console-compare__change">
              <ChangeMark row={row} />
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

// ---- Unanswered comments ----

export function CommentQueue({ live, now }: { live: LiveState; now: Date }) {
  const { t, lang } = useI18n();
  const queue = orderQueue(live.unansweredComments);
  const shown = queue.slice(0, QUEUE_SHOWN);
  return (
    <Card
      title={`${t('queueTitle')} (${formatInteger(live.unansweredCount, lang)})`}
      hint={t('queueHint')}
      className="console-panel console-panel--queue"
      testId="console-queue"
    >
      {shown.length === 0 ? (
        <p className="console-empty" data-testid="queue-empty">
          {t('queueEmpty')}
        </p>
      ) : (
        <ol className="console-queue">
          {shown.map((c) => (
            <li
              key={c.eventId}
              className={c.question ? 'console-queue__item console-queue__item--question' : 'console-queue__item'}
              data-testid="queue-item"
              data-question={c.question}
            >
              {c.question ? <span className="console-tag">{t('question')}</span> : null}
              <span className="console-queue__text" data-testid="queue-text">
                {c.text || t('commentNoText')}
              </span>
              <span className="console-queue__meta">
                <span data-testid="queue-age">
                  {formatDistance(new Date(c.at), now, { addSuffix: true, locale: DATE_LOCALE[lang] })}
                </span>
                {' · '}
                <span className="mono">{c.viewerId}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
      {live.unansweredCount > shown.length ? (
        <p className="console-more">
          {t('queueMore', { count: formatInteger(live.unansweredCount - shown.length, lang) })}
        </p>
      ) : null}
    </Card>
  );
}

// ---- Waiting for a recap ----

interface RecapProps {
  readonly live: LiveState;
  readonly recaps: number;
  readonly attempt: RecapAttempt;
  readonly busy: boolean;
  readonly onRecord: () => void;
}

export function RecapPanel({ live, recaps, attempt, busy, onRecord }: RecapProps) {
  const { t, lang } = useI18n();
  const { viewers, minutesSinceRecap } = live.waitingForRecap;
  let label = t('recapButton');
  if (attempt.status === 'sending') label = t('recapSending');
  else if (attempt.status === 'failed') label = t('recapRetry');
  else if (attempt.status === 'recorded' && busy) label = `✓ ${t('recapRecorded')}`;
  return (
    <Card title={t('recapTitle')} className="console-panel console-panel--recap" testId="console-recap">
      {/* Read in order it is one sentence: "8 viewers waiting for a recap · 7 min since the last one". */}
      <p className="console-hero console-hero--small">
        <span className="console-hero__value" data-testid="recap-waiting">
          {formatInteger(viewers, lang)}
        </span>
        <span className="console-hero__label">{t(pluralKey(lang, 'recapWaiting', viewers))}</span>
      </p>
      <p className="console-line console-line--strong" data-testid="recap-since">
        {minutesSinceRecap === null
          ? t('recapNone')
          : t('recapSince', { minutes: formatInteger(minutesSinceRecap, lang) })}
      </p>
      <p className="console-line console-line--muted" data-testid="recap-count">
        {t('recapCount', { count: formatInteger(recaps, lang) })}
      </p>
      <button
        type="button"
        className="console-button"
        data-testid="record-recap"
        disabled={busy}
        aria-busy={attempt.status === 'sending'}
        onClick={onRecord}
      >
        {label}
      </button>
      <p className="console-line" role="status" aria-live="polite" data-testid="recap-status">
        {attempt.status === 'failed' ? (
          <span className="console-error">{t('recapFailed', { reason: attempt.reason })}</span>
        ) : null}
      </p>
    </Card>
  );
}

// ---- The product pinned now ----

export function PinnedPanel({
  session,
  live,
  now,
  zone,
}: {
  session: LiveSession;
  live: LiveState;
  now: Date;
  zone: string;
}) {
  const { t, lang } = useI18n();
  const pinned = live.pinned;
  if (!pinned) {
    return (
      <Card title={t('pinnedTitle')} className="console-panel console-panel--pinned" testId="console-pinned">
        <p className="console-empty" data-testid="pinned-none">
          {t('pinnedNone')}
        </p>
      </Card>
    );
  }
  const pinnedAtMs = Date.parse(session.startedAt) + pinned.since * 1000;
  const minutes = Math.max(0, Math.floor((now.getTime() - pinnedAtMs) / 60_000));
  const stats = [
    { key: 'clicks', label: t('pinnedClicks'), value: pinned.clicks },
    { key: 'cartAdds', label: t('kpi_cartAdds'), value: pinned.cartAdds },
    { key: 'orders', label: t('kpi_orders'), value: pinned.orders },
  ];
  return (
    <Card title={t('pinnedTitle')} className="console-panel console-panel--pinned" testId="console-pinned">
      <p className="console-product" data-testid="pinned-name">
        {pinned.productName || pinned.productId}
      </p>
      <p className="console-line console-line--muted">
        {t('pinnedSince', {
          time: formatTime(new Date(pinnedAtMs).toISOString(), zone),
          minutes: formatInteger(minutes, lang),
        })}
      </p>
      <dl className="console-stats">
        {stats.map((s) => (
          <div key={s.key} className="console-stats__item">
            <dt>{s.label}</dt>
            <dd data-testid={`pinned-${s.key}`}>{formatInteger(s.value, lang)}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

// ---- Alerts ----

function AlertWhen({ alert, zone }: { alert: Pick<LiveAlert, 'minute' | 'at'>; zone: string }) {
  const { t } = useI18n();
  return <>{t('alertAt', { minute: String(alert.minute), time: formatTime(alert.at, zone) })}</>;
}

/** A whole count as it is, a median of two counts with its half: 4 → "4", 3.5 → "3.5". */
const formatCount = (value: number, lang: Lang): string =>
  Number.isInteger(value) ? formatInteger(value, lang) : formatDecimal(value, 1, lang);

/** What raised the alert, in words (the API's fields of its kind: docs/METRICS-DECISIONS.md L-15). */
export function alertDetail(alert: LiveAlert, t: Translate, lang: Lang): string {
  switch (alert.kind) {
    case 'viewer_drop': {
      const [now, before] = [alert.watching ?? 0, alert.watchingBefore ?? 0];
      return t('alertDetail_viewer_drop', {
        before: formatInteger(before, lang),
        now: formatInteger(now, lang),
        change: before > 0 ? formatChange((now - before) / before, lang) : MISSING,
      });
    }
    case 'chat_spike':
      return t('alertDetail_chat_spike', {
        comments: formatInteger(alert.comments ?? 0, lang),
        usual: formatCount(alert.usualComments ?? 0, lang),
      });
    case 'question_waiting':
      return alert.question
        ? t('alertDetail_question_waiting', { text: alert.question.text, viewer: alert.question.viewerId })
        : '';
    case 'recap_due':
      return alert.minutesSinceRecap === null || alert.minutesSinceRecap === undefined
        ? t('alertDetail_recap_due_first', { waiting: formatInteger(alert.waiting ?? 0, lang) })
        : t('alertDetail_recap_due', {
            waiting: formatInteger(alert.waiting ?? 0, lang),
            minutes: formatInteger(alert.minutesSinceRecap, lang),
          });
  }
}

export function AlertsPanel({ live, zone }: { live: LiveState; zone: string }) {
  const { t, lang } = useI18n();
  const [showAll, setShowAll] = useState(false);
  const alerts = alertsNewestFirst(live.alerts);
  const listed = showAll ? alerts : alerts.slice(0, ALERTS_SHOWN);
  return (
    <Card
      title={`${t('alertsTitle')} (${alerts.length})`}
      className="console-panel console-panel--alerts"
      testId="console-alerts"
    >
      {alerts.length === 0 ? (
        <p className="console-empty">{t('alertsEmpty')}</p>
      ) : (
        <>
          <ol className="console-alerts">
            {listed.map((a) => (
              <li
                key={alertKey(a)}
                className={`console-alerts__item console-alerts__item--${a.kind}`}
                data-testid="alert-item"
                data-kind={a.kind}
              >
                <span className="console-alerts__kind">{t(`alert_${a.kind}`)}</span>
                <span className="console-alerts__when">
                  <AlertWhen alert={a} zone={zone} />
                </span>
                <span className="console-alerts__detail" data-testid="alert-detail">
                  {alertDetail(a, t, lang)}
                </span>
              </li>
            ))}
          </ol>
          {alerts.length > ALERTS_SHOWN ? (
            <button
              type="button"
              className="console-alerts__more"
              onClick={() => setShowAll(!showAll)}
              aria-expanded={showAll}
              data-testid="alerts-toggle"
            >
              {showAll
                ? t('alertsShowFewer', { count: String(ALERTS_SHOWN) })
                : t('alertsShowAll', { count: String(alerts.length) })}
            </button>
          ) : null}
        </>
      )}
    </Card>
  );
}

interface BannerProps {
  readonly shown: readonly { key: string; alert: LiveAlert }[];
  readonly zone: string;
  readonly onDismiss: (key?: string) => void;
}

/**
 * New alerts, each once: up for a minute or until dismissed. The newest BANNERS_SHOWN are up; older
 * new ones are counted on a line of their own (a busy chat can raise a question alert every few
 * seconds, and a wall of banners would push the console off a studio screen), every one stays in the
 * list below. The region is always there so screen readers hear each addition.
 */
export function AlertBanner({ shown, zone, onDismiss }: BannerProps) {
  const { t, lang } = useI18n();
  const up = shown.slice(-BANNERS_SHOWN);
  const more = shown.length - up.length;
  return (
    <div className="console-banner-region" role="alert" aria-atomic="false" data-testid="alert-banner">
      {shown.length > 0 ? (
        <ul className="console-banner" aria-label={t('alertsBanner')}>
          {up.map(({ key, alert: a }) => (
            <li key={key} className={`console-banner__item console-banner__item--${a.kind}`} data-kind={a.kind}>
              <span className="console-banner__icon" aria-hidden="true">
                !
              </span>
              <span className="console-banner__text" title={t(`alertHint_${a.kind}`)}>
                <strong>{t(`alert_${a.kind}`)}</strong>
                <span className="console-banner__when">
                  <AlertWhen alert={a} zone={zone} /> — {alertDetail(a, t, lang)}
                </span>
              </span>
              <button
                type="button"
                className="console-banner__dismiss"
                onClick={() => onDismiss(key)}
                data-testid="alert-dismiss"
              >
                {t('dismiss')}
              </button>
            </li>
          ))}
          {more > 0 ? (
            <li className="console-banner__item console-banner__item--more" data-testid="alert-banner-more">
              <span className="console-banner__text">
                {t(pluralKey(lang, 'alertsBannerMore', more), {
                  count: formatInteger(more, lang),
                })}
              </span>
              <button
                type="button"
                className="console-banner__dismiss"
                onClick={() => onDismiss()}
                data-testid="alert-dismiss-all"
              >
                {t('dismissAll')}
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}

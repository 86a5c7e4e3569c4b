import { useQuery } from '@apollo/client/react';
import { SessionCostCard } from '../../commercers/components/CostEditors';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ratio } from '@lc/contract/kpi';
import { BarList } from '../../../components/BarList';
import { Card } from '../../../components/Card';
import { ChartFrame } from '../../../components/ChartFrame';
import { StampsCard } from '../../../components/StampsCard';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StatusPanel';
import { COLORS } from '../../../lib/chart-colors';
import { formatDuration, formatInteger, formatPercent } from '../../../lib/format';
import type { SessionAnnotationsQuery } from '../../../gql/graphql';
import { useI18n } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useScope } from '../../scope/scope';
import { SessionMerchandise } from '../../merchandise/components/SessionMerchandise';
import { SESSION_MERCHANDISE_QUERY } from '../../merchandise/merchandise.queries';
import { runSheetBands, type TimelineBand } from '../../merchandise/run-sheet';
import {
  SESSION_ANNOTATIONS_QUERY,
  SESSION_BENCHMARKS_QUERY,
  SESSION_QUERY,
  SESSION_SERIES_QUERY,
} from '../queries/sessions.query';
import { benchmarksByKpi } from '../benchmark';
import { KpiGrid } from './KpiGrid';
import { LazyRetentionChart, LazyTimelineChart, preloadSessionCharts } from './charts.lazy';
import type { TimelineMarker } from './SessionCharts';
import { RetentionTable, TimelineTable } from './SessionTables';
import { SessionHeader, type SessionDetail } from './SessionHeader';
import { minutesFromStart, SessionNotes } from './SessionNotes';

/** How often a live session's numbers are fetched again. */
export const LIVE_POLL_MS = 2000;
/** The run-sheet, products and sources of a live session are fetched again every 5 × LIVE_POLL_MS. */
const MERCHANDISE_POLL_FACTOR = 5;

/** What the timeline is given before (or without) notes and pins: one value, so it is not drawn again. */
const NO_NOTES: NonNullable<SessionAnnotationsQuery['session']>['annotations'] = [];
const NO_MARKERS: readonly TimelineMarker[] = [];
const NO_BANDS: readonly TimelineBand[] = [];

const retryWith = (refetch: () => Promise<unknown>) => (): void => void refetch().catch(() => undefined);

function SessionSeries({ session, poll }: { session: SessionDetail; poll: number }) {
  const { t, lang } = useI18n();
  const { zone } = useScope();
  // the session of the detail's brand: another brand of the token may have a session of the same id
  const variables = { id: session.id, brandId: session.brandId };
  const series = useQuery(SESSION_SERIES_QUERY, { variables, pollInterval: poll });
  // Annotations are their own request: a server without them still draws the timeline.
  const notes = useQuery(SESSION_ANNOTATIONS_QUERY, { variables, pollInterval: poll });
  // Products, run-sheet and sources: their own request too; the timeline draws the pins from it. While
  // live it is asked less often than the numbers: the embedded engine answers one query at a time, and
  // a pin changes far less often than the audience does.
  const merchandise = useQuery(SESSION_MERCHANDISE_QUERY, {
    variables,
    pollInterval: poll * MERCHANDISE_POLL_FACTOR,
  });
  // The minute of the note being written: typed in the form or picked by a click on the timeline.
  const [noteMinute, setNoteMinute] = useState('0');
  const pickMinute = useCallback((minute: number) => setNoteMinute(String(minute)), []);
  // The timeline's props keep their identity while their data does (TimelineChart is memoised): an
  // answer to another request (costs, benchmarks) must not draw the chart again.
  const annotations = notes.data?.session?.annotations ?? NO_NOTES;
  const markers = useMemo(
    () =>
      annotations.length === 0
        ? NO_MARKERS
        : annotations.map((a) => ({ minute: minutesFromStart(session.startedAt, a.at), label: a.text })),
    [annotations, session.startedAt],
  );
  const pins = merchandise.data?.session?.pinSegments;
  const bands = useMemo(() => (pins && pins.length > 0 ? runSheetBands(pins) : NO_BANDS), [pins]);
  const data = series.data?.session;
  if (!data) {
    return series.error ? (
      <ErrorState error={series.error} onRetry={retryWith(series.refetch)} />
    ) : (
      <Skeleton kind="chart" count={2} />
    );
  }
  const { funnel, joinerComparison: joiners } = data;
  const share = (n: number): number | null => ratio(n, funnel.viewers);
  const { metrics } = session;

  return (
    <>
      <ChartFrame
        name="timeline"
        title={t('timeline')}
        hint={bands.length > 0 ? `${t('timelineHint')} · ${t('timelineBandsHint')}` : t('timelineHint')}
        chart={
          <LazyTimelineChart
            points={data.minuteSeries}
            moments={data.moments}
            annotations={markers}
            bands={bands}
            zone={zone}
            onMinuteClick={pickMinute}
          />
        }
        table={<TimelineTable points={data.minuteSeries} zone={zone} />}
      />
      <SessionNotes
        session={session}
        notes={annotations}
        error={notes.error}
        zone={zone}
        lastMinute={session.isLive ? null : Math.max(0, data.minuteSeries.length - 1)}
        minute={noteMinute}
        onMinuteChange={setNoteMinute}
      />
      <SessionMerchandise
        sessionId={session.id}
        brandId={session.brandId}
        data={merchandise.data}
        error={merchandise.error}
        onRetry={retryWith(merchandise.refetch)}
      />
      <div className="grid-2">
        <ChartFrame
          name="retention"
          title={t('retention')}
          hint={t('retentionHint')}
          chart={<LazyRetentionChart points={data.retention} />}
          table={<RetentionTable points={data.retention} />}
        />
        <Card title={t('funnel')}>
          <BarList
            testId="funnel"
            color={COLORS.blue}
            items={[
              { key: 'viewers', label: t('funnelViewers'), n: funnel.viewers },
              { key: 'engaged', label: t('funnelEngaged'), n: funnel.engaged },
              { key: 'cart', label: t('funnelCart'), n: funnel.cartAdders },
              { key: 'buyers', label: t('funnelBuyers'), n: funnel.buyers },
            ].map((step) => ({
              key: step.key,
              label: step.label,
              fraction: share(step.n) ?? 0,
              value: formatInteger(step.n, lang),
              note: t('ofViewers', { value: formatPercent(share(step.n), lang) }),
            }))}
          />
        </Card>
      </div>
      <div className="grid-3">
        <Card title={t('lateVsEarly')} testId="joiners">
          <p className="muted small">{t('lateVsEarlyHint')}</p>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col" className="num">
                  {t('early')}
                </th>
                <th scope="col" className="num">
                  {t('late')}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('viewers')}</th>
                <td className="num" data-testid="early-viewers">
                  {formatInteger(joiners.early.viewers, lang)}
                </td>
                <td className="num" data-testid="late-viewers">
                  {formatInteger(joiners.late.viewers, lang)}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('kpi_avgWatchSeconds')}</th>
                <td className="num">{formatDuration(joiners.early.avgWatchSeconds, lang)}</td>
                <td className="num">{formatDuration(joiners.late.avgWatchSeconds, lang)}</td>
              </tr>
              <tr>
                <th scope="row">{t('kpi_engagementRate')}</th>
                <td className="num">{formatPercent(joiners.early.engagementRate, lang)}</td>
                <td className="num">{formatPercent(joiners.late.engagementRate, lang)}</td>
              </tr>
              <tr>
                <th scope="row">{t('kpi_conversionRate')}</th>
                <td className="num" data-testid="early-conversion">
                  {formatPercent(joiners.early.conversionRate, lang)}
                </td>
                <td className="num" data-testid="late-conversion">
                  {formatPercent(joiners.late.conversionRate, lang)}
                </td>
              </tr>
            </tbody>
          </table>
        </Card>
        <StampsCard stamps={data.stamps} testId="stamps" />
        <Card title={t('commentResponse')} testId="comment-response">
          {metrics.comments === 0 ? (
            <p className="muted">{t('noComments')}</p>
          ) : (
            <dl className="facts">
              <dt>{t('responseRate')}</dt>
              <dd data-testid="response-rate">{formatPercent(metrics.commentResponseRate, lang)}</dd>
              <dt>{t('kpi_medianResponseSeconds')}</dt>
              <dd data-testid="response-median">{formatDuration(metrics.medianResponseSeconds, lang)}</dd>
              <dt>{t('kpi_comments')}</dt>
              <dd>{formatInteger(metrics.comments, lang)}</dd>
            </dl>
          )}
        </Card>
      </div>
    </>
  );
}

export function SessionPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { brands, zone, link, namedBrandId } = useScope();
  const [live, setLive] = useState(false);
  const poll = live ? LIVE_POLL_MS : 0;
  const { data, error, refetch } = useQuery(SESSION_QUERY, {
    variables: { id, brandId: namedBrandId },
    pollInterval: poll,
  });
  // After mount, so compiling recharts cannot hold back the commit that sends the query.
  useEffect(() => void preloadSessionCharts(), []);
  const isLive = data?.session?.isLive ?? false;
  // A live session has no benchmark yet (P-1): asked once it has ended, never polled.
  const benchmarks = useQuery(SESSION_BENCHMARKS_QUERY, {
    variables: { id, brandId: data?.session?.brandId ?? null },
    skip: !data?.session || isLive,
  });
  // Polling starts when the session turns out to be live and stops once its end arrives.
  useEffect(() => setLive(isLive), [isLive]);
  useDocumentTitle(data?.session?.title ?? t('colSession'));

  const back = (
    <Link to={link('/')} className="backlink" data-testid="back-to-overview">
      {t('allSessions')}
    </Link>
  );

  if (!data) {
    return (
      <>
        {back}
        {error ? <ErrorState error={error} onRetry={retryWith(refetch)} /> : <Skeleton kind="cards" count={6} />}
      </>
    );
  }

  const { session } = data;
  if (!session) {
    return (
      <>
        {back}
        <EmptyState testId="session-not-found" title={t('sessionNotFound')}>
          <p>{t('sessionNotFoundHint')}</p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {back}
      <SessionHeader
        session={session}
        brandName={brands.find((b) => b.id === session.brandId)?.name}
        zone={zone}
        link={link}
      />
      {error ? <ErrorState error={error} onRetry={retryWith(refetch)} /> : null}
      <SessionSeries session={session} poll={poll} />
      <SessionCostCard sessionId={session.id} brandId={session.brandId} currency={session.currency} />
      <details className="card" open data-testid="kpi-details">
        <summary className="card__title">{t('kpiDetails')}</summary>
        <KpiGrid
          metrics={session.metrics}
          currency={session.currency}
          benchmarks={benchmarksByKpi(benchmarks.data?.session?.metrics.benchmarks)}
        />
      </details>
    </>
  );
}

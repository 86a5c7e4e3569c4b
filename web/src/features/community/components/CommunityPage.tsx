import { useQuery } from '@apollo/client/react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '../../../components/Card';
import { ChartFrame } from '../../../components/ChartFrame';
import { ChartLegend } from '../../../components/ChartLegend';
import { KpiCard } from '../../../components/KpiCard';
import { stampLabel } from '../../../components/StampsCard';
import { PeriodHeading } from '../../../components/PeriodHeading';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StatusPanel';
import type { CommunityQuery } from '../../../gql/graphql';
import { AXIS_TICK, COLORS, GRID_STROKE, SERIES } from '../../../lib/chart-colors';
import { formatDay, formatInteger, formatPercent } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useScope } from '../../scope/scope';
import { TableCsvDownload } from '../../export/TableCsvDownload';
import { heatmapCell } from '../cohort-heatmap';
import { COMMUNITY_QUERY } from '../community.queries';
import { cohortsCsv, newVsReturningCsv, regularsCsv, stampsCsv } from '../community-csv';

type Community = CommunityQuery['community'];

/** Stamp names across commercers, most used first, so colours and columns line up. */
export function stampNames(rows: Community['stamps']): string[] {
  const totals = new Map<string, number>();
  for (const row of rows) for (const s of row.stamps) totals.set(s.stamp, (totals.get(s.stamp) ?? 0) + s.likes);
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}

/** Weeks the period covers only in part come marked by the API (`partial`, `returningPartial`). */
function CohortHeatmap({ cohorts }: { cohorts: Community['cohorts'] }) {
  const { t, lang } = useI18n();
  const weeks = Math.max(0, ...cohorts.map((c) => c.returning.length));
  return (
    <table className="table table--compact heatmap" data-testid="cohort-heatmap">
      <thead>
        <tr>
          <th scope="col">{t('cohortWeek')}</th>
          <th scope="col" className="num">
            {t('cohortSize')}
          </th>
          {Array.from({ length: weeks }, (_, i) => (
            <th scope="col" className="num" key={i}>
              {t('weekN', { n: i + 1 })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cohorts.map((c) => (
          <tr key={c.week} data-testid={`cohort-${c.week}`}>
            <th scope="row">
              {formatDay(c.week, lang)}
              {c.partial && (
                <span className="heatmap__partial" title={t('partialWeek')} data-testid="partial-week">
                  {' '}
                  *
                </span>
              )}
            </th>
            <td className="num">{formatInteger(c.size, lang)}</td>
            {Array.from({ length: weeks }, (_, i) => {
              const share = c.returning[i];
              if (share === undefined) return <td key={i} />;
              if (c.returningPartial[i]) {
                // Not a drop: the period ends (or starts) inside that week. Uncoloured, and said so.
                return (
                  <td
                    key={i}
                    className="num heatmap__cell--partial"
                    title={t('partialWeek')}
                    data-testid="partial-week"
                  >
                    {formatPercent(share, lang)} *
                  </td>
                );
              }
              const { background, dark } = heatmapCell(share);
              return (
                // The percentage stays printed so colour is never the only cue.
                <td
                  key={i}
                  className={dark ? 'num heatmap__cell heatmap__cell--dark' : 'num heatmap__cell'}
                  style={{ background }}
                >
                  {formatPercent(share, lang)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CommunityPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('communityTitle'));
  const { brand, period } = useScope();
  const { data, error, refetch } = useQuery(COMMUNITY_QUERY, { variables: { brandId: brand.id, period } });
  const community = data?.community;

  if (!community) {
    return (
      <>
        <PeriodHeading title={t('communityTitle')} />
        {error ? (
          <ErrorState error={error} onRetry={() => void refetch().catch(() => undefined)} />
        ) : (
          <Skeleton kind="chart" count={2} />
        )}
      </>
    );
  }

  const stamps = stampNames(community.stamps);
  const stampRows = community.stamps.map((row) => ({
    name: row.commercer.name,
    ...Object.fromEntries(row.stamps.map((s) => [s.stamp, s.likes])),
  }));

  return (
    <>
      <PeriodHeading title={t('communityTitle')} />
      <div className="kpi-grid kpi-grid--wide" data-testid="community-kpis">
        <KpiCard
          name="uniqueViewers"
          label={t('kpi_uniqueViewers')}
          value={formatInteger(community.uniqueViewers, lang)}
        />
        <KpiCard
          name="returningViewers"
          label={t('kpi_returningViewers')}
          value={formatInteger(community.returningViewers, lang)}
        />
        <KpiCard
          name="returningRate"
          label={t('kpi_returningRate')}
          value={formatPercent(community.returningRate, lang)}
        />
        <KpiCard name="regulars" label={t('kpi_regulars')} value={formatInteger(community.regularsCount, lang)} />
      </div>
      <ChartFrame
        name="new-returning"
        title={t('newVsReturning')}
        actions={<TableCsvDownload table="new-returning" build={() => newVsReturningCsv(community.daily)} />}
        chart={
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={[...community.daily]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
              <CartesianGrid vertical={false} stroke={GRID_STROKE} />
              <XAxis dataKey="date" tick={AXIS_TICK} tickFormatter={(d: string) => formatDay(d, lang, true)} />
              <YAxis tick={AXIS_TICK} allowDecimals={false} width={40} />
              <Tooltip
                labelFormatter={(d) => formatDay(String(d), lang)}
                formatter={(v, key) => [
                  formatInteger(Number(v), lang),
                  key === 'newViewers' ? t('kpi_newViewers') : t('kpi_returningViewers'),
                ]}
              />
              <Legend
                content={({ payload }) => (
                  <ChartLegend
                    payload={payload}
                    label={(key) => (key === 'newViewers' ? t('kpi_newViewers') : t('kpi_returningViewers'))}
                  />
                )}
              />
              <Bar dataKey="returningViewers" stackId="v" fill={COLORS.blue} isAnimationActive={false} />
              <Bar dataKey="newViewers" stackId="v" fill={COLORS.orange} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('colDate')}</th>
                <th scope="col" className="num">
                  {t('kpi_newViewers')}
                </th>
                <th scope="col" className="num">
                  {t('kpi_returningViewers')}
                </th>
              </tr>
            </thead>
            <tbody>
              {community.daily.map((d) => (
                <tr key={d.date}>
                  <td>{formatDay(d.date, lang)}</td>
                  <td className="num">{formatInteger(d.newViewers, lang)}</td>
                  <td className="num">{formatInteger(d.returningViewers, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <Card
        title={t('cohorts')}
        hint={t('cohortsHint')}
        actions={<TableCsvDownload table="cohorts" build={() => cohortsCsv(community.cohorts)} />}
      >
        {community.cohorts.length === 0 ? (
          <p className="muted">{t('noCohorts')}</p>
        ) : (
          <div className="table-scroll">
            <CohortHeatmap cohorts={community.cohorts} />
            <p className="muted small">* {t('partialWeek')}</p>
          </div>
        )}
      </Card>
      <div className="grid-2">
        <Card
          title={t('kpi_regulars')}
          hint={t('regularsHint')}
          actions={<TableCsvDownload table="regulars" build={() => regularsCsv(community.regulars)} />}
        >
          {community.regulars.length === 0 ? (
            <EmptyState testId="regulars-empty" title={t('noRegulars')} />
          ) : (
            <table className="table table--compact" data-testid="regulars">
              <thead>
                <tr>
                  <th scope="col">{t('viewerId')}</th>
                  <th scope="col" className="num">
                    {t('sessionsWatched')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {community.regulars.slice(0, 20).map((r) => (
                  <tr key={r.viewerId}>
                    <td className="mono">{r.viewerId}</td>
                    <td className="num">{formatInteger(r.sessions, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        {stamps.length === 0 ? (
          <Card title={t('stampsByCommercer')}>
            <p className="muted">{t('noStamps')}</p>
          </Card>
        ) : (
          <ChartFrame
            name="stamps-by-commercer"
            title={t('stampsByCommercer')}
            actions={<TableCsvDownload table="stamps" build={() => stampsCsv(community.stamps, stamps)} />}
            chart={
              <ResponsiveContainer width="100%" height={Math.max(160, stampRows.length * 36 + 60)}>
                <BarChart data={stampRows} layout="vertical" margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                  <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
                  <XAxis type="number" tick={AXIS_TICK} allowDecimals={false} />
                  <YAxis type="category" dataKey="name" tick={AXIS_TICK} width={110} />
                  <Tooltip formatter={(v, key) => [formatInteger(Number(v), lang), stampLabel(String(key), t)]} />
                  <Legend
                    content={({ payload }) => <ChartLegend payload={payload} label={(key) => stampLabel(key, t)} />}
                  />
                  {stamps.map((s, i) => (
                    <Bar key={s} dataKey={s} stackId="s" fill={SERIES[i % SERIES.length]} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            }
            table={
              <table className="table table--compact" data-testid="stamps-table">
                <thead>
                  <tr>
                    <th scope="col">{t('colCommercer')}</th>
                    {stamps.map((s) => (
                      <th scope="col" className="num" key={s}>
                        {stampLabel(s, t)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {community.stamps.map((row) => (
                    <tr key={row.commercer.id}>
                      <th scope="row">{row.commercer.name}</th>
                      {stamps.map((s) => (
                        <td className="num" key={s}>
                          {formatInteger(row.stamps.find((x) => x.stamp === s)?.likes ?? 0, lang)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        )}
      </div>
    </>
  );
}

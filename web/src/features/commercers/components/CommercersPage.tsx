import { useQuery } from '@apollo/client/react';
import { KindBadge } from '../../../components/Badges';
import { Card } from '../../../components/Card';
import { PeriodHeading } from '../../../components/PeriodHeading';
import { SelectField } from '../../../components/SelectField';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StatusPanel';
import type { CommercerSortField, CommercersQuery } from '../../../gql/graphql';
import { formatChange } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { commercerPath, Link, updateSearch, useLocation } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { CsvDownload } from '../../export/CsvDownload';
import { formatPeriodKpi, kpiLabel, relativeChange } from '../../overview/period-kpis';
import { useScope } from '../../scope/scope';
import { COMMERCERS_QUERY } from '../commercers.queries';
import { formatMultiple } from '../../../lib/format';
import { formatPoints, KindComparisonPanel, otherCurrencyNote } from './KindComparisonPanel';
import {
  FIGURE_COLUMNS,
  LEADERBOARD_COLUMNS,
  nextSort,
  parseLeaderboardParams,
  toggleCompare,
  type LeaderboardParams,
} from '../commercer-table';

type Row = CommercersQuery['commercers'][number];

function CompareTable({ rows, currency }: { rows: readonly Row[]; currency: string }) {
  const { t, lang } = useI18n();
  return (
    <Card title={t('compareSelected', { count: rows.length })} testId="compare-panel">
      <div className="table-scroll">
        <table className="table table--compact compare">
          <thead>
            <tr>
              <th scope="col" />
              {rows.map((r) => (
                <th scope="col" className="num" key={r.commercer.id}>
                  {r.commercer.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {LEADERBOARD_COLUMNS.map((name) => {
              const values = rows.map((r) => r.metrics[name] ?? null);
              const max = Math.max(0, ...values.filter((v): v is number => v !== null));
              return (
                <tr key={name} data-testid={`compare-row-${name}`}>
                  <th scope="row">{t(kpiLabel(name))}</th>
                  {rows.map((r, i) => {
                    const v = values[i];
                    const best = v !== null && v === max && max > 0;
                    return (
                      <td key={r.commercer.id} className={best ? 'num compare__best' : 'num'}>
                        <span className="compare__value">{formatPeriodKpi(name, v, currency, lang)}</span>
                        <span className="compare__bar" aria-hidden="true">
                          <span style={{ width: `${max > 0 && v !== null ? (v / max) * 100 : 0}%` }} />
                        </span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function SortHeader({
  column,
  params,
  label,
}: {
  column: CommercerSortField;
  params: LeaderboardParams;
  label: string;
}) {
  const { t } = useI18n();
  const active = params.sortBy === column;
  return (
    <th
      scope="col"
      className="num"
      aria-sort={active ? (params.direction === 'ASC' ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className="sort-button"
        data-testid={`sort-${column}`}
        title={t('sortBy', { name: label })}
        onClick={() => updateSearch(nextSort(params, column))}
      >
        {label}
        <span aria-hidden="true">{active ? (params.direction === 'ASC' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

export function CommercersPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('commercersTitle'));
  const { search } = useLocation();
  const { brand, period, filters, link } = useScope();
  const params = parseLeaderboardParams(search);
  const { data, error, refetch } = useQuery(COMMERCERS_QUERY, {
    variables: {
      brandId: brand.id,
      period,
      kind: params.kind,
      sortBy: params.sortBy,
      direction: params.direction,
      compare: filters.compare,
    },
  });
  const rows = data?.commercers ?? [];
  const compared = params.compareIds
    .map((id) => rows.find((r) => r.commercer.id === id))
    .filter((r): r is Row => r !== undefined);

  return (
    <>
      <PeriodHeading title={t('commercersTitle')} />
      <div className="toolbar">
        <SelectField
          label={t('colKind')}
          testId="kind-filter"
          value={params.kind ?? ''}
          options={[
            { value: '', label: t('kindAll') },
            { value: 'professional', label: t('professional') },
            { value: 'in_house', label: t('in_house') },
          ]}
          onChange={(kind) => updateSearch({ kind: kind || null })}
        />
        <span className="muted small">{t('compareHint')}</span>
        {params.compareIds.length > 0 ? (
          <button type="button" className="button button--small" onClick={() => updateSearch({ cmp: null })}>
            {t('clearSelection')}
          </button>
        ) : null}
        <CsvDownload kind="commercers" />
      </div>
      {!data ? (
        error ? (
          <ErrorState error={error} onRetry={() => void refetch().catch(() => undefined)} />
        ) : (
          <Skeleton kind="table" count={5} />
        )
      ) : rows.length === 0 ? (
        <EmptyState testId="commercers-empty" title={t('noCommercers')} />
      ) : (
        <>
          {compared.length >= 2 ? <CompareTable rows={compared} currency={brand.currency} /> : null}
          <section className="card card--flush">
            <div className="table-scroll">
              <table className="table table--sticky leaderboard" data-testid="leaderboard">
                <thead>
                  <tr>
                    <th scope="col">{t('compare')}</th>
                    <th scope="col">{t('colCommercer')}</th>
                    <th scope="col">{t('colKind')}</th>
                    {LEADERBOARD_COLUMNS.map((c) => (
                      <SortHeader key={c} column={c} params={params} label={t(kpiLabel(c))} />
                    ))}
                    {FIGURE_COLUMNS.map((c) => (
                      <SortHeader key={c} column={c} params={params} label={t(`kpi_${c}`)} />
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.commercer.id} data-testid={`commercer-row-${r.commercer.id}`}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${t('compare')}: ${r.commercer.name}`}
                          data-testid={`compare-${r.commercer.id}`}
                          checked={params.compareIds.includes(r.commercer.id)}
                          onChange={() =>
                            updateSearch({ cmp: toggleCompare(params.compareIds, r.commercer.id).join(',') || null })
                          }
                        />
                      </td>
                      <td className="nowrap">
                        <Link to={link(commercerPath(r.commercer.id))} data-testid="cell-name">
                          {r.commercer.name}
                        </Link>
                      </td>
                      <td>
                        <KindBadge kind={r.commercer.kind} />
                      </td>
                      {LEADERBOARD_COLUMNS.map((c) => {
                        const change = filters.compare ? relativeChange(r.metrics[c], r.previous?.[c]) : null;
                        return (
                          <td key={c} className="num" data-testid={`cell-${c}`}>
                            <span className="cell-value">{formatPeriodKpi(c, r.metrics[c], brand.currency, lang)}</span>
                            {change !== null ? (
                              <span className={`cell-change ${change < 0 ? 'cell-change--down' : ''}`}>
                                {formatChange(change, lang)}
                              </span>
                            ) : null}
                          </td>
                        );
                      })}
                      <td
                        className="num"
                        data-testid="cell-roas"
                        title={otherCurrencyNote(r.costs, t, lang) ?? undefined}
                      >
                        {formatMultiple(r.costs.roas, lang)}
                        {r.costs.costsInOtherCurrencies.length > 0 ? <span aria-hidden="true"> *</span> : null}
                      </td>
                      <td className="num" data-testid="cell-engagementVsExpected">
                        {formatPoints(r.engagementVsExpected, lang)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <KindComparisonPanel />
        </>
      )}
    </>
  );
}

import { Injectable } from '@nestjs/common';
import { addDays, localDay } from '@lc/contract';
import { toClickHouseTime, type Brand } from '@lc/clickhouse';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import { previousPeriod, resolvePeriod, type Period, type PeriodInput } from '../../common/period.input.js';
import { periodMetricsOf, sumsOf, type PeriodMetricValues } from '../../metrics/period-metric.definitions.js';
import { PeriodRepository, type PeriodScope, type PeriodTotalsRow } from '../../repositories/period.repository.js';
import type { Principal } from '../auth/principal.js';
import type { DailyPointDto } from './dtos/period-metrics.dto.js';
import type { ProductDto, TrafficSourceDto } from '../sessions/dtos/merchandise.dto.js';
import { toProductDto, toTrafficSourceDto } from '../sessions/session.service.js';

/** What a period's merchandise fields need from their parent: the scope and the brand's currency. */
export interface MerchandiseScope {
  scope: PeriodScope;
  brandCurrency: string;
}

/** A period's products page shows at most this many rows. */
export const MAX_PERIOD_PRODUCTS = 500;

export interface ResolvedScope {
  brand: Brand;
  period: Period;
  scope: PeriodScope;
}

/** Every calendar day the period touches in its zone, first to last. */
export function daysOf(period: Period): string[] {
  const last = localDay(new Date(period.to.getTime() - 1), period.timeZone);
  const days = [localDay(period.from, period.timeZone)];
  while (days[days.length - 1] < last) days.push(addDays(days[days.length - 1], 1));
  return days;
}

export function scopeOf(
  brand: Brand,
  period: Period,
  extra: { commercerId?: string | null; kind?: string | null } = {},
): PeriodScope {
  return {
    brandId: brand.id,
    from: toClickHouseTime(period.from),
    to: toClickHouseTime(period.to),
    timeZone: period.timeZone,
    commercerId: extra.commercerId ?? null,
    kind: extra.kind ?? null,
  };
}

/** A share link opens its own period only: other dates or another zone are refused (decision A-4). */
export function assertSharedPeriod(shared: Period, asked: Period): void {
  if (
    shared.from.getTime() !== asked.from.getTime() ||
    shared.to.getTime() !== asked.to.getTime() ||
    shared.timeZone !== asked.timeZone
  )
    throw new ApiException(
      ApiErrorCode.FORBIDDEN,
      `this share link opens only ${shared.from.toISOString()} – ${shared.to.toISOString()} (${shared.timeZone})`,
      'period',
    );
}

@Injectable()
export class PeriodService {
  constructor(
    private readonly brands: BrandAccessService,
    readonly repository: PeriodRepository,
  ) {}

  /** Products over a period's sessions, most revenue first, each with its best-selling commercer. */
  async products({ scope, brandCurrency }: MerchandiseScope, first: number): Promise<ProductDto[]> {
    const rows = await this.repository.products(
      scope,
      brandCurrency,
      Math.min(Math.max(first, 0), MAX_PERIOD_PRODUCTS),
    );
    return rows.map((row) => ({
      ...toProductDto(row, row.currency, Number(row.sessions)),
      bestCommercer: Number(row.revenue) > 0 ? { id: row.best_commercer_id, name: row.best_commercer_name } : null,
    }));
  }

  /** Traffic sources over a period's sessions (their rows added up per source), most viewers first. */
  async trafficSources({ scope, brandCurrency }: MerchandiseScope): Promise<TrafficSourceDto[]> {
    const rows = await this.repository.trafficSources(scope, brandCurrency);
    return rows.map((row) => toTrafficSourceDto(row, row.currency));
  }

  /** Checks the brand and period arguments of a period query. */
  async resolve(
    principal: Principal,
    brandId: string | null | undefined,
    input: PeriodInput,
    extra: { commercerId?: string | null; kind?: string | null } = {},
  ): Promise<ResolvedScope> {
    const brand = await this.brands.resolve(principal, brandId);
    const period = resolvePeriod(input, brand.timeZone);
    if (principal.kind === 'share') assertSharedPeriod(principal.period, period);
    return { brand, period, scope: scopeOf(brand, period, extra) };
  }

  /**
   * The scope's metrics over the four periods of equal length just before `period`, newest first, in one
   * query: the scope's own history, whose median a period KPI is flagged against (METRICS.md).
   */
  async history(scope: PeriodScope, period: Period): Promise<HistoryPeriod[]> {
    const periods = historyPeriods(period);
    const span: PeriodScope = { ...scope, from: toClickHouseTime(periods[3].from), to: toClickHouseTime(period.from) };
    const rows = await this.repository.historyTotals(span, historyStarts(periods));
    return historyOf(metricsByKey(rows), periods);
  }

  /**
   * `overview` and `history` in one query, for a page that asks both (the dashboard's overview): the same
   * numbers, one totals statement instead of two. The previous period is the newest of the four.
   */
  async overviewWithHistory(
    scope: PeriodScope,
    period: Period,
    withPrevious: boolean,
  ): Promise<{ overview: OverviewTotalsOf; history: HistoryPeriod[] }> {
    const periods = historyPeriods(period);
    const span: PeriodScope = { ...scope, from: toClickHouseTime(periods[3].from) };
    const rows = await this.repository.overviewWithHistoryTotals(
      span,
      toClickHouseTime(period.from),
      historyStarts(periods),
    );
    const byKey = metricsByKey(rows);
    return {
      overview: overviewOf(rows, byKey, period, withPrevious ? 'h1' : null),
      history: historyOf(byKey, periods),
    };
  }

  /** One point per calendar day of the period, zeros where no session started. */
  async daily(scope: PeriodScope, period: Period): Promise<DailyPointDto[]> {
    const rows = await this.repository.totals(scope, 'day');
    return dailyPoints(new Map(rows.map((row) => [row.g, periodMetricsOf(sumsOf(row))])), period);
  }

  /**
   * A scope's metrics over its period, its daily points and (optionally) the
   * previous period's metrics, in one query.
   */
  async overview(scope: PeriodScope, period: Period, previous: Period | null): Promise<OverviewTotalsOf> {
    const span: PeriodScope = { ...scope, from: previous ? toClickHouseTime(previous.from) : scope.from };
    const rows = await this.repository.overviewTotals(span, toClickHouseTime(period.from));
    return overviewOf(rows, metricsByKey(rows), period, previous ? 'prev' : null);
  }
}

/** An overview's totals: the period's metrics, its days, the previous period's metrics (or null). */
export interface OverviewTotalsOf {
  metrics: PeriodMetricValues;
  daily: DailyPointDto[];
  previous: PeriodMetricValues | null;
  /** The period's sessions as the totals list them (PeriodTotalsRow.session_points): what the overview ranks. */
  points: PeriodTotalsRow['session_points'];
}

export interface HistoryPeriod {
  period: Period;
  metrics: PeriodMetricValues;
}

const metricsByKey = (rows: readonly PeriodTotalsRow[]) =>
  new Map(rows.map((row) => [row.g, periodMetricsOf(sumsOf(row))]));

/** The overview's part of a totals read: 'cur', 'cur|<day>', and the previous period's row (`previousKey`). */
function overviewOf(
  rows: readonly PeriodTotalsRow[],
  byKey: ReadonlyMap<string, PeriodMetricValues>,
  period: Period,
  previousKey: string | null,
): OverviewTotalsOf {
  const byDay = new Map([...byKey].filter(([key]) => key.startsWith('cur|')).map(([key, m]) => [key.slice(4), m]));
  return {
    points: rows.find((row) => row.g === 'cur')?.session_points ?? [],
    metrics: byKey.get('cur') ?? periodMetricsOf(sumsOf(undefined)),
    daily: dailyPoints(byDay, period),
    previous: previousKey === null ? null : (byKey.get(previousKey) ?? periodMetricsOf(sumsOf(undefined))),
  };
}

/** The four periods of equal length just before `period`, newest first. */
function historyPeriods(period: Period): [Period, Period, Period, Period] {
  const p1 = previousPeriod(period);
  const p2 = previousPeriod(p1);
  const p3 = previousPeriod(p2);
  return [p1, p2, p3, previousPeriod(p3)];
}

/** The starts of the three newest history periods: where the history groupings split. */
const historyStarts = (periods: readonly Period[]): [string, string, string] => [
  toClickHouseTime(periods[0].from),
  toClickHouseTime(periods[1].from),
  toClickHouseTime(periods[2].from),
];

const historyOf = (byKey: ReadonlyMap<string, PeriodMetricValues>, periods: readonly Period[]): HistoryPeriod[] =>
  periods.map((p, i) => ({ period: p, metrics: byKey.get(`h${i + 1}`) ?? periodMetricsOf(sumsOf(undefined)) }));

function dailyPoints(byDay: Map<string, PeriodMetricValues>, period: Period): DailyPointDto[] {
  const empty = periodMetricsOf(sumsOf(undefined));
  return daysOf(period).map((date) => {
    const m = byDay.get(date) ?? empty;
    return {
      date,
      sessions: Number(m.sessions),
      views: Number(m.views),
      uniqueViewers: Number(m.uniqueViewers),
      comments: Number(m.comments),
      likes: Number(m.likes),
      orders: Number(m.orders),
      revenue: m.revenue,
      engagementRate: m.engagementRate,
      conversionRate: m.conversionRate,
      newViewers: Number(m.newViewers),
      returningViewers: Number(m.returningViewers),
    };
  });
}

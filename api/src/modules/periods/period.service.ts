import { Injectable } from '@nestjs/common';
import { toClickHouseTime, type Brand } from '@lc/clickhouse';
import { BrandAccessService } from '../brands/brand-access.service.js';
import { resolvePeriod, type Period, type PeriodInput } from '../../common/period.input.js';
import { periodMetricsOf, sumsOf, type PeriodMetricValues } from '../../metrics/period-metric.definitions.js';
import { PeriodRepository, type PeriodScope } from '../../repositories/period.repository.js';
import type { Principal } from '../auth/principal.js';
import type { DailyPointDto } from './dtos/period-metrics.dto.js';

export interface ResolvedScope {
  brand: Brand;
  period: Period;
  scope: PeriodScope;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** The calendar date of an instant in a zone, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** Every calendar day the period touches in its zone, first to last. */
export function daysOf(period: Period): string[] {
  const first = localDate(period.from, period.timeZone);
  const last = localDate(new Date(period.to.getTime() - 1), period.timeZone);
  const days: string[] = [];
  for (let day = Date.parse(`${first}T00:00:00Z`); ; day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    days.push(date);
    if (date >= last) break;
  }
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

@Injectable()
export class PeriodService {
  constructor(
    private readonly brands: BrandAccessService,
    readonly repository: PeriodRepository,
  ) {}

  /** Checks the brand and period arguments of a period query. */
  async resolve(
    principal: Principal,
    brandId: string | null | undefined,
    input: PeriodInput,
    extra: { commercerId?: string | null; kind?: string | null } = {},
  ): Promise<ResolvedScope> {
    const brand = await this.brands.resolve(principal, brandId);
    const period = resolvePeriod(input, brand.timeZone);
    return { brand, period, scope: scopeOf(brand, period, extra) };
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
  async overview(
    scope: PeriodScope,
    period: Period,
    previous: Period | null,
  ): Promise<{ metrics: PeriodMetricValues; daily: DailyPointDto[]; previous: PeriodMetricValues | null }> {
    const span: PeriodScope = { ...scope, from: previous ? toClickHouseTime(previous.from) : scope.from };
    const rows = await this.repository.overviewTotals(span, toClickHouseTime(period.from));
    const byKey = new Map(rows.map((row) => [row.g, periodMetricsOf(sumsOf(row))]));
    const byDay = new Map([...byKey].filter(([key]) => key.startsWith('cur|')).map(([key, m]) => [key.slice(4), m]));
    return {
      metrics: byKey.get('cur') ?? periodMetricsOf(sumsOf(undefined)),
      daily: dailyPoints(byDay, period),
      previous: previous ? (byKey.get('prev') ?? periodMetricsOf(sumsOf(undefined))) : null,
    };
  }
}

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

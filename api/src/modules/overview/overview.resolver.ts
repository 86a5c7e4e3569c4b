import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { ratio } from '@lc/contract';
import { PeriodInput, previousPeriod } from '../../common/period.input.js';
import { COMPARED_METRICS, type PeriodMetricValues } from '../../metrics/period-metric.definitions.js';
import type { Principal } from '../auth/principal.js';
import { Reader } from '../auth/principal.decorator.js';
import { PeriodService } from '../periods/period.service.js';
import type { KpiComparisonDto, PeriodMetricsDto } from '../periods/dtos/period-metrics.dto.js';
import { SessionSortField, SortDirection } from '../sessions/dtos/session-list.dto.js';
import { SessionService } from '../sessions/session.service.js';
import { BrandOverviewDto } from './dtos/brand-overview.dto.js';

export function compare(current: PeriodMetricValues, previous: PeriodMetricValues | null): KpiComparisonDto[] {
  return COMPARED_METRICS.map((name) => {
    const value = current[name] as number | null;
    const before = previous ? (previous[name] as number | null) : null;
    return {
      name,
      value,
      previous: before,
      change: value === null || before === null ? null : ratio(value - before, before),
    };
  });
}

@Resolver(() => BrandOverviewDto)
export class OverviewResolver {
  constructor(
    private readonly periods: PeriodService,
    private readonly sessions: SessionService,
  ) {}

  @Query(() => BrandOverviewDto, {
    description: "A brand's period KPIs with the previous period beside each, daily series, best and worst sessions",
  })
  async brandOverview(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID, nullable: true }) brandId: string | null,
    @Args('period', { type: () => PeriodInput }) periodInput: PeriodInput,
    @Args('compare', { defaultValue: true }) withPrevious: boolean,
    @Args('rankBy', { type: () => SessionSortField, defaultValue: 'revenue' }) rankBy: string,
  ): Promise<BrandOverviewDto> {
    const { brand, period, scope } = await this.periods.resolve(principal, brandId, periodInput);
    const before = previousPeriod(period);
    const sessionArgs = (direction: SortDirection) => ({
      filter: { brandId: brand.id, period: { from: period.from, to: period.to, timeZone: period.timeZone } },
      first: 3,
      sortBy: rankBy,
      direction,
    });
    const [{ metrics, previous, daily }, best, worst] = await Promise.all([
      this.periods.overview(scope, period, withPrevious ? before : null),
      this.sessions.list(principal, sessionArgs(SortDirection.DESC)),
      this.sessions.list(principal, sessionArgs(SortDirection.ASC)),
    ]);
    return {
      brand,
      period,
      previousPeriod: before,
      metrics: metrics as PeriodMetricsDto,
      previous: previous as PeriodMetricsDto | null,
      comparisons: compare(metrics, previous),
      daily,
      best: best.nodes,
      worst: worst.nodes,
    };
  }
}

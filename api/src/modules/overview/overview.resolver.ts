import { Args, Context, ID, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ratio } from '@lc/contract';
import { PeriodInput, previousPeriod } from '../../common/period.input.js';
import { COMPARED_METRICS, type PeriodMetricValues } from '../../metrics/period-metric.definitions.js';
import { Reader, type GraphQLContext } from '../auth/principal.decorator.js';
import { MAX_PERIOD_PRODUCTS, PeriodService } from '../periods/period.service.js';
import { ProductDto, TrafficSourceDto } from '../sessions/dtos/merchandise.dto.js';
import { DailyPointDto, KpiComparisonDto, PeriodMetricsDto } from '../periods/dtos/period-metrics.dto.js';
import { SessionDto } from '../sessions/dtos/session.dto.js';
import { SessionSortField, SortDirection } from '../sessions/dtos/session-list.dto.js';
import { toSessionDto } from '../sessions/session.service.js';
import { isSortableSessionField, SessionRepository } from '../../repositories/session.repository.js';
import { rankableFromPoints, rankPoints } from '../../repositories/period.repository.js';
import { afterResponse } from '../../common/after-response.js';
import { asksForAny } from '../../common/selection.js';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import { BrandOverviewDto } from './dtos/brand-overview.dto.js';
import { HistoryPeriodDto } from './dtos/history-period.dto.js';

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

/** How many best and worst sessions the overview lists. */
const OVERVIEW_RANKED = 3;

/** The overview's fields answered from its totals (`overview.totals`), and from its history. */
const TOTALS_FIELDS = new Set(['metrics', 'previous', 'comparisons', 'daily']);
const HISTORY_FIELDS = new Set(['history']);

@Resolver(() => BrandOverviewDto)
export class OverviewResolver {
  constructor(
    private readonly periods: PeriodService,
    private readonly sessionRows: SessionRepository,
    private readonly brands: BrandAccessService,
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
    @Info() info: GraphQLResolveInfo,
    @Context() context: GraphQLContext,
  ): Promise<BrandOverviewDto> {
    const { brand, period, scope } = await this.periods.resolve(principal, brandId, periodInput);
    if (!isSortableSessionField(rankBy))
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `cannot rank by ${rankBy}`, 'rankBy');
    const before = previousPeriod(period);
    const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
      let loaded: Promise<T> | null = null;
      return () => (loaded ??= load());
    };
    const asksTotals = asksForAny(info, TOTALS_FIELDS, true);
    // a page asking the totals and the history (the dashboard's overview) reads both in one statement
    const both =
      asksTotals && asksForAny(info, HISTORY_FIELDS, true)
        ? once(() => this.periods.overviewWithHistory(scope, period, withPrevious))
        : null;
    const totals = both
      ? once(async () => (await both()).overview)
      : once(() => this.periods.overview(scope, period, withPrevious ? before : null));
    const history = both ? once(async () => (await both()).history) : once(() => this.periods.history(scope, period));
    // S13B-3: the best and worst ids — from the totals' session points when the query reads the totals anyway
    // and ranks by a field the points carry (no statement of their own), else from one narrow statement —
    // then their rows by id (kept per rollup state)
    const fromPoints = rankableFromPoints(rankBy) && asksTotals;
    const ranked = once(async () => {
      const [ids, currencies] = await Promise.all([
        fromPoints
          ? totals().then(({ points }) => rankPoints(points, rankBy, OVERVIEW_RANKED))
          : this.periods.repository.rankedSessions(scope, rankBy, OVERVIEW_RANKED),
        this.brands.currencies(),
      ]);
      const sessions = BrandScope.of(principal, brand.id);
      const rows = await this.sessionRows.findByIds(sessions, [...ids.best, ...ids.worst]);
      // the sessions ranked are those opened from the overview: their pages read ahead (S11R5-1)
      afterResponse(context, () => this.sessionRows.openAhead(sessions, rows));
      const byId = new Map(rows.map((row) => [row.session_id, row]));
      const dtos = (list: string[]) =>
        list.flatMap((id) => {
          const row = byId.get(id);
          return row ? [toSessionDto(row, currencies)] : [];
        });
      return { best: dtos(ids.best), worst: dtos(ids.worst) };
    });
    return {
      brand,
      period,
      previousPeriod: before,
      totals,
      historyTotals: history,
      ranked: async (direction) => (await ranked())[direction === SortDirection.DESC ? 'best' : 'worst'],
      merchandise: { scope, brandCurrency: brand.currency },
    };
  }

  @ResolveField(() => PeriodMetricsDto)
  async metrics(@Parent() overview: BrandOverviewDto): Promise<PeriodMetricsDto> {
    return (await overview.totals()).metrics as PeriodMetricsDto;
  }

  @ResolveField(() => PeriodMetricsDto, { nullable: true, description: 'Null when compare is false' })
  async previous(@Parent() overview: BrandOverviewDto): Promise<PeriodMetricsDto | null> {
    return (await overview.totals()).previous as PeriodMetricsDto | null;
  }

  @ResolveField(() => [KpiComparisonDto])
  async comparisons(@Parent() overview: BrandOverviewDto): Promise<KpiComparisonDto[]> {
    const { metrics, previous } = await overview.totals();
    return compare(metrics, previous);
  }

  @ResolveField(() => [DailyPointDto], { description: 'Every day of the period in its zone, zeros included' })
  async daily(@Parent() overview: BrandOverviewDto): Promise<DailyPointDto[]> {
    return (await overview.totals()).daily;
  }

  @ResolveField(() => [SessionDto], { description: 'Top 3 sessions by rankBy' })
  best(@Parent() overview: BrandOverviewDto): Promise<SessionDto[]> {
    return overview.ranked(SortDirection.DESC);
  }

  @ResolveField(() => [SessionDto], { description: 'Bottom 3 sessions by rankBy' })
  worst(@Parent() overview: BrandOverviewDto): Promise<SessionDto[]> {
    return overview.ranked(SortDirection.ASC);
  }

  @ResolveField(() => [ProductDto], {
    description: 'METRICS.md "Products" over the period: rows added up over its sessions, most revenue first',
  })
  products(
    @Parent() overview: BrandOverviewDto,
    @Args('first', { type: () => Int, defaultValue: 100, description: `At most ${MAX_PERIOD_PRODUCTS}` }) first: number,
  ): Promise<ProductDto[]> {
    return this.periods.products(overview.merchandise, first);
  }

  @ResolveField(() => [TrafficSourceDto], {
    description: 'METRICS.md "Traffic sources" over the period: rows added up per source, most viewers first',
  })
  trafficSources(@Parent() overview: BrandOverviewDto): Promise<TrafficSourceDto[]> {
    return this.periods.trafficSources(overview.merchandise);
  }

  @ResolveField(() => [HistoryPeriodDto], {
    description:
      "The four periods of equal length just before the period, newest first, with the brand's KPIs: the history a period KPI is flagged against when it falls below their median (METRICS.md)",
  })
  async history(@Parent() overview: BrandOverviewDto): Promise<HistoryPeriodDto[]> {
    const history = await overview.historyTotals();
    return history.map(({ period, metrics }) => ({ period, metrics: metrics as PeriodMetricsDto }));
  }
}

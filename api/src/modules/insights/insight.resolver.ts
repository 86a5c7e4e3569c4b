import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { ratio } from '@lc/contract';
import { PeriodInput } from '../../common/period.input.js';
import { periodMetricsOf, sumsOf } from '../../metrics/period-metric.definitions.js';
import { Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { PeriodService } from '../periods/period.service.js';
import {
  EngagementAxis,
  EngagementVsSalesDto,
  ScatterGroup,
  type ScatterPointDto,
} from './dtos/engagement-vs-sales.dto.js';

/** Pearson correlation and least-squares line of y on x; null when it says nothing (n < 3 or no spread). */
export function fitLine(points: readonly { x: number; y: number }[]): {
  r: number | null;
  slope: number | null;
  intercept: number | null;
} {
  const n = points.length;
  if (n < 3) return { r: null, slope: null, intercept: null };
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
  }
  if (sxx === 0) return { r: null, slope: null, intercept: null };
  const slope = sxy / sxx;
  return { r: ratio(sxy, Math.sqrt(sxx * syy)), slope, intercept: my - slope * mx };
}

@Resolver(() => EngagementVsSalesDto)
export class InsightResolver {
  constructor(private readonly periods: PeriodService) {}

  @Query(() => EngagementVsSalesDto, {
    description: 'Does chat and likes turn into orders? One point per session or commercer',
  })
  async engagementVsSales(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID, nullable: true }) brandId: string | null,
    @Args('period', { type: () => PeriodInput }) periodInput: PeriodInput,
    @Args('groupBy', { type: () => ScatterGroup, defaultValue: ScatterGroup.SESSION }) groupBy: ScatterGroup,
    @Args('axis', { type: () => EngagementAxis, defaultValue: EngagementAxis.ENGAGEMENT_RATE }) axis: EngagementAxis,
  ): Promise<EngagementVsSalesDto> {
    const { scope } = await this.periods.resolve(principal, brandId, periodInput);
    const rows = await this.periods.repository.totals(
      scope,
      groupBy === ScatterGroup.SESSION ? 'session' : 'commercer',
    );
    const points: ScatterPointDto[] = rows.map((row) => {
      const m = periodMetricsOf(sumsOf(row));
      return {
        id: row.g,
        label: groupBy === ScatterGroup.SESSION ? row.title : row.commercer_name,
        engagementRate: m.engagementRate,
        chatRate: m.chatRate,
        conversionRate: m.conversionRate,
        revenue: m.revenue,
        viewers: Number(m.views),
      };
    });
    const pairs = points
      .map((p) => ({ x: axis === EngagementAxis.CHAT_RATE ? p.chatRate : p.engagementRate, y: p.conversionRate }))
      .filter((p): p is { x: number; y: number } => p.x !== null && p.y !== null);
    const fit = fitLine(pairs);
    return { points, axis, correlation: fit.r, slope: fit.slope, intercept: fit.intercept };
  }
}

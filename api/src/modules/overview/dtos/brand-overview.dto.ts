import { Field, ObjectType } from '@nestjs/graphql';
import { PeriodDto } from '../../../common/period.input.js';
import { BrandDto } from '../../brands/dtos/brand.dto.js';
import { DailyPointDto, KpiComparisonDto, PeriodMetricsDto } from '../../periods/dtos/period-metrics.dto.js';
import { SessionDto } from '../../sessions/dtos/session.dto.js';
import type { MerchandiseScope } from '../../periods/period.service.js';

@ObjectType('BrandOverview')
export class BrandOverviewDto {
  @Field(() => BrandDto) brand!: BrandDto;
  @Field(() => PeriodDto) period!: PeriodDto;
  @Field(() => PeriodDto, { description: 'The period of equal length just before' }) previousPeriod!: PeriodDto;
  @Field(() => PeriodMetricsDto) metrics!: PeriodMetricsDto;
  @Field(() => PeriodMetricsDto, { nullable: true, description: 'Null when compare is false' })
  previous!: PeriodMetricsDto | null;
  @Field(() => [KpiComparisonDto]) comparisons!: KpiComparisonDto[];
  @Field(() => [DailyPointDto], { description: 'Every day of the period in its zone, zeros included' })
  daily!: DailyPointDto[];
  @Field(() => [SessionDto], { description: 'Top 3 sessions by rankBy' }) best!: SessionDto[];
  @Field(() => [SessionDto], { description: 'Bottom 3 sessions by rankBy' }) worst!: SessionDto[];
  /** Not a field: what the products and trafficSources fields read. */
  merchandise!: MerchandiseScope;
}

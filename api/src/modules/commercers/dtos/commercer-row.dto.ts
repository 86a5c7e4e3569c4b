import type { MerchandiseScope } from '../../periods/period.service.js';
import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { HostCostFiguresDto } from '../../host-costs/dtos/host-cost.dto.js';
import { PeriodMetricsDto, DailyPointDto } from '../../periods/dtos/period-metrics.dto.js';
import { CommercerDto, SessionDto } from '../../sessions/dtos/session.dto.js';
import { StampCountDto } from '../../sessions/dtos/session-series.dto.js';
import { CommunityDto } from '../../community/dtos/community.dto.js';

export const COMMERCER_SORT_FIELDS = [
  'sessions',
  'views',
  'uniqueViewers',
  'avgWatchSeconds',
  'chatRate',
  'engagementRate',
  'conversionRate',
  'revenue',
  'gpm',
  'returningRate',
  'commentResponseRate',
  'followRate',
  'netRevenue',
  'recapCoverage',
  'recapLift',
  'engagementLift',
  'laterConversionEngaged',
] as const;
/** Sortable figures of issue 14 that are not period KPIs: host cost and size-adjusted engagement. */
export const COMMERCER_COST_SORT_FIELDS = [
  'hostCost',
  'roas',
  'costPerEngagedViewer',
  'costPerOrder',
  'engagementVsExpected',
] as const;
export const CommercerSortField: Record<string, string> = Object.fromEntries(
  [...COMMERCER_SORT_FIELDS, ...COMMERCER_COST_SORT_FIELDS].map((n) => [n, n]),
);
registerEnumType(CommercerSortField, { name: 'CommercerSortField' });

@ObjectType('CommercerRow')
export class CommercerRowDto {
  @Field(() => CommercerDto) commercer!: CommercerDto;
  @Field(() => ID) brandId!: string;
  @Field(() => PeriodMetricsDto) metrics!: PeriodMetricsDto;
  @Field(() => PeriodMetricsDto, {
    nullable: true,
    description: 'The previous period of equal length (leaderboard, or compare: true)',
  })
  previous!: PeriodMetricsDto | null;
  @Field(() => HostCostFiguresDto, { description: 'Host cost over the period (issue 14)' })
  costs!: HostCostFiguresDto;
  @Field(() => Float, {
    nullable: true,
    description: "Mean over the period's sessions of engagementRate minus the brand's line at their audience",
  })
  engagementVsExpected!: number | null;
}

@ObjectType('CommercerProfile')
export class CommercerProfileDto {
  @Field(() => CommercerDto) commercer!: CommercerDto;
  @Field(() => ID) brandId!: string;
  @Field(() => PeriodMetricsDto) metrics!: PeriodMetricsDto;
  @Field(() => HostCostFiguresDto, { description: 'Host cost over the period (issue 14)' })
  costs!: HostCostFiguresDto;
  @Field(() => Float, {
    nullable: true,
    description: "Mean over the period's sessions of engagementRate minus the brand's line at their audience",
  })
  engagementVsExpected!: number | null;
  @Field(() => [DailyPointDto]) daily!: DailyPointDto[];
  @Field(() => [SessionDto], { description: "The commercer's sessions in the period, newest first (at most 200)" })
  sessions!: SessionDto[];
  @Field(() => [StampCountDto]) stamps!: StampCountDto[];
  @Field(() => CommunityDto) community!: CommunityDto;
  /** Not a field: what the products and trafficSources fields read. */
  merchandise!: MerchandiseScope;
}

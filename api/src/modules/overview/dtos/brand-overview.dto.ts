import { Field, ObjectType } from '@nestjs/graphql';
import { PeriodDto, type Period } from '../../../common/period.input.js';
import { BrandDto } from '../../brands/dtos/brand.dto.js';
import type { PeriodMetricValues } from '../../../metrics/period-metric.definitions.js';
import type { DailyPointDto } from '../../periods/dtos/period-metrics.dto.js';
import type { SessionDto } from '../../sessions/dtos/session.dto.js';
import type { SortDirection } from '../../sessions/dtos/session-list.dto.js';
import type { MerchandiseScope } from '../../periods/period.service.js';

export interface OverviewTotals {
  metrics: PeriodMetricValues;
  previous: PeriodMetricValues | null;
  daily: DailyPointDto[];
}

@ObjectType('BrandOverview')
export class BrandOverviewDto {
  @Field(() => BrandDto) brand!: BrandDto;
  @Field(() => PeriodDto) period!: PeriodDto;
  @Field(() => PeriodDto, { description: 'The period of equal length just before' }) previousPeriod!: PeriodDto;
  /**
   * Not fields: the overview's parts are read only when asked for (a products page reads neither the
   * KPIs nor the best and worst sessions). Each loads once per request, whichever field asks first.
   */
  totals!: () => Promise<OverviewTotals>;
  historyTotals!: () => Promise<{ period: Period; metrics: PeriodMetricValues }[]>;
  ranked!: (direction: SortDirection) => Promise<SessionDto[]>;
  /** Not a field: what the products and trafficSources fields read. */
  merchandise!: MerchandiseScope;
}

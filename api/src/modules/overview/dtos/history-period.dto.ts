import { Field, ObjectType } from '@nestjs/graphql';
import { PeriodDto } from '../../../common/period.input.js';
import { PeriodMetricsDto } from '../../periods/dtos/period-metrics.dto.js';

@ObjectType('HistoryPeriod', {
  description: 'One of the four periods of equal length just before a period, with its KPIs (same scope)',
})
export class HistoryPeriodDto {
  @Field(() => PeriodDto) period!: PeriodDto;
  @Field(() => PeriodMetricsDto) metrics!: PeriodMetricsDto;
}

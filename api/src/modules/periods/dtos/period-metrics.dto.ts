import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { PERIOD_METRICS, type Money } from '../../../metrics/period-metric.definitions.js';

@ObjectType('Money')
export class MoneyDto implements Money {
  @Field() currency!: string;
  @Field(() => Float) amount!: number;
}

/** Period KPIs; fields generated from PERIOD_METRICS. */
@ObjectType('PeriodMetrics', { description: 'KPIs over several sessions: counts add up, rates are ratios of sums' })
export class PeriodMetricsDto {
  [name: string]: number | null | MoneyDto[] | boolean;
}
for (const metric of PERIOD_METRICS) {
  Field(() => (metric.type === 'Int' ? Int : Float), { nullable: metric.nullable, description: metric.description })(
    PeriodMetricsDto.prototype,
    metric.name,
  );
}
Field(() => [MoneyDto], { description: 'Revenue per currency (never summed across currencies)' })(
  PeriodMetricsDto.prototype,
  'revenueByCurrency',
);

Field(() => Boolean, {
  description:
    "True while the 28 days after some session's start have not passed: the later-purchase figures can still grow",
})(PeriodMetricsDto.prototype, 'windowOpen');

@ObjectType('KpiComparison')
export class KpiComparisonDto {
  @Field() name!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) previous!: number | null;
  @Field(() => Float, { nullable: true, description: '(value − previous) / previous; null when previous is 0 or null' })
  change!: number | null;
}

@ObjectType('DailyPoint', { description: "One calendar day in the period's time zone" })
export class DailyPointDto {
  @Field({ description: "YYYY-MM-DD in the period's zone" }) date!: string;
  @Field(() => Int) sessions!: number;
  @Field(() => Int) views!: number;
  @Field(() => Int) uniqueViewers!: number;
  @Field(() => Int) comments!: number;
  @Field(() => Float) likes!: number;
  @Field(() => Int) orders!: number;
  @Field(() => Float, { nullable: true }) revenue!: number | null;
  @Field(() => Float, { nullable: true }) engagementRate!: number | null;
  @Field(() => Float, { nullable: true }) conversionRate!: number | null;
  @Field(() => Int) newViewers!: number;
  @Field(() => Int) returningViewers!: number;
}

import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PeriodDto } from '../../../common/period.input.js';
import { MoneyDto, PeriodMetricsDto } from '../../periods/dtos/period-metrics.dto.js';
import { CommercerDto, CommercerKind } from '../../sessions/dtos/session.dto.js';

export enum HostCostSource {
  SESSION_COST = 'SESSION_COST',
  COMMERCER_FEE = 'COMMERCER_FEE',
}
registerEnumType(HostCostSource, {
  name: 'HostCostSource',
  description: "Where a session's cost comes from: its own cost, or its share of the commercer's monthly fee",
});

@ObjectType('HostCostFigures', {
  description:
    'METRICS.md "Host cost" of a session, commercer or kind, in the revenue\'s currency. Only sessions whose cost is in ' +
    'that currency count (costedSessions); costs in other currencies are listed apart, never added or converted',
})
export class HostCostFiguresDto {
  @Field({ description: "The revenue's currency the figures are in" }) currency!: string;
  @Field(() => Float, { nullable: true, description: 'Σ cost of the costed sessions; null without any' })
  hostCost!: number | null;
  @Field(() => Float, { nullable: true, description: 'revenue / hostCost (of the costed sessions)' })
  roas!: number | null;
  @Field(() => Float, { nullable: true, description: 'hostCost / engagedViewers (of the costed sessions)' })
  costPerEngagedViewer!: number | null;
  @Field(() => Float, { nullable: true, description: 'hostCost / orders (of the costed sessions)' })
  costPerOrder!: number | null;
  @Field(() => Int, { description: "Sessions with a cost in the revenue's currency" }) costedSessions!: number;
  @Field(() => [MoneyDto], { description: 'Costs in another currency than the revenue, per currency: shown apart' })
  costsInOtherCurrencies!: MoneyDto[];
  @Field(() => HostCostSource, { nullable: true, description: "A session's: where its cost comes from" })
  source?: HostCostSource | null;
}

@ObjectType('SessionCost')
export class SessionCostDto {
  @Field(() => ID) brandId!: string;
  @Field(() => ID) sessionId!: string;
  @Field(() => Float) amount!: number;
  @Field() currency!: string;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('CommercerFee')
export class CommercerFeeDto {
  @Field(() => ID) brandId!: string;
  @Field(() => ID) commercerId!: string;
  @Field({ description: "YYYY-MM, a calendar month in the brand's time zone" }) month!: string;
  @Field(() => Float) amount!: number;
  @Field() currency!: string;
  @Field(() => Date) updatedAt!: Date;
}

@InputType('CommercerFeeKey')
export class CommercerFeeKeyInput {
  @Field(() => ID, { nullable: true }) brandId?: string | null;
  @Field(() => ID) commercerId!: string;
  @Field() month!: string;
}

@ObjectType('EngagementFit', {
  description:
    "Least squares engagementRate = a + b · ln(uniqueViewers) over the brand's finished sessions of the 90 days before `to`",
})
export class EngagementFitDto {
  @Field(() => Float) a!: number;
  @Field(() => Float) b!: number;
  @Field(() => Int, { description: 'Sessions in the fit (with ≥ 1 viewer)' }) n!: number;
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
}

@ObjectType('EngagementPoint', { description: 'A session of the period on the engagement-vs-audience scatter' })
export class EngagementPointDto {
  @Field(() => ID) sessionId!: string;
  @Field(() => CommercerDto) commercer!: CommercerDto;
  @Field(() => Int) uniqueViewers!: number;
  @Field(() => Float, { nullable: true }) engagementRate!: number | null;
  @Field(() => Float, { nullable: true }) engagementVsExpected!: number | null;
}

@ObjectType('SpreadPoint')
export class SpreadPointDto {
  @Field(() => CommercerDto) commercer!: CommercerDto;
  @Field(() => Float, { nullable: true }) value!: number | null;
}

@ObjectType('KindSpread', {
  description: "Min, median and max of one KPI across a kind's commercers, with each one's value",
})
export class KindSpreadDto {
  @Field({ description: 'engagementRate | conversionRate | gpm | commentResponseRate' }) metric!: string;
  @Field(() => Float, { nullable: true }) min!: number | null;
  @Field(() => Float, { nullable: true }) median!: number | null;
  @Field(() => Float, { nullable: true }) max!: number | null;
  @Field(() => [SpreadPointDto]) commercers!: SpreadPointDto[];
}

@ObjectType('KindRow')
export class KindRowDto {
  @Field(() => CommercerKind) kind!: CommercerKind;
  @Field(() => Int, { description: 'Commercers of this kind with a session in the period' }) commercers!: number;
  @Field(() => PeriodMetricsDto, { description: "Ratios of sums over the kind's sessions of the period" })
  metrics!: PeriodMetricsDto;
  @Field(() => PeriodMetricsDto, { description: 'The previous period of equal length' }) previous!: PeriodMetricsDto;
  @Field(() => [KindSpreadDto]) spread!: KindSpreadDto[];
  @Field(() => HostCostFiguresDto) costs!: HostCostFiguresDto;
  @Field(() => Float, { nullable: true, description: "Mean of the kind's sessions' engagementVsExpected" })
  engagementVsExpected!: number | null;
}

@ObjectType('KindComparison', { description: 'METRICS.md "Professional vs in-house, cost and audience size"' })
export class KindComparisonDto {
  @Field(() => ID) brandId!: string;
  @Field(() => PeriodDto) period!: PeriodDto;
  @Field(() => [KindRowDto], { description: 'professional, then in_house (both always present)' })
  kinds!: KindRowDto[];
  @Field(() => EngagementFitDto, { nullable: true, description: 'null with fewer than 10 sessions in the fit' })
  fit!: EngagementFitDto | null;
  @Field(() => [EngagementPointDto], { description: "The period's sessions for the scatter" })
  sessions!: EngagementPointDto[];
}

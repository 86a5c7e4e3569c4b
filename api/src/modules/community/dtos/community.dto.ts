import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { KPI_CATALOGUE } from '@lc/contract';
import { DailyPointDto } from '../../periods/dtos/period-metrics.dto.js';
import { CommercerDto } from '../../sessions/dtos/session.dto.js';
import { StampCountDto } from '../../sessions/dtos/session-series.dto.js';

@ObjectType('Regular', {
  description: "A viewer who watched ≥ 3 of the scope's sessions in the period (pseudonymous id)",
})
export class RegularDto {
  @Field(() => ID) viewerId!: string;
  @Field(() => Int) sessions!: number;
}

@ObjectType('Cohort', { description: 'Viewers whose first session of the brand was in this week' })
export class CohortDto {
  @Field({ description: "Monday of the week, YYYY-MM-DD in the period's zone" }) week!: string;
  @Field(() => Int) size!: number;
  @Field({
    description:
      'The period covers only part of this week (in its zone), so the cohort holds only the viewers of the days inside it',
  })
  partial!: boolean;
  @Field(() => [Float], {
    description: 'returning[i]: share of the cohort that watched again in week + i + 1 (within the period)',
  })
  returning!: number[];
  @Field(() => [Boolean], {
    description:
      'returningPartial[i]: the period covers only part of week + i + 1, so returning[i] counts only those days and is never a drop (METRICS.md)',
  })
  returningPartial!: boolean[];
}

@ObjectType('CommercerStamps')
export class CommercerStampsDto {
  @Field(() => CommercerDto) commercer!: CommercerDto;
  @Field(() => [StampCountDto]) stamps!: StampCountDto[];
}

@ObjectType('Community')
export class CommunityDto {
  @Field(() => Int, { description: KPI_CATALOGUE.uniqueViewers.scopes.period }) uniqueViewers!: number;
  @Field(() => Int, { description: KPI_CATALOGUE.returningViewers.scopes.period }) returningViewers!: number;
  @Field(() => Float, { nullable: true, description: KPI_CATALOGUE.returningRate.scopes.period }) returningRate!:
    number | null;
  @Field(() => Int, { description: KPI_CATALOGUE.regulars.scopes.community }) regularsCount!: number;
  @Field(() => [RegularDto], { description: 'At most 100, most sessions first' }) regulars!: RegularDto[];
  @Field(() => [CohortDto]) cohorts!: CohortDto[];
  @Field(() => [CommercerStampsDto]) stamps!: CommercerStampsDto[];
  @Field(() => [DailyPointDto], { description: 'New vs returning viewers per day' }) daily!: DailyPointDto[];
}

import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ScatterGroup {
  SESSION = 'SESSION',
  COMMERCER = 'COMMERCER',
}
registerEnumType(ScatterGroup, { name: 'ScatterGroup' });

export enum EngagementAxis {
  ENGAGEMENT_RATE = 'ENGAGEMENT_RATE',
  CHAT_RATE = 'CHAT_RATE',
}
registerEnumType(EngagementAxis, { name: 'EngagementAxis' });

@ObjectType('ScatterPoint')
export class ScatterPointDto {
  @Field(() => ID, { description: 'Session or commercer id' }) id!: string;
  @Field() label!: string;
  @Field(() => Float, { nullable: true }) engagementRate!: number | null;
  @Field(() => Float, { nullable: true }) chatRate!: number | null;
  @Field(() => Float, { nullable: true }) conversionRate!: number | null;
  @Field(() => Float, { nullable: true }) revenue!: number | null;
  @Field(() => Int, { description: 'views' }) viewers!: number;
}

@ObjectType('EngagementVsSales')
export class EngagementVsSalesDto {
  @Field(() => [ScatterPointDto]) points!: ScatterPointDto[];
  @Field(() => EngagementAxis) axis!: EngagementAxis;
  @Field(() => Float, {
    nullable: true,
    description: 'Pearson r of the axis against conversionRate; null under 3 points or without spread',
  })
  correlation!: number | null;
  @Field(() => Float, { nullable: true, description: 'Least-squares line: conversionRate ≈ slope × axis + intercept' })
  slope!: number | null;
  @Field(() => Float, { nullable: true }) intercept!: number | null;
}

import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('StampCount')
export class StampCountDto {
  @Field() stamp!: string;
  @Field(() => Float, { description: 'Σ like counts with this stamp' }) likes!: number;
}

@ObjectType('MinutePoint', { description: 'One minute of the session, counted from its start' })
export class MinutePointDto {
  @Field(() => Int) minute!: number;
  @Field(() => Date) at!: Date;
  @Field(() => Int, { description: 'Viewers with any event other than leave in this minute' }) watching!: number;
  @Field(() => Int) comments!: number;
  @Field(() => Float) likes!: number;
  @Field(() => [StampCountDto]) likesByStamp!: StampCountDto[];
  @Field(() => Int) cartAdds!: number;
  @Field(() => Int) orders!: number;
  @Field(() => Float) revenue!: number;
}

@ObjectType('RetentionPoint')
export class RetentionPointDto {
  @Field(() => Int) minute!: number;
  @Field(() => Float, { description: "Share of the session's viewers whose own watch time is ≥ minute × 60 s" })
  share!: number;
}

@ObjectType('Funnel')
export class FunnelDto {
  @Field(() => Int) viewers!: number;
  @Field(() => Int) engaged!: number;
  @Field(() => Int) cartAdders!: number;
  @Field(() => Int) buyers!: number;
}

@ObjectType('Moment', {
  description: 'A minute of peak chat + likes, with the cart adds and orders of it and the next minute',
})
export class MomentDto {
  @Field(() => Int) minute!: number;
  @Field(() => Date) at!: Date;
  @Field(() => Int) comments!: number;
  @Field(() => Float) likes!: number;
  @Field(() => Float, { description: 'comments + likes' }) activity!: number;
  @Field(() => Int) cartAdds!: number;
  @Field(() => Int) orders!: number;
}

@ObjectType('JoinerGroup')
export class JoinerGroupDto {
  @Field(() => Int) viewers!: number;
  @Field(() => Float, { nullable: true }) avgWatchSeconds!: number | null;
  @Field(() => Float, { nullable: true }) engagementRate!: number | null;
  @Field(() => Float, { nullable: true }) conversionRate!: number | null;
}

@ObjectType('JoinerComparison', { description: 'Late joiners (first event > 10 min after start) vs the early ones' })
export class JoinerComparisonDto {
  @Field(() => JoinerGroupDto) early!: JoinerGroupDto;
  @Field(() => JoinerGroupDto) late!: JoinerGroupDto;
}

import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SessionMetricsDto } from './session-metrics.dto.js';

export enum CommercerKind {
  professional = 'professional',
  in_house = 'in_house',
}
registerEnumType(CommercerKind, { name: 'CommercerKind', description: 'Commissioned professional or brand employee' });

@ObjectType('Commercer')
export class CommercerDto {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => CommercerKind) kind!: CommercerKind;
}

@ObjectType('Session')
export class SessionDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) brandId!: string;
  @Field() title!: string;
  @Field() platform!: string;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
  @Field({ description: 'No session_end has arrived yet' }) isLive!: boolean;
  @Field(() => CommercerDto) commercer!: CommercerDto;
  @Field({ description: "ISO-4217 currency of the session's sales" }) currency!: string;
  @Field(() => SessionMetricsDto) metrics!: SessionMetricsDto;
  @Field(() => Date, {
    nullable: true,
    description:
      "Every event the ingest acknowledged before this instant is in the session's numbers: the start of the " +
      "rollup round that computed them, on the engine's clock (later events may be in them too). It moves only " +
      'when events arrive: a quiet stream keeps an earlier instant with nothing missing. Null for rollups ' +
      'written before round versions (migration 0016).',
  })
  countedUntil!: Date | null;
  /** Not in the schema: what the sub-field resolvers need. */
  minutes!: number;
  version!: number;
  /** The round whose viewer rows the stats point at (SessionRef). */
  viewersVersion!: number;
  /** The latest event: where a live session's open pin segment ends. */
  lastEventAt!: Date;
  /**
   * Not in the schema: a live session's newest minutes read from its events after its rollup version was
   * written (SessionWatch, the push between rounds). They stand in for the rollup's minutes from
   * \`fromMinute\` on; \`key\` tells two readings apart.
   */
  recent?: RecentMinutesDto;
}

/** What SessionDto.recent holds: minute rows as session_minutes has them. */
export interface RecentMinutesDto {
  fromMinute: number;
  rows: readonly {
    minute: number;
    watching: number;
    comments: number;
    likes: number;
    likes_by_stamp: Record<string, number>;
    cart_adds: number;
    orders: number;
    revenue: number;
  }[];
  key: string;
}

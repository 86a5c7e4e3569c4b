import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PeriodInput } from '../../../common/period.input.js';
import { SESSION_METRICS, SORTABLE_SESSION_METRICS } from '../../../metrics/session-metric.definitions.js';
import { CommercerKind, SessionDto } from './session.dto.js';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

/** startedAt and every session KPI that does not depend on other sessions. */
export const SessionSortField: Record<string, string> = Object.fromEntries(
  ['startedAt', ...SESSION_METRICS.map((m) => m.name).filter((n) => SORTABLE_SESSION_METRICS.has(n))].map((n) => [
    n,
    n,
  ]),
);
registerEnumType(SessionSortField, { name: 'SessionSortField' });

@InputType('SessionFilter')
export class SessionFilter {
  @Field(() => ID, { nullable: true }) brandId?: string;
  @Field(() => ID, { nullable: true }) commercerId?: string;
  @Field(() => CommercerKind, { nullable: true }) kind?: CommercerKind;
  @Field({ nullable: true }) platform?: string;
  @Field(() => PeriodInput, { nullable: true, description: 'Sessions that started in [from, to)' })
  period?: PeriodInput;
}

export const MAX_PAGE_SIZE = 200;

@ArgsType()
export class SessionsArgs {
  @Field(() => SessionFilter, { nullable: true }) filter?: SessionFilter;
  @Field(() => Int, { defaultValue: 50, description: `Page size, at most ${MAX_PAGE_SIZE}` }) first!: number;
  @Field({ nullable: true, description: 'endCursor of the previous page' }) after?: string;
  @Field(() => SessionSortField, { defaultValue: 'startedAt' }) sortBy!: string;
  @Field(() => SortDirection, { defaultValue: SortDirection.DESC }) direction!: SortDirection;
}

@ObjectType('PageInfo')
export class PageInfoDto {
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType('SessionConnection')
export class SessionConnectionDto {
  @Field(() => [SessionDto]) nodes!: SessionDto[];
  @Field(() => PageInfoDto) pageInfo!: PageInfoDto;
  /** Not in the schema: counts the filter's sessions when totalCount is asked for. */
  count!: () => Promise<number>;
}

import { isTimeZone } from '@lc/contract/common';
import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiErrorCode, ApiException } from '../api.exception.js';

@InputType('PeriodInput', { description: "[from, to) in an IANA time zone (default: the brand's)" })
export class PeriodInput {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field({ nullable: true }) timeZone?: string;
}

@ObjectType('Period')
export class PeriodDto {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field() timeZone!: string;
}

/** A validated period. */
export interface Period {
  from: Date;
  to: Date;
  timeZone: string;
}

export const MAX_PERIOD_DAYS = 800;

/** Checks a period argument; `field` names it in errors (e.g. `period`, `filter.period`). */
export function resolvePeriod(input: PeriodInput, defaultTimeZone: string, field = 'period'): Period {
  const timeZone = input.timeZone ?? defaultTimeZone;
  if (!isTimeZone(timeZone)) {
    throw new ApiException(
      ApiErrorCode.BAD_USER_INPUT,
      `${field}.timeZone "${timeZone}" is not an IANA time zone (e.g. Asia/Tokyo)`,
      `${field}.timeZone`,
    );
  }
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new ApiException(
      ApiErrorCode.BAD_USER_INPUT,
      `${field}.from and ${field}.to must be ISO-8601 date-times`,
      field,
    );
  }
  if (from.getTime() >= to.getTime()) {
    throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `${field}.from must be before ${field}.to`, `${field}.from`);
  }
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
    throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `${field} may span at most ${MAX_PERIOD_DAYS} days`, field);
  }
  return { from, to, timeZone };
}

/** The period of equal length just before. */
export function previousPeriod(period: Period): Period {
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(period.from.getTime() - length), to: new Date(period.from), timeZone: period.timeZone };
}

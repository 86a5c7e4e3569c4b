import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ALERT_KINDS } from '../live.rules.js';

export const LiveAlertKind: Record<string, string> = Object.fromEntries(ALERT_KINDS.map((k) => [k, k]));
registerEnumType(LiveAlertKind, { name: 'LiveAlertKind' });

@ObjectType('LiveWindow', { description: 'Means per minute over the complete minutes of a 10-minute window' })
export class LiveWindowDto {
  @Field(() => Int, { description: 'Minutes of the window that exist (fewer near the start)' }) minutes!: number;
  @Field(() => Float) watching!: number;
  @Field(() => Float) comments!: number;
  @Field(() => Float) likes!: number;
  @Field(() => Float) cartAdds!: number;
  @Field(() => Float) orders!: number;
  @Field(() => Float) revenue!: number;
}

@ObjectType('NowVsBefore', { description: 'The last 10 complete minutes and the 10 before them' })
export class NowVsBeforeDto {
  @Field(() => LiveWindowDto, { nullable: true }) last!: LiveWindowDto | null;
  @Field(() => LiveWindowDto, { nullable: true }) before!: LiveWindowDto | null;
}

@ObjectType('UnansweredComment')
export class UnansweredCommentDto {
  @Field() eventId!: string;
  @Field() viewerId!: string;
  @Field() text!: string;
  @Field(() => Date) at!: Date;
  @Field(() => Float) ageSeconds!: number;
  @Field({ description: 'The text holds ? or ？' }) question!: boolean;
}

@ObjectType('RecapWait')
export class RecapWaitDto {
  @Field(() => Int, {
    description: 'Viewers who joined after the last recap (or after minute 10) and are still watching',
  })
  viewers!: number;
  @Field(() => Int, { nullable: true, description: 'Whole minutes since the last recap; null before the first' })
  minutesSinceRecap!: number | null;
  @Field(() => Date, { nullable: true }) lastRecapAt!: Date | null;
}

@ObjectType('LiveAlertQuestion', { description: 'The viewer question a question_waiting alert is about' })
export class LiveAlertQuestionDto {
  @Field() eventId!: string;
  @Field() viewerId!: string;
  @Field() text!: string;
  @Field(() => Date) at!: Date;
}

/** What raised the alert: each kind fills its own fields, the others are null (docs/METRICS-DECISIONS.md, L-15). */
@ObjectType('LiveAlert')
export class LiveAlertDto {
  @Field(() => LiveAlertKind) kind!: string;
  @Field(() => Int, { description: 'The minute (from the session start) the alert was raised in' }) minute!: number;
  @Field(() => Date, { description: 'The start of that minute' }) at!: Date;
  @Field(() => Int, { nullable: true, description: 'viewer_drop: watching in the minute' }) watching!: number | null;
  @Field(() => Int, { nullable: true, description: 'viewer_drop: watching two minutes earlier' })
  watchingBefore!: number | null;
  @Field(() => Int, { nullable: true, description: 'chat_spike: viewer comments in the minute' }) comments!:
    number | null;
  @Field(() => Float, { nullable: true, description: 'chat_spike: median viewer comments of the ten minutes before' })
  usualComments!: number | null;
  @Field(() => Int, { nullable: true, description: "recap_due: viewers waiting for a recap at the minute's end" })
  waiting!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: "recap_due: whole minutes from the last recap to the minute's end; null before the first",
  })
  minutesSinceRecap!: number | null;
  @Field(() => LiveAlertQuestionDto, { nullable: true, description: 'question_waiting: the question' })
  question!: LiveAlertQuestionDto | null;
}

@ObjectType('PinnedNow', { description: 'The product pinned now, with its activity since the pin' })
export class PinnedNowDto {
  @Field() productId!: string;
  @Field() productName!: string;
  @Field(() => Float, { description: 'Seconds from the session start' }) since!: number;
  @Field(() => Int) clicks!: number;
  @Field(() => Int) cartAdds!: number;
  @Field(() => Int) orders!: number;
  @Field(() => Float) revenue!: number;
}

@ObjectType('SessionLive', { description: 'METRICS.md "Live": the state of a session in progress at an instant' })
export class SessionLiveDto {
  @Field(() => Date, { description: 'The instant the state is for' }) at!: Date;
  @Field(() => Int, { description: 'The minute in progress (excluded from the windows and alerts)' }) minute!: number;
  @Field(() => NowVsBeforeDto) nowVsBefore!: NowVsBeforeDto;
  /** All of them, questions first, then oldest first; the field (live.resolver.ts) may return the first few. */
  unansweredComments!: UnansweredCommentDto[];
  @Field(() => Int, { description: 'How many comments are unanswered (unansweredComments may show only the first)' })
  unansweredCount!: number;
  @Field(() => RecapWaitDto) waitingForRecap!: RecapWaitDto;
  @Field(() => [LiveAlertDto], { description: 'Every alert so far, each once per occurrence, in minute order' })
  alerts!: LiveAlertDto[];
  @Field(() => PinnedNowDto, { nullable: true }) pinned!: PinnedNowDto | null;
}

@ObjectType('RecapResult')
export class RecapResultDto {
  @Field({ description: 'The recap event (the same for every call with the same clientId)' }) eventId!: string;
  @Field(() => Date) at!: Date;
  @Field({ description: 'False when this clientId had already recorded the recap' }) recorded!: boolean;
}

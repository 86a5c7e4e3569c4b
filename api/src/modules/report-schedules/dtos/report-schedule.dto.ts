import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ReportCadence {
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(ReportCadence, {
  name: 'ReportCadence',
  description: 'WEEKLY: on `weekday`, sending the previous Monday–Sunday week; MONTHLY: on `day`, the previous month',
});

export enum ReportLanguageDto {
  en = 'en',
  ja = 'ja',
}
registerEnumType(ReportLanguageDto, { name: 'ReportLanguage', description: 'The language of the email and its PDF' });

export enum ReportRunStateDto {
  CLAIMED = 'CLAIMED',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
  INTERRUPTED = 'INTERRUPTED',
}
registerEnumType(ReportRunStateDto, {
  name: 'ReportRunState',
  description:
    'CLAIMED: being built; SENDING: being handed to the SMTP server; SENT; FAILED: retried at nextAttemptAt ' +
    '(null: given up); INTERRUPTED: the server stopped while sending — not resent automatically, to never send twice',
});

@InputType('CreateReportScheduleInput')
export class CreateReportScheduleInput {
  @Field(() => ID) brandId!: string;
  @Field(() => ReportCadence) cadence!: ReportCadence;
  @Field(() => Int, { nullable: true, description: 'WEEKLY: 1 Monday … 7 Sunday' }) weekday?: number | null;
  @Field(() => Int, { nullable: true, description: 'MONTHLY: 1 … 28 (every month has them)' }) day?: number | null;
  @Field(() => Int, { description: "0 … 23, on the time zone's wall clock" }) hour!: number;
  @Field(() => String, {
    nullable: true,
    description: "IANA zone of the hour and of the period's days; default: the brand's",
  })
  timeZone?: string | null;
  @Field(() => [String], { description: '1 … 20 email addresses' }) recipients!: string[];
  @Field(() => ReportLanguageDto, { nullable: true, description: 'Default en' }) language?: ReportLanguageDto | null;
}

@ObjectType('ReportRun', { description: 'One email of a schedule: a scheduled occurrence or a "send now"' })
export class ReportRunDto {
  @Field(() => Date, { description: 'The occurrence it is for (send now: when it was asked)' }) scheduledFor!: Date;
  @Field(() => Date, { description: 'The period covered: [periodFrom, periodTo)' }) periodFrom!: Date;
  @Field(() => Date) periodTo!: Date;
  @Field(() => ReportRunStateDto) state!: ReportRunStateDto;
  @Field(() => Int, { description: 'Attempts made so far' }) attempts!: number;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed' }) lastError!: string | null;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'FAILED: when it is tried again; null: given up' })
  nextAttemptAt!: Date | null;
  @Field({ description: 'True for a "send now" run' }) manual!: boolean;
}

@ObjectType('ReportSchedule', { description: "A brand's scheduled email report (PDF + CSVs of the period)" })
export class ReportScheduleDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) brandId!: string;
  @Field(() => ReportCadence) cadence!: ReportCadence;
  @Field(() => Int, { nullable: true }) weekday!: number | null;
  @Field(() => Int, { nullable: true }) day!: number | null;
  @Field(() => Int) hour!: number;
  @Field() timeZone!: string;
  @Field(() => [String]) recipients!: string[];
  @Field(() => ReportLanguageDto) language!: ReportLanguageDto;
  @Field() paused!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'The next occurrence; null while paused' }) nextRunAt!: Date | null;
  @Field(() => ReportRunDto, { nullable: true, description: 'The latest run, of any kind' })
  lastRun!: ReportRunDto | null;
  @Field(() => String, { nullable: true, description: "The latest run's error, if it has not been sent" })
  lastError!: string | null;
  @Field(() => Int, { description: "The latest run's attempts" }) attempts!: number;
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { fromClickHouseTime, toClickHouseTime } from '@lc/clickhouse';
import { isTimeZone } from '@lc/contract/common';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import {
  ReportScheduleRepository,
  type ReportRunRow,
  type ReportRunState,
  type ReportScheduleRow,
} from '../../repositories/report-schedule.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import {
  ReportCadence,
  ReportLanguageDto,
  ReportRunStateDto,
  type CreateReportScheduleInput,
  type ReportRunDto,
  type ReportScheduleDto,
} from './dtos/report-schedule.dto.js';
import { nextOccurrence } from './report-schedule.rules.js';
import { ReportScheduler, timingOf } from './report.scheduler.js';

export const MAX_RECIPIENTS = 20;
/** A practical address check (one @, no spaces, a dot in the domain): the SMTP server has the last word. */
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

const STATES: Record<ReportRunState, ReportRunStateDto> = {
  claimed: ReportRunStateDto.CLAIMED,
  sending: ReportRunStateDto.SENDING,
  sent: ReportRunStateDto.SENT,
  failed: ReportRunStateDto.FAILED,
  interrupted: ReportRunStateDto.INTERRUPTED,
};

export function toReportRunDto(row: ReportRunRow): ReportRunDto {
  return {
    scheduledFor: fromClickHouseTime(row.scheduled_for),
    periodFrom: fromClickHouseTime(row.period_from),
    periodTo: fromClickHouseTime(row.period_to),
    state: STATES[row.state],
    attempts: Number(row.attempts),
    lastError: row.last_error || null,
    sentAt: row.sent_at ? fromClickHouseTime(row.sent_at) : null,
    nextAttemptAt: row.next_attempt_at ? fromClickHouseTime(row.next_attempt_at) : null,
    manual: row.run_key.startsWith('now:'),
  };
}

const bad = (field: string, message: string): ApiException =>
  new ApiException(ApiErrorCode.BAD_USER_INPUT, `${field} ${message}`, field);

/** The checked row of a new schedule; each refusal names its field. */
export function scheduleRow(
  input: CreateReportScheduleInput,
  brand: { id: string; timeZone: string },
  now: Date,
): ReportScheduleRow {
  const weekly = input.cadence === ReportCadence.WEEKLY;
  const whole = (value: number | null | undefined, min: number, max: number) =>
    value !== null && value !== undefined && Number.isInteger(value) && value >= min && value <= max;
  if (weekly && !whole(input.weekday, 1, 7)) throw bad('weekday', 'must be 1 (Monday) … 7 (Sunday) for WEEKLY');
  if (!weekly && !whole(input.day, 1, 28))
    throw bad('day', 'must be 1 … 28 for MONTHLY (29–31 are missing from some months)');
  if (!whole(input.hour, 0, 23)) throw bad('hour', 'must be a whole hour 0 … 23');
  const timeZone = input.timeZone ?? brand.timeZone;
  if (!isTimeZone(timeZone)) throw bad('timeZone', `"${timeZone}" is not an IANA time zone (e.g. Asia/Tokyo)`);
  const recipients = [...new Set(input.recipients.map((r) => r.trim()).filter((r) => r !== ''))];
  if (recipients.length === 0) throw bad('recipients', 'must hold at least one email address');
  if (recipients.length > MAX_RECIPIENTS) throw bad('recipients', `may hold at most ${MAX_RECIPIENTS} addresses`);
  const invalid = recipients.find((r) => !EMAIL.test(r));
  if (invalid !== undefined) throw bad('recipients', `holds "${invalid}", which is not an email address`);
  return {
    brand_id: brand.id,
    schedule_id: randomUUID(),
    cadence: input.cadence,
    weekday: weekly ? (input.weekday ?? 0) : 0,
    day: weekly ? 0 : (input.day ?? 0),
    hour: input.hour,
    time_zone: timeZone,
    recipients,
    language: input.language ?? ReportLanguageDto.en,
    paused: 0,
    deleted: 0,
    created_at: toClickHouseTime(now),
  };
}

/** Report schedules of the brands a caller reads: the admin, or a READ token of that brand. */
@Injectable()
export class ReportScheduleService {
  constructor(
    private readonly repository: ReportScheduleRepository,
    private readonly brands: BrandAccessService,
    private readonly scheduler: ReportScheduler,
  ) {}

  async create(principal: Principal, input: CreateReportScheduleInput): Promise<ReportScheduleDto> {
    const brand = await this.brands.resolve(principal, input.brandId);
    const row = scheduleRow(input, brand, new Date());
    await this.repository.saveSchedule(row);
    return (await this.dtos(principal, [row]))[0];
  }

  async list(principal: Principal, brandId: string): Promise<ReportScheduleDto[]> {
    const brand = await this.brands.resolve(principal, brandId);
    return this.dtos(principal, await this.repository.schedules(BrandScope.of(principal, brand.id)));
  }

  async setPaused(principal: Principal, id: string, paused: boolean): Promise<ReportScheduleDto> {
    const row = await this.find(principal, id);
    const next = { ...row, paused: paused ? 1 : 0 };
    await this.repository.saveSchedule(next);
    return (await this.dtos(principal, [next]))[0];
  }

  async delete(principal: Principal, id: string): Promise<boolean> {
    const row = await this.find(principal, id);
    await this.repository.saveSchedule({ ...row, deleted: 1 });
    return true;
  }

  /** Sends the report now (the period a run now would cover), whatever the schedule's pause; answers with the run. */
  async sendNow(principal: Principal, id: string): Promise<ReportRunDto> {
    return toReportRunDto(await this.scheduler.sendNow(await this.find(principal, id)));
  }

  private async find(principal: Principal, id: string): Promise<ReportScheduleRow> {
    const row = await this.repository.schedule(BrandScope.of(principal), id);
    if (!row) throw new ApiException(ApiErrorCode.NOT_FOUND, `no report schedule "${id}" for this token`, 'id');
    return row;
  }

  private async dtos(principal: Principal, rows: readonly ReportScheduleRow[]): Promise<ReportScheduleDto[]> {
    const runs = await this.repository.runs(
      BrandScope.of(principal),
      rows.map((r) => r.schedule_id),
      rows.length * 20,
    );
    const now = new Date();
    return rows.map((row) => {
      // runs come newest claim first: the first of a schedule is its latest
      const last = runs.find((r) => r.schedule_id === row.schedule_id);
      const paused = Number(row.paused) === 1;
      return {
        id: row.schedule_id,
        brandId: row.brand_id,
        cadence: row.cadence as ReportCadence,
        weekday: row.cadence === 'WEEKLY' ? Number(row.weekday) : null,
        day: row.cadence === 'MONTHLY' ? Number(row.day) : null,
        hour: Number(row.hour),
        timeZone: row.time_zone,
        recipients: row.recipients,
        language: row.language as ReportLanguageDto,
        paused,
        createdAt: fromClickHouseTime(row.created_at),
        nextRunAt: paused ? null : nextOccurrence(timingOf(row), now),
        lastRun: last ? toReportRunDto(last) : null,
        lastError: last && last.state !== 'sent' ? last.last_error || null : null,
        attempts: last ? Number(last.attempts) : 0,
      };
    });
  }
}

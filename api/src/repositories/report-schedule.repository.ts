import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, nextRowVersion } from '@lc/clickhouse';
import { scopeFilter, type BrandScope } from '../modules/auth/principal.js';

export interface ReportScheduleRow {
  brand_id: string;
  schedule_id: string;
  cadence: 'WEEKLY' | 'MONTHLY';
  weekday: number;
  day: number;
  hour: number;
  time_zone: string;
  recipients: string[];
  language: 'en' | 'ja';
  paused: number;
  deleted: number;
  created_at: string;
}

export type ReportRunState = 'claimed' | 'sending' | 'sent' | 'failed' | 'interrupted';

export interface ReportRunRow {
  brand_id: string;
  schedule_id: string;
  /** The occurrence's instant (ISO) for a scheduled run, `now:<uuid>` for "send now". */
  run_key: string;
  scheduled_for: string;
  period_from: string;
  period_to: string;
  state: ReportRunState;
  attempts: number;
  last_error: string;
  claimed_by: string;
  claimed_at: string;
  sent_at: string | null;
  next_attempt_at: string | null;
}

const SCHEDULE_COLUMNS = `brand_id, schedule_id, cadence, weekday, day, hour, time_zone, recipients, language, paused,
  deleted, created_at`;
const RUN_COLUMNS = `brand_id, schedule_id, run_key, scheduled_for, period_from, period_to, state, attempts, last_error,
  claimed_by, claimed_at, sent_at, next_attempt_at`;

/**
 * Report schedules and their runs (migration 0011), both ReplacingMergeTree by version and read with
 * FINAL. A run's row is its claim: the scheduler writes it before building or sending anything and
 * reads it back to learn whether its write is the one that stands.
 */
@Injectable()
export class ReportScheduleRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  async saveSchedule(row: ReportScheduleRow): Promise<void> {
    await this.gateway.insert('report_schedules', [{ ...row, version: nextRowVersion() }], {
      tag: 'reportSchedules.save',
    });
  }

  /** The scope's schedules (one brand, or every one for the admin), deleted ones left out. */
  async schedules(scope: BrandScope): Promise<ReportScheduleRow[]> {
    return this.gateway.query<ReportScheduleRow>(
      `SELECT ${SCHEDULE_COLUMNS} FROM report_schedules FINAL
       WHERE ${scopeFilter('brand_id')} AND deleted = 0
       ORDER BY brand_id, created_at, schedule_id`,
      scope.params,
      { tag: 'reportSchedules.list' },
    );
  }

  async schedule(scope: BrandScope, scheduleId: string): Promise<ReportScheduleRow | null> {
    const rows = await this.gateway.query<ReportScheduleRow>(
      `SELECT ${SCHEDULE_COLUMNS} FROM report_schedules FINAL
       WHERE ${scopeFilter('brand_id')} AND schedule_id = {scheduleId:String} AND deleted = 0`,
      { ...scope.params, scheduleId },
      { tag: 'reportSchedules.one' },
    );
    return rows[0] ?? null;
  }

  /** A run's standing row with the version that stands, or null when none was written. */
  async run(brandId: string, scheduleId: string, runKey: string): Promise<(ReportRunRow & { version: number }) | null> {
    const rows = await this.gateway.query<ReportRunRow & { version: number }>(
      `SELECT ${RUN_COLUMNS}, version FROM report_runs FINAL
       WHERE brand_id = {brandId:String} AND schedule_id = {scheduleId:String} AND run_key = {runKey:String}`,
      { brandId, scheduleId, runKey },
      { tag: 'reportRuns.one' },
    );
    return rows[0] ?? null;
  }

  /** Writes a run's new state; returns the row's version (a claim compares it with what stands after). */
  async writeRun(row: ReportRunRow): Promise<number> {
    const version = nextRowVersion();
    await this.gateway.insert('report_runs', [{ ...row, version }], { tag: 'reportRuns.write' });
    return version;
  }

  /** The latest runs of the scope's schedules, newest claim first. */
  async runs(scope: BrandScope, scheduleIds: readonly string[], limit: number): Promise<ReportRunRow[]> {
    if (scheduleIds.length === 0) return [];
    return this.gateway.query<ReportRunRow>(
      `SELECT ${RUN_COLUMNS} FROM report_runs FINAL
       WHERE ${scopeFilter('brand_id')} AND schedule_id IN {scheduleIds:Array(String)}
       ORDER BY claimed_at DESC, run_key DESC
       LIMIT {limit:UInt32}`,
      { ...scope.params, scheduleIds: [...scheduleIds], limit },
      { tag: 'reportRuns.list' },
    );
  }

  /**
   * Runs the scheduler must look at again: failed ones whose retry is due, and claims older than the
   * lease (their process stopped: a claim is taken over, a send in progress is marked interrupted).
   */
  async unfinished(now: string, staleBefore: string, limit: number): Promise<ReportRunRow[]> {
    return this.gateway.query<ReportRunRow>(
      `SELECT ${RUN_COLUMNS} FROM report_runs FINAL
       WHERE (state = 'failed' AND next_attempt_at <= {now:DateTime64(3, 'UTC')})
          OR (state IN ('claimed', 'sending') AND claimed_at <= {staleBefore:DateTime64(3, 'UTC')})
       ORDER BY claimed_at
       LIMIT {limit:UInt32}`,
      { now, staleBefore, limit },
      { tag: 'reportRuns.unfinished' },
    );
  }
}

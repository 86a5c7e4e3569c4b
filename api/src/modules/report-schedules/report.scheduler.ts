import { createHash, randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { fromClickHouseTime, toClickHouseTime } from '@lc/clickhouse';
import { SerialRounds } from '../../common/serial-rounds.js';
import { ApiSettings } from '../../api.env.js';
import {
  ReportScheduleRepository,
  type ReportRunRow,
  type ReportScheduleRow,
} from '../../repositories/report-schedule.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import { ExportService } from '../export/export.service.js';
import { ReportPdfService } from '../reports/report-pdf.service.js';
import { ReportMailerService, SMTP_MISSING } from './report-mailer.service.js';
import {
  CLAIM_LEASE_MS,
  dueOccurrence,
  MAX_ATTEMPTS,
  retryDelayMs,
  runPeriod,
  reportEmail,
  type RunPeriod,
  type ScheduleTiming,
} from './report-schedule.rules.js';

const ADMIN: Principal = { kind: 'admin' };
/** A run reads its brand as a READ token of that brand would. */
const brandPrincipal = (brandId: string): Principal => ({
  kind: 'reader',
  keyId: 'internal:report-scheduler',
  brandIds: [brandId],
});
/** The CSV exports attached to every report email (export.service.ts). */
const ATTACHED_TABLES = ['sessions', 'commercers', 'products'] as const;
const UNFINISHED_PER_ROUND = 50;
const CSV_BOM = '\ufeff';
export const INTERRUPTED =
  'the server stopped while this email was being handed to the SMTP server: it is not sent again automatically, to never send it twice; use "Send now" if it did not arrive';

export interface ReportRound {
  sent: number;
  failed: number;
  interrupted: number;
}

export const timingOf = (row: ReportScheduleRow): ScheduleTiming => ({
  cadence: row.cadence,
  weekday: Number(row.weekday),
  day: Number(row.day),
  hour: Number(row.hour),
  timeZone: row.time_zone,
});

/**
 * Sends the scheduled report emails (docs/API.md, "Agency reports"). Each round (every
 * REPORT_SCAN_MS, one at a time): for each active schedule, the latest occurrence that is due and has
 * no run row is claimed — a row written before anything is built, read back to see that this write
 * stands — then the PDF and CSVs are built, the row turns `sending`, the email goes out, and the row
 * turns `sent` (or `failed` with its next attempt). A restarted process finds the row and sends nothing
 * again: a `claimed` run whose holder stopped is taken over after the lease (nothing had been sent);
 * a `sending` one is marked `interrupted`, not resent (the SMTP server may have taken it).
 * Only one process per deployment runs rounds (REPORT_SCAN_MS=0 on the others).
 */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  /** Names this process's claims. */
  readonly instance = randomUUID();
  private readonly log: Logger;
  /** Rounds (and, for reports, "send now") one after another, never overlapping. */
  private readonly rounds: SerialRounds;

  constructor(
    private readonly repository: ReportScheduleRepository,
    private readonly reports: ReportPdfService,
    private readonly exports: ExportService,
    private readonly mailer: ReportMailerService,
    private readonly settings: ApiSettings,
  ) {
    this.log = pino({ name: 'report-scheduler', level: settings.logLevel });
    this.rounds = new SerialRounds((error) =>
      this.log.warn({ err: error }, 'report round failed; the next one retries'),
    );
  }

  onApplicationBootstrap(): void {
    const scanMs = this.settings.reports?.scanMs ?? 0;
    if (scanMs === 0) return;
    if (!this.mailer.configured) this.log.warn(`${SMTP_MISSING}: scheduled reports will fail until it is set`);
    this.rounds.every(scanMs, () => this.runOnce());
  }

  async onModuleDestroy(): Promise<void> {
    await this.rounds.stop();
  }

  /** One round at `now`, after any round still running. */
  runOnce(now: Date = new Date()): Promise<ReportRound> {
    return this.rounds.run(() => this.round(now));
  }

  /** "Send now": a run of its own (key `now:<uuid>`) covering the period a run now would; resolves with its final row. */
  sendNow(schedule: ReportScheduleRow, now: Date = new Date()): Promise<ReportRunRow> {
    return this.rounds.run(async () => {
      const row = this.newRun(schedule, `now:${randomUUID()}`, now, runPeriod(timingOf(schedule), now));
      return (await this.claim(row, now)) ? this.execute(schedule, row, now) : row;
    });
  }

  private async round(now: Date): Promise<ReportRound> {
    const report: ReportRound = { sent: 0, failed: 0, interrupted: 0 };
    const schedules = await this.repository.schedules(BrandScope.of(ADMIN));
    const byId = new Map(schedules.map((s) => [s.schedule_id, s]));
    for (const schedule of schedules) {
      if (Number(schedule.paused)) continue;
      const timing = timingOf(schedule);
      const due = dueOccurrence(timing, fromClickHouseTime(schedule.created_at), now);
      if (!due) continue;
      const runKey = due.toISOString();
      if (await this.repository.run(schedule.brand_id, schedule.schedule_id, runKey)) continue;
      const row = this.newRun(schedule, runKey, due, runPeriod(timing, due));
      if (!(await this.claim(row, now))) continue;
      count(report, await this.execute(schedule, row, now));
    }
    const staleBefore = toClickHouseTime(now.getTime() - CLAIM_LEASE_MS);
    for (const run of await this.repository.unfinished(toClickHouseTime(now), staleBefore, UNFINISHED_PER_ROUND)) {
      const schedule = byId.get(run.schedule_id);
      if (run.state === 'sending' || !schedule) {
        await this.repository.writeRun({
          ...run,
          state: run.state === 'sending' ? 'interrupted' : 'failed',
          last_error: run.state === 'sending' ? INTERRUPTED : 'the schedule was deleted',
          next_attempt_at: null,
        });
        if (run.state === 'sending') report.interrupted++;
        continue;
      }
      // a paused schedule's retry waits for its resume
      if (Number(schedule.paused)) continue;
      if (!(await this.claim(run, now))) continue;
      count(report, await this.execute(schedule, run, now));
    }
    if (report.sent + report.failed + report.interrupted > 0) this.log.info(report, 'report round');
    return report;
  }

  private newRun(schedule: ReportScheduleRow, runKey: string, at: Date, period: RunPeriod): ReportRunRow {
    return {
      brand_id: schedule.brand_id,
      schedule_id: schedule.schedule_id,
      run_key: runKey,
      scheduled_for: toClickHouseTime(at),
      period_from: toClickHouseTime(period.from),
      period_to: toClickHouseTime(period.to),
      state: 'claimed',
      attempts: 0,
      last_error: '',
      claimed_by: '',
      claimed_at: toClickHouseTime(at),
      sent_at: null,
      next_attempt_at: null,
    };
  }

  /** Writes this process's claim on a run and reads it back: true when this write is the one that stands. */
  private async claim(run: ReportRunRow, now: Date): Promise<boolean> {
    run.state = 'claimed';
    run.claimed_by = this.instance;
    run.claimed_at = toClickHouseTime(now);
    const version = await this.repository.writeRun(run);
    const standing = await this.repository.run(run.brand_id, run.schedule_id, run.run_key);
    return standing?.claimed_by === this.instance && Number(standing.version) === version;
  }

  /** Builds and sends one claimed run; returns its final row (sent, or failed with its next attempt). */
  private async execute(schedule: ReportScheduleRow, run: ReportRunRow, now: Date): Promise<ReportRunRow> {
    const attempts = Number(run.attempts) + 1;
    try {
      if (!this.mailer.configured) throw new Error(SMTP_MISSING);
      const message = await this.message(schedule, run);
      await this.repository.writeRun({ ...run, state: 'sending' });
      await this.mailer.send(message);
      const sent: ReportRunRow = {
        ...run,
        state: 'sent',
        attempts,
        last_error: '',
        sent_at: toClickHouseTime(new Date()),
        next_attempt_at: null,
      };
      await this.repository.writeRun(sent);
      this.log.info({ scheduleId: run.schedule_id, runKey: run.run_key }, 'report email sent');
      return sent;
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 500);
      const last = attempts >= MAX_ATTEMPTS;
      const failed: ReportRunRow = {
        ...run,
        state: 'failed',
        attempts,
        last_error: reason,
        next_attempt_at: last ? null : toClickHouseTime(now.getTime() + retryDelayMs(attempts)),
      };
      await this.repository.writeRun(failed);
      this.log.warn(
        { scheduleId: run.schedule_id, runKey: run.run_key, attempts },
        `report email failed${last ? ' for good' : ', will be retried'}: ${reason}`,
      );
      return failed;
    }
  }

  /** The email of a run: subject and body in the schedule's language, the PDF and the period's CSVs. */
  private async message(schedule: ReportScheduleRow, run: ReportRunRow) {
    const principal = brandPrincipal(schedule.brand_id);
    const input = {
      from: fromClickHouseTime(run.period_from),
      to: fromClickHouseTime(run.period_to),
      timeZone: schedule.time_zone,
    };
    // the PDF carries the brand's white-label, and the email names the brand as its clients know it
    const report = await this.reports.render(principal, schedule.brand_id, input, schedule.language);
    const stem = `${schedule.brand_id}-${report.firstDay}_${report.lastDay}`.replace(/[^\w.-]+/g, '_');
    const attachments = [{ filename: `${stem}-report.pdf`, content: report.pdf, contentType: 'application/pdf' }];
    for (const table of ATTACHED_TABLES) {
      // the same file as GET /export/<table>.csv, with its BOM (Excel reads Japanese names right)
      const file = await this.exports.file(table, principal, schedule.brand_id, input);
      attachments.push({
        filename: `${stem}-${table}.csv`,
        content: Buffer.from(`${CSV_BOM}${file.csv}`),
        contentType: 'text/csv; charset=utf-8',
      });
    }
    const { subject, text } = reportEmail(
      {
        brandName: report.branding?.displayName || report.brand.name,
        cadence: schedule.cadence,
        period: { ...input, firstDay: report.firstDay, lastDay: report.lastDay },
        attachments: attachments.map((a) => a.filename),
      },
      schedule.language,
    );
    const id = createHash('sha256').update(`${run.schedule_id}\n${run.run_key}`).digest('hex').slice(0, 32);
    return { to: schedule.recipients, subject, text, messageId: `<report-${id}@live-commerce>`, attachments };
  }
}

function count(report: ReportRound, run: ReportRunRow): void {
  if (run.state === 'sent') report.sent++;
  else report.failed++;
}

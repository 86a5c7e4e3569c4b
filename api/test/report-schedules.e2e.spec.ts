import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { extractText, getDocumentProxy } from 'unpdf';
import { toClickHouseTime } from '@lc/clickhouse';
import { createApiApp } from '../src/api.app.js';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../src/api.env.js';
import { BrandScope } from '../src/modules/auth/principal.js';
import { ReportScheduleRepository, type ReportScheduleRow } from '../src/repositories/report-schedule.repository.js';
import { ReportCadence, ReportLanguageDto } from '../src/modules/report-schedules/dtos/report-schedule.dto.js';
import { scheduleRow } from '../src/modules/report-schedules/report-schedule.service.js';
import { INTERRUPTED, ReportScheduler } from '../src/modules/report-schedules/report.scheduler.js';
import { ADMIN, startApi, type ApiHarness } from './api.harness.js';

/**
 * Scheduled email reports against a real SMTP server (smtp-server) on the real engine, PDFs printed by
 * the real Chromium from the dashboard build (`npm run build` first), on the hand fixture (docs/FIXTURE.md).
 *
 * A WEEKLY schedule on Monday 09:00 Tokyo created on 2026-11-20: its first occurrence is Monday
 * 2026-11-23 09:00 +09:00 = 2026-11-23T00:00Z, covering the previous Monday–Sunday week
 * 2026-11-16 … 2026-11-22 = [2026-11-15T15:00Z, 2026-11-22T15:00Z). That week holds b1's S0 (11-19) and
 * S1 (11-20): sessions.csv has 2 rows, S1's revenue 4400; products.csv has p1 and p2.
 */
const CREATED = new Date('2026-11-20T00:00:00Z');
const OCCURRENCE = new Date('2026-11-23T00:00:00Z');
/** Two days after the occurrence: the server was down when it was due. */
const LATER = new Date('2026-11-25T00:00:00Z');
const STEM = 'b1-2026-11-16_2026-11-22';

interface SmtpServer {
  url: string;
  messages: ParsedMail[];
  /** Refuse the next n messages with a 451. */
  failNext(n: number): void;
  close(): Promise<void>;
}

async function startSmtp(): Promise<SmtpServer> {
  const messages: ParsedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (failures > 0) {
        failures--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNext: (n) => (failures = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function pdfText(content: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(content));
  // the font's en dash comes back as U+2012 from text extraction
  return (await extractText(pdf, { mergePages: true })).text.replace(/\u2012/g, '–');
}

const csvLines = (mail: ParsedMail, table: string): string[] =>
  (mail.attachments.find((a) => a.filename === `${STEM}-${table}.csv`)?.content.toString('utf8') ?? '')
    .replace(/^\ufeff/, '')
    .trim()
    .split('\n');

const SCHEDULES_QUERY = `query ($brandId: ID!) { reportSchedules(brandId: $brandId) {
  id cadence weekday day hour timeZone recipients language paused nextRunAt attempts lastError
  lastRun { state attempts lastError periodFrom periodTo sentAt nextAttemptAt manual } } }`;

describe('scheduled email reports', () => {
  let h: ApiHarness;
  let smtp: SmtpServer;
  let repository: ReportScheduleRepository;
  let scheduler: ReportScheduler;
  const apps: INestApplication[] = [];

  /** A second API process on the same engine (a restart, or a replica): its own scheduler instance. */
  async function secondInstance(reports: Partial<ReportSettings> = {}): Promise<ReportScheduler> {
    const app = await createApiApp({
      gateway: h.engine.gateway,
      logger: false,
      settings: {
        adminToken: ADMIN,
        logLevel: 'silent',
        reports: { ...DEFAULT_REPORT_SETTINGS, renderTimeoutMs: 120_000, smtpUrl: smtp.url, ...reports },
      },
    });
    await app.listen(0, '127.0.0.1');
    apps.push(app);
    return app.get(ReportScheduler);
  }

  /** A schedule of b1 as if created at `createdAt` (before the server went down). */
  async function scheduleCreatedAt(
    createdAt: Date,
    overrides: Partial<Parameters<typeof scheduleRow>[0]> = {},
  ): Promise<ReportScheduleRow> {
    const row = scheduleRow(
      {
        brandId: 'b1',
        cadence: ReportCadence.WEEKLY,
        weekday: 1,
        hour: 9,
        timeZone: 'Asia/Tokyo',
        recipients: ['client@example.com'],
        language: ReportLanguageDto.en,
        ...overrides,
      },
      { id: 'b1', timeZone: 'Asia/Tokyo' },
      createdAt,
    );
    await repository.saveSchedule(row);
    return row;
  }

  const remove = (row: ReportScheduleRow) => repository.saveSchedule({ ...row, deleted: 1 });

  beforeAll(async () => {
    smtp = await startSmtp();
    // Rendering is given 2 minutes here: the machine running the tests is shared and slow at times.
    h = await startApi(
      {},
      {
        logLevel: 'error',
        reports: {
          ...DEFAULT_REPORT_SETTINGS,
          renderTimeoutMs: 120_000,
          smtpUrl: smtp.url,
          smtpFrom: 'Agency <reports@agency.example>',
        },
      },
    );
    repository = h.app.get(ReportScheduleRepository);
    scheduler = h.app.get(ReportScheduler);
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await h.close();
    await smtp.close();
  }, 60_000);
  beforeEach(() => {
    smtp.messages.length = 0;
  });
  // each test starts without schedules, even after a failed one
  afterEach(async () => {
    for (const row of await repository.schedules(BrandScope.of({ kind: 'admin' }))) await remove(row);
  });

  it('sends a run missed while the server was down once: the PDF and the CSVs of the previous week', async () => {
    const row = await scheduleCreatedAt(CREATED);
    expect(await scheduler.runOnce(LATER)).toEqual({ sent: 1, failed: 0, interrupted: 0 });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail.subject).toBe('Weekly report: Brand b1 (2026-11-16 – 2026-11-22)');
    expect(mail.from?.value).toEqual([{ name: 'Agency', address: 'reports@agency.example' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('client@example.com');
    expect(mail.text).toContain('Period: 2026-11-16 – 2026-11-22 (Asia/Tokyo)');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`${STEM}-report.pdf`, 'application/pdf'],
      [`${STEM}-sessions.csv`, 'text/csv'],
      [`${STEM}-commercers.csv`, 'text/csv'],
      [`${STEM}-products.csv`, 'text/csv'],
    ]);
    const text = await pdfText(mail.attachments[0].content);
    expect(text).toContain('Brand b1');
    expect(text).toContain('2026-11-16 – 2026-11-22 (Asia/Tokyo)');
    // S0 and S1, oldest first; S1's revenue 4400 (docs/FIXTURE.md)
    const sessions = csvLines(mail, 'sessions');
    expect(sessions).toHaveLength(3);
    const header = sessions[0].split(',');
    const s1 = sessions[2].split(',');
    expect(s1[header.indexOf('sessionId')]).toBe('S1');
    expect(s1[header.indexOf('revenue')]).toBe('4400');
    expect(
      csvLines(mail, 'products')
        .slice(1)
        .map((line) => line.split(',')[0])
        .sort(),
    ).toEqual(['p1', 'p2']);

    // the same round again, and later ones before the next occurrence (2026-11-30T00:00Z), send nothing
    expect(await scheduler.runOnce(LATER)).toEqual({ sent: 0, failed: 0, interrupted: 0 });
    expect(await scheduler.runOnce(new Date('2026-11-29T23:59:00Z'))).toEqual({ sent: 0, failed: 0, interrupted: 0 });
    expect(smtp.messages).toHaveLength(1);
    const run = await repository.run('b1', row.schedule_id, OCCURRENCE.toISOString());
    expect(run).toMatchObject({ state: 'sent', attempts: 1, period_from: '2026-11-15 15:00:00.000' });
    await remove(row);
  }, 300_000);

  it('never sends twice across a restart: a second scheduler instance on the same engine sends nothing already claimed or sent', async () => {
    const row = await scheduleCreatedAt(CREATED);
    expect((await scheduler.runOnce(LATER)).sent).toBe(1);
    const restarted = await secondInstance();
    expect(await restarted.runOnce(LATER)).toEqual({ sent: 0, failed: 0, interrupted: 0 });
    expect(smtp.messages).toHaveLength(1);
    await remove(row);

    // A process claimed a run and stopped before sending: within the lease nobody else sends it;
    // after the lease (10 min) one instance takes it over and sends it once.
    const claimed = await scheduleCreatedAt(CREATED);
    await repository.writeRun({
      brand_id: 'b1',
      schedule_id: claimed.schedule_id,
      run_key: OCCURRENCE.toISOString(),
      scheduled_for: toClickHouseTime(OCCURRENCE),
      period_from: '2026-11-15 15:00:00.000',
      period_to: '2026-11-22 15:00:00.000',
      state: 'claimed',
      attempts: 0,
      last_error: '',
      claimed_by: 'a-stopped-process',
      claimed_at: toClickHouseTime(LATER),
      sent_at: null,
      next_attempt_at: null,
    });
    expect((await restarted.runOnce(new Date(LATER.getTime() + 60_000))).sent).toBe(0);
    expect(smtp.messages).toHaveLength(1);
    expect((await restarted.runOnce(new Date(LATER.getTime() + 11 * 60_000))).sent).toBe(1);
    expect((await scheduler.runOnce(new Date(LATER.getTime() + 12 * 60_000))).sent).toBe(0);
    expect(smtp.messages).toHaveLength(2);
    await remove(claimed);

    // A process stopped while handing the email to SMTP: it may have gone out, so it is marked, not resent.
    const sending = await scheduleCreatedAt(CREATED);
    const base = {
      brand_id: 'b1',
      schedule_id: sending.schedule_id,
      run_key: OCCURRENCE.toISOString(),
      scheduled_for: toClickHouseTime(OCCURRENCE),
      period_from: '2026-11-15 15:00:00.000',
      period_to: '2026-11-22 15:00:00.000',
      attempts: 0,
      last_error: '',
      claimed_by: 'a-stopped-process',
      claimed_at: toClickHouseTime(LATER),
      sent_at: null,
      next_attempt_at: null,
    };
    await repository.writeRun({ ...base, state: 'sending' });
    expect(await restarted.runOnce(new Date(LATER.getTime() + 11 * 60_000))).toEqual({
      sent: 0,
      failed: 0,
      interrupted: 1,
    });
    expect(await restarted.runOnce(new Date(LATER.getTime() + 60 * 60_000))).toEqual({
      sent: 0,
      failed: 0,
      interrupted: 0,
    });
    expect(smtp.messages).toHaveLength(2);
    expect(await repository.run('b1', sending.schedule_id, OCCURRENCE.toISOString())).toMatchObject({
      state: 'interrupted',
      last_error: INTERRUPTED,
    });
    await remove(sending);
  }, 400_000);

  it('retries a run the SMTP server refused, with backoff, and shows it in the schedule state', async () => {
    const { data } = await h.gql(
      `mutation { createReportSchedule(input: { brandId: "b1", cadence: WEEKLY, weekday: 1, hour: 9, timeZone: "Asia/Tokyo", recipients: ["client@example.com"] }) { id } }`,
      {},
      h.tokens.b1,
    );
    const id = (data?.createReportSchedule as { id: string }).id;
    // created now (the real clock): move its creation back so the fixture week's run is due
    const row = await repository.schedule(BrandScope.of({ kind: 'admin' }), id);
    await repository.saveSchedule({ ...row!, created_at: toClickHouseTime(CREATED) });

    smtp.failNext(1);
    expect(await scheduler.runOnce(LATER)).toEqual({ sent: 0, failed: 1, interrupted: 0 });
    const state = async () =>
      (
        (await h.gql(SCHEDULES_QUERY, { brandId: 'b1' }, h.tokens.b1)).data?.reportSchedules as Record<
          string,
          unknown
        >[]
      ).find((s) => s.id === id) as { attempts: number; lastError: string | null; lastRun: Record<string, unknown> };
    const failed = await state();
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain('mailbox busy, try later');
    // the first retry waits 1 minute
    expect(failed.lastRun).toMatchObject({
      state: 'FAILED',
      attempts: 1,
      sentAt: null,
      nextAttemptAt: '2026-11-25T00:01:00.000Z',
      periodFrom: '2026-11-15T15:00:00.000Z',
      periodTo: '2026-11-22T15:00:00.000Z',
      manual: false,
    });
    expect(await scheduler.runOnce(new Date('2026-11-25T00:00:30Z'))).toEqual({ sent: 0, failed: 0, interrupted: 0 });
    expect(await scheduler.runOnce(new Date('2026-11-25T00:01:00Z'))).toEqual({ sent: 1, failed: 0, interrupted: 0 });
    expect(smtp.messages).toHaveLength(1);
    const sent = await state();
    expect(sent).toMatchObject({
      attempts: 2,
      lastError: null,
      lastRun: { state: 'SENT', attempts: 2, nextAttemptAt: null },
    });
    await h.gql(`mutation { deleteReportSchedule(id: "${id}") }`, {}, h.tokens.b1);
  }, 300_000);

  it('writes subject, body and PDF in Japanese for language ja', async () => {
    const row = await scheduleCreatedAt(CREATED, { language: ReportLanguageDto.ja });
    expect((await scheduler.runOnce(LATER)).sent).toBe(1);
    const mail = smtp.messages[0];
    expect(mail.subject).toBe('週次レポート：Brand b1（2026-11-16 〜 2026-11-22）');
    expect(mail.text).toContain('対象期間：2026-11-16 〜 2026-11-22（Asia/Tokyo）');
    const text = await pdfText(mail.attachments[0].content);
    expect(text).toContain('クライアントレポート');
    expect(text).toContain('2026-11-16 〜 2026-11-22（Asia/Tokyo）');
    await remove(row);
  }, 300_000);

  it('fails runs with "SMTP_URL not set" when no SMTP server is configured', async () => {
    const row = await scheduleCreatedAt(CREATED);
    const unconfigured = await secondInstance({ smtpUrl: undefined });
    expect(await unconfigured.runOnce(LATER)).toEqual({ sent: 0, failed: 1, interrupted: 0 });
    expect(await repository.run('b1', row.schedule_id, OCCURRENCE.toISOString())).toMatchObject({
      state: 'failed',
      attempts: 1,
      last_error: expect.stringContaining('SMTP_URL not set'),
    });
    expect(smtp.messages).toHaveLength(0);
    await remove(row);
  }, 60_000);

  describe('through GraphQL', () => {
    const create = (input: string, token = h.tokens.b1) =>
      h.gql(
        `mutation { createReportSchedule(input: { ${input} }) { id paused nextRunAt weekday day language } }`,
        {},
        token,
      );

    it('refuses bad input naming the field', async () => {
      const base = 'brandId: "b1", hour: 9, recipients: ["a@example.com"]';
      const cases: [string, string][] = [
        [`${base}, cadence: WEEKLY, weekday: 8`, 'weekday'],
        [`${base}, cadence: WEEKLY`, 'weekday'],
        [`${base}, cadence: MONTHLY, day: 31`, 'day'],
        [`brandId: "b1", cadence: WEEKLY, weekday: 1, hour: 24, recipients: ["a@example.com"]`, 'hour'],
        [`${base}, cadence: WEEKLY, weekday: 1, timeZone: "Mars/Olympus"`, 'timeZone'],
        [`brandId: "b1", cadence: WEEKLY, weekday: 1, hour: 9, recipients: []`, 'recipients'],
        [`brandId: "b1", cadence: WEEKLY, weekday: 1, hour: 9, recipients: ["not an address"]`, 'recipients'],
      ];
      for (const [input, field] of cases) {
        const { errors } = await create(input);
        expect({ input, code: errors?.[0].extensions?.code, field: errors?.[0].extensions?.field }).toEqual({
          input,
          code: 'BAD_USER_INPUT',
          field,
        });
      }
      // another brand's schedule is not this token's
      const { errors } = await create(
        `${base}, brandId: "b2", cadence: WEEKLY, weekday: 1`.replace('brandId: "b1", ', ''),
      );
      expect(errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'brandId' });
    });

    it('lists, pauses, resumes, sends now and deletes', async () => {
      const { data } = await create(
        'brandId: "b1", cadence: MONTHLY, day: 1, hour: 8, timeZone: "UTC", recipients: ["a@example.com", "b@example.com"], language: ja',
      );
      const created = data?.createReportSchedule as { id: string; nextRunAt: string; day: number; weekday: null };
      expect(created).toMatchObject({ paused: false, day: 1, weekday: null, language: 'ja' });
      // the 1st of a month at 08:00 UTC, after now
      expect(created.nextRunAt).toMatch(/^\d{4}-\d{2}-01T08:00:00\.000Z$/);
      expect(Date.parse(created.nextRunAt)).toBeGreaterThan(Date.now());

      const paused = await h.gql(
        `mutation { pauseReportSchedule(id: "${created.id}") { paused nextRunAt } }`,
        {},
        h.tokens.b1,
      );
      expect(paused.data?.pauseReportSchedule).toEqual({ paused: true, nextRunAt: null });
      const resumed = await h.gql(
        `mutation { resumeReportSchedule(id: "${created.id}") { paused nextRunAt } }`,
        {},
        h.tokens.b1,
      );
      expect(resumed.data?.resumeReportSchedule).toEqual({ paused: false, nextRunAt: created.nextRunAt });

      const now = await h.gql(
        `mutation { sendReportNow(id: "${created.id}") { state attempts manual sentAt } }`,
        {},
        h.tokens.b1,
      );
      expect(now.data?.sendReportNow).toMatchObject({ state: 'SENT', attempts: 1, manual: true });
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0].subject).toMatch(/^月次レポート：Brand b1（\d{4}-\d{2}-01 〜 \d{4}-\d{2}-\d{2}）$/);
      expect(smtp.messages[0].to && !Array.isArray(smtp.messages[0].to) ? smtp.messages[0].to.text : '').toBe(
        'a@example.com, b@example.com',
      );

      // another brand's token cannot see or touch it
      const foreign = await h.gql(`mutation { pauseReportSchedule(id: "${created.id}") { paused } }`, {}, h.tokens.b2);
      expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });

      const list = await h.gql(SCHEDULES_QUERY, { brandId: 'b1' }, h.tokens.b1);
      expect(list.data?.reportSchedules).toEqual([
        expect.objectContaining({
          id: created.id,
          recipients: ['a@example.com', 'b@example.com'],
          lastRun: expect.objectContaining({ state: 'SENT', manual: true }),
        }),
      ]);
      expect((await h.gql(`mutation { deleteReportSchedule(id: "${created.id}") }`, {}, h.tokens.b1)).data).toEqual({
        deleteReportSchedule: true,
      });
      expect((await h.gql(SCHEDULES_QUERY, { brandId: 'b1' }, h.tokens.b1)).data?.reportSchedules).toEqual([]);
    }, 60_000);
  });
});

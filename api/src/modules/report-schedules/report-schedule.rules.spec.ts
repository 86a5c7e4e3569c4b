import {
  dueOccurrence,
  latestOccurrence,
  nextOccurrence,
  reportEmail,
  retryDelayMs,
  runPeriod,
  zonedInstant,
  type ScheduleTiming,
} from './report-schedule.rules.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;
/** Mondays 09:00 in Tokyo (UTC+9, no DST): 09:00 +09:00 is 00:00Z the same day. */
const WEEKLY: ScheduleTiming = { cadence: 'WEEKLY', weekday: 1, day: 0, hour: 9, timeZone: 'Asia/Tokyo' };
/** The 1st of each month at 08:00 UTC. */
const MONTHLY: ScheduleTiming = { cadence: 'MONTHLY', weekday: 0, day: 1, hour: 8, timeZone: 'UTC' };

describe('zonedInstant', () => {
  it('turns a wall-clock hour of a day into its instant', () => {
    expect(iso(zonedInstant('2026-11-23', 9, 'Asia/Tokyo'))).toBe('2026-11-23T00:00:00.000Z');
    // New York in winter is UTC−5, in summer UTC−4
    expect(iso(zonedInstant('2026-01-15', 9, 'America/New_York'))).toBe('2026-01-15T14:00:00.000Z');
    expect(iso(zonedInstant('2026-07-15', 9, 'America/New_York'))).toBe('2026-07-15T13:00:00.000Z');
  });

  it('maps an hour skipped by DST to the hour after the jump, and a repeated hour to its first time', () => {
    // 2026-03-08 02:00 does not exist in New York (01:59 EST → 03:00 EDT = 07:00Z)
    expect(iso(zonedInstant('2026-03-08', 2, 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    // 2026-11-01 01:00 happens twice: first in EDT (UTC−4) = 05:00Z
    expect(iso(zonedInstant('2026-11-01', 1, 'America/New_York'))).toBe('2026-11-01T05:00:00.000Z');
  });
});

describe('occurrences', () => {
  it('weekly: the last one at or before now, and the next one', () => {
    expect(iso(latestOccurrence(WEEKLY, new Date('2026-11-25T00:00:00Z')))).toBe('2026-11-23T00:00:00.000Z');
    expect(iso(latestOccurrence(WEEKLY, new Date('2026-11-23T00:00:00Z')))).toBe('2026-11-23T00:00:00.000Z');
    // one second before Monday 09:00 Tokyo: the Monday before
    expect(iso(latestOccurrence(WEEKLY, new Date('2026-11-22T23:59:59Z')))).toBe('2026-11-16T00:00:00.000Z');
    // Sunday 23:00Z is already Monday 08:00 in Tokyo: not yet 09:00
    expect(iso(latestOccurrence(WEEKLY, new Date('2026-11-29T23:00:00Z')))).toBe('2026-11-23T00:00:00.000Z');
    expect(iso(nextOccurrence(WEEKLY, new Date('2026-11-23T00:00:00Z')))).toBe('2026-11-30T00:00:00.000Z');
    expect(iso(nextOccurrence(WEEKLY, new Date('2026-11-25T12:00:00Z')))).toBe('2026-11-30T00:00:00.000Z');
  });

  it('monthly: across a month and a year end', () => {
    expect(iso(latestOccurrence(MONTHLY, new Date('2026-11-30T22:00:00Z')))).toBe('2026-11-01T08:00:00.000Z');
    expect(iso(latestOccurrence(MONTHLY, new Date('2027-01-01T07:59:00Z')))).toBe('2026-12-01T08:00:00.000Z');
    expect(iso(nextOccurrence(MONTHLY, new Date('2026-11-30T22:00:00Z')))).toBe('2026-12-01T08:00:00.000Z');
    expect(iso(nextOccurrence(MONTHLY, new Date('2026-12-01T08:00:00Z')))).toBe('2027-01-01T08:00:00.000Z');
  });

  it('is due only for an occurrence at or after the schedule was created', () => {
    const created = new Date('2026-11-20T00:00:00Z');
    expect(iso(dueOccurrence(WEEKLY, created, new Date('2026-11-25T00:00:00Z')))).toBe('2026-11-23T00:00:00.000Z');
    // created on Wednesday: Monday's occurrence was before it
    expect(dueOccurrence(WEEKLY, new Date('2026-11-25T00:00:00Z'), new Date('2026-11-26T00:00:00Z'))).toBeNull();
    // down for three weeks: only the latest occurrence is due
    expect(iso(dueOccurrence(WEEKLY, created, new Date('2026-12-15T00:00:00Z')))).toBe('2026-12-14T00:00:00.000Z');
  });
});

describe('runPeriod', () => {
  it('weekly: the previous Monday–Sunday week in the zone, whatever the run day', () => {
    const monday = runPeriod(WEEKLY, new Date('2026-11-23T00:00:00Z'));
    expect(monday).toEqual({
      from: new Date('2026-11-15T15:00:00Z'),
      to: new Date('2026-11-22T15:00:00Z'),
      firstDay: '2026-11-16',
      lastDay: '2026-11-22',
      timeZone: 'Asia/Tokyo',
    });
    // a Friday run of the same week sends the same week
    expect(runPeriod(WEEKLY, new Date('2026-11-27T03:00:00Z'))).toEqual(monday);
  });

  it('monthly: the previous calendar month, across a year end', () => {
    expect(runPeriod(MONTHLY, new Date('2026-01-01T08:00:00Z'))).toEqual({
      from: new Date('2025-12-01T00:00:00Z'),
      to: new Date('2026-01-01T00:00:00Z'),
      firstDay: '2025-12-01',
      lastDay: '2025-12-31',
      timeZone: 'UTC',
    });
    // February 2026 has 28 days
    expect(runPeriod(MONTHLY, new Date('2026-03-01T08:00:00Z'))).toMatchObject({
      firstDay: '2026-02-01',
      lastDay: '2026-02-28',
    });
  });
});

it('waits 1 min, 5 min, 25 min, 125 min, then 6 h between attempts', () => {
  expect([1, 2, 3, 4, 5, 6].map(retryDelayMs)).toEqual([60_000, 300_000, 1_500_000, 7_500_000, 21_600_000, 21_600_000]);
});

it('writes the email in the recipients language', () => {
  const period = runPeriod(WEEKLY, new Date('2026-11-23T00:00:00Z'));
  const input = { brandName: 'Sakura', cadence: 'WEEKLY' as const, period, attachments: ['a.pdf', 'b.csv'] };
  expect(reportEmail(input, 'en')).toEqual({
    subject: 'Weekly report: Sakura (2026-11-16 – 2026-11-22)',
    text: expect.stringContaining('Period: 2026-11-16 – 2026-11-22 (Asia/Tokyo)\n\nAttached:\n- a.pdf\n- b.csv'),
  });
  expect(reportEmail({ ...input, cadence: 'MONTHLY' }, 'ja')).toEqual({
    subject: '月次レポート：Sakura（2026-11-16 〜 2026-11-22）',
    text: expect.stringContaining('対象期間：2026-11-16 〜 2026-11-22（Asia/Tokyo）'),
  });
});

import { checkScheduleForm, emptyScheduleForm, reportPdfPath, splitRecipients } from './report-schedule-form';

const form = { ...emptyScheduleForm('Asia/Tokyo', 'en'), recipients: 'client@example.com' };

describe('checkScheduleForm', () => {
  it('turns a weekly form into the API input', () => {
    expect(checkScheduleForm({ ...form, weekday: '5', hour: '18' }, 'b1')).toEqual({
      input: {
        brandId: 'b1',
        cadence: 'WEEKLY',
        weekday: 5,
        day: null,
        hour: 18,
        timeZone: 'Asia/Tokyo',
        recipients: ['client@example.com'],
        language: 'en',
      },
    });
  });

  it('sends the day, not the weekday, of a monthly form', () => {
    expect(checkScheduleForm({ ...form, cadence: 'MONTHLY', day: '28', language: 'ja' }, 'b1')).toMatchObject({
      input: { cadence: 'MONTHLY', weekday: null, day: 28, language: 'ja' },
    });
  });

  it('names each field at fault', () => {
    expect(
      checkScheduleForm(
        { ...form, cadence: 'MONTHLY', day: '31', hour: '24', timeZone: 'Mars/Olympus', recipients: 'not-an-address' },
        'b1',
      ),
    ).toEqual({
      problems: {
        day: 'scheduleBadDay',
        hour: 'scheduleBadHour',
        timeZone: 'scheduleBadTimeZone',
        recipients: 'scheduleBadRecipient',
      },
    });
    expect(checkScheduleForm({ ...form, weekday: '0', recipients: ' ' }, 'b1')).toEqual({
      problems: { weekday: 'scheduleBadWeekday', recipients: 'scheduleNoRecipients' },
    });
    const many = Array.from({ length: 21 }, (_, i) => `r${i}@example.com`).join(',');
    expect(checkScheduleForm({ ...form, recipients: many }, 'b1')).toEqual({
      problems: { recipients: 'scheduleTooManyRecipients' },
    });
  });
});

it('splits recipients on commas, spaces and lines, once each', () => {
  expect(splitRecipients('a@x.jp, b@x.jp\nc@x.jp;a@x.jp  ')).toEqual(['a@x.jp', 'b@x.jp', 'c@x.jp']);
});

it('asks the PDF of the page brand, period and language', () => {
  expect(
    reportPdfPath(
      'b1',
      { from: '2026-11-15T15:00:00.000Z', to: '2026-11-22T15:00:00.000Z', timeZone: 'Asia/Tokyo' },
      'ja',
    ),
  ).toBe(
    '/export/report.pdf?brandId=b1&from=2026-11-15T15%3A00%3A00.000Z&to=2026-11-22T15%3A00%3A00.000Z&timeZone=Asia%2FTokyo&language=ja',
  );
});

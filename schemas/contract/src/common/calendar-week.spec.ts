import { addDays, isPartialWeek, localDay, mondayOf, wholeDays } from './calendar-week.js';

const period = (from: string, to: string, timeZone: string) => ({ from: new Date(from), to: new Date(to), timeZone });

describe('calendar days and weeks in a zone', () => {
  it('reads the day of an instant on the zone’s wall clock', () => {
    // 15:00 UTC is midnight of the next day in Tokyo (UTC+9).
    expect(localDay(new Date('2026-11-22T15:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-23');
    expect(localDay(new Date('2026-11-22T14:59:59.999Z'), 'Asia/Tokyo')).toBe('2026-11-22');
    expect(localDay(new Date('2026-11-22T15:00:00Z'), 'UTC')).toBe('2026-11-22');
  });

  it('finds the Monday of a week and steps days across months', () => {
    // Thu 19 Nov 2026 and Sun 22 Nov are in the week of Mon 16 Nov.
    expect(mondayOf('2026-11-19')).toBe('2026-11-16');
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
    expect(mondayOf('2026-11-16')).toBe('2026-11-16');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('wholeDays and isPartialWeek', () => {
  // The dashboard's default 28 days: Wed 4 Nov … Tue 1 Dec 2026 in Tokyo,
  // [2026-11-04 00:00+09:00, 2026-12-02 00:00+09:00).
  const tokyo = period('2026-11-03T15:00:00Z', '2026-12-01T15:00:00Z', 'Asia/Tokyo');

  it('covers whole the days from the first midnight to the last', () => {
    expect(wholeDays(tokyo)).toEqual({ first: '2026-11-04', last: '2026-12-01' });
  });

  it.each([
    // Mon 2 Nov – Sun 8 Nov: the period starts on the Wednesday.
    ['2026-11-02', true],
    ['2026-11-09', false],
    ['2026-11-16', false],
    ['2026-11-23', false],
    // Mon 30 Nov – Sun 6 Dec: the period ends after Tuesday.
    ['2026-11-30', true],
  ])('in Tokyo, the week of %s is partial: %s', (week, partial) => {
    expect(isPartialWeek(week, tokyo)).toBe(partial);
  });

  it('cuts the same instants into other days in another zone', () => {
    // In UTC the period runs from 15:00 on 3 Nov to 15:00 on 1 Dec: neither end day is covered whole.
    const utc = { ...tokyo, timeZone: 'UTC' };
    expect(wholeDays(utc)).toEqual({ first: '2026-11-04', last: '2026-11-30' });
    expect(isPartialWeek('2026-11-23', utc)).toBe(false);
    expect(isPartialWeek('2026-11-30', utc)).toBe(true);
  });

  it('counts a week that ends where the period ends as whole, and one an hour short as partial', () => {
    // Mon 23 Nov 00:00 to Mon 30 Nov 00:00 in Tokyo.
    expect(isPartialWeek('2026-11-23', period('2026-11-22T15:00:00Z', '2026-11-29T15:00:00Z', 'Asia/Tokyo'))).toBe(
      false,
    );
    expect(isPartialWeek('2026-11-23', period('2026-11-22T15:00:00Z', '2026-11-29T14:00:00Z', 'Asia/Tokyo'))).toBe(
      true,
    );
  });

  it('follows the wall clock through a DST change', () => {
    // Los Angeles leaves DST on Sun 1 Nov 2026: the week of Mon 26 Oct lasts 7 days and 1 hour,
    // from 00:00 PDT (07:00Z) to Mon 2 Nov 00:00 PST (08:00Z).
    const wholeWeek = period('2026-10-26T07:00:00Z', '2026-11-02T08:00:00Z', 'America/Los_Angeles');
    expect(wholeDays(wholeWeek)).toEqual({ first: '2026-10-26', last: '2026-11-01' });
    expect(isPartialWeek('2026-10-26', wholeWeek)).toBe(false);
    // Exactly 7 × 24 h from the start ends at 23:00 PST on Sunday: the Sunday is not covered whole.
    const sevenTimes24h = period('2026-10-26T07:00:00Z', '2026-11-02T07:00:00Z', 'America/Los_Angeles');
    expect(isPartialWeek('2026-10-26', sevenTimes24h)).toBe(true);
  });
});

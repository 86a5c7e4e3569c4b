import {
  addDays,
  dayStart,
  filterIssues,
  globalParams,
  isDay,
  parseFilters,
  periodVariables,
  todayIn,
  writeFilters,
  type GlobalFilters,
} from './filters';

// 2026-11-26 02:00 UTC is 11:00 the same day in Tokyo but still 18:00 on the 25th in Los Angeles.
const NOW = new Date('2026-11-26T02:00:00Z');
const q = (s: string) => new URLSearchParams(s);

describe('parseFilters (URL → state)', () => {
  it('defaults to the last 28 days in the brand zone, compare on', () => {
    expect(parseFilters(q(''), NOW, 'Asia/Tokyo')).toEqual({
      brandId: null,
      preset: '28d',
      // 28 days ending today (Nov 26) in Tokyo: Nov 26 − 27 days = Oct 30
      from: '2026-10-30',
      to: '2026-11-26',
      timeZone: null,
      compare: true,
    });
  });

  it("counts preset days on the chosen zone's calendar", () => {
    // In Los Angeles it is still Nov 25: 7 days = Nov 19..25
    const f = parseFilters(q('period=7d&tz=America/Los_Angeles'), NOW, 'Asia/Tokyo');
    expect([f.from, f.to, f.timeZone]).toEqual(['2026-11-19', '2026-11-25', 'America/Los_Angeles']);
    // 90 days ending Nov 26 in Tokyo: Nov 26 − 89 days = Aug 29
    expect(parseFilters(q('period=90d'), NOW, 'Asia/Tokyo').from).toBe('2026-08-29');
  });

  it('reads a custom range, brand and compare off', () => {
    expect(parseFilters(q('brand=b2&period=custom&from=2026-11-19&to=2026-11-20&compare=0'), NOW, 'UTC')).toEqual({
      brandId: 'b2',
      preset: 'custom',
      from: '2026-11-19',
      to: '2026-11-20',
      timeZone: null,
      compare: false,
    });
  });

  it('falls back to defaults for anything malformed instead of failing', () => {
    const f = parseFilters(q('period=custom&from=2026-02-30&to=x&tz=Mars/Olympus&period=9y'), NOW, 'Asia/Tokyo');
    expect(f.preset).toBe('28d');
    expect(f.timeZone).toBeNull();
    // from after to is no range either
    expect(parseFilters(q('period=custom&from=2026-11-21&to=2026-11-20'), NOW, 'UTC').preset).toBe('28d');
  });
});

describe('filterIssues (what the URL asked for and did not get)', () => {
  it('has nothing to say about a clean or empty URL', () => {
    expect(filterIssues(q(''))).toEqual([]);
    expect(filterIssues(q('period=custom&from=2026-11-19&to=2026-11-19&tz=UTC&compare=0'))).toEqual([]);
    expect(filterIssues(q('period=7d&from=2026-11-20&to=2026-11-01'))).toEqual([]);
  });

  it('names an unknown zone and an unknown preset', () => {
    expect(filterIssues(q('tz=Mars/Olympus&period=9y'))).toEqual([
      { kind: 'timeZone', value: 'Mars/Olympus' },
      { kind: 'period', value: '9y' },
    ]);
  });

  it('names a custom range that ends before it starts, is not a calendar day, or lacks an end', () => {
    expect(filterIssues(q('period=custom&from=2026-11-21&to=2026-11-20'))).toEqual([
      { kind: 'period', value: '2026-11-21 – 2026-11-20' },
    ]);
    expect(filterIssues(q('from=2026-02-30&to=2026-03-01'))).toEqual([
      { kind: 'period', value: '2026-02-30 – 2026-03-01' },
    ]);
    expect(filterIssues(q('period=custom&from=2026-11-21'))).toEqual([{ kind: 'period', value: '2026-11-21 – ?' }]);
  });
});

describe('writeFilters (state → URL)', () => {
  const base: GlobalFilters = {
    brandId: null,
    preset: '28d',
    from: '2026-10-30',
    to: '2026-11-26',
    timeZone: null,
    compare: true,
  };

  it('writes nothing for the defaults, so the plain URL stays plain', () => {
    expect(writeFilters(base).toString()).toBe('');
  });

  it('round-trips every filter through the URL', () => {
    const custom: GlobalFilters = {
      brandId: 'b1',
      preset: 'custom',
      from: '2026-11-19',
      to: '2026-11-20',
      timeZone: 'UTC',
      compare: false,
    };
    const url = writeFilters(custom);
    expect(url.toString()).toBe('brand=b1&period=custom&from=2026-11-19&to=2026-11-20&tz=UTC&compare=0');
    expect(parseFilters(url, NOW, 'Asia/Tokyo')).toEqual(custom);
  });

  it("keeps the page's own params and drops a stale custom range when a preset is chosen", () => {
    const url = writeFilters({ ...base, preset: '7d' }, q('sort=gpm&from=2026-01-01&to=2026-01-02&period=custom'));
    expect(url.toString()).toBe('sort=gpm&period=7d');
  });

  it('globalParams carries only the global filters between pages', () => {
    expect(globalParams(q('brand=b1&kind=in_house&tz=UTC&cmp=a,b')).toString()).toBe('brand=b1&tz=UTC');
  });
});

describe('periods in a zone', () => {
  it('cuts days at midnight on the wall clock and sends UTC instants', () => {
    // Midnight in Tokyo (UTC+9) is 15:00 UTC the day before.
    expect(dayStart('2026-11-19', 'Asia/Tokyo')).toBe('2026-11-18T15:00:00.000Z');
    expect(periodVariables({ from: '2026-11-19', to: '2026-11-20' }, 'Asia/Tokyo')).toEqual({
      from: '2026-11-18T15:00:00.000Z',
      // the day after the last day, exclusive
      to: '2026-11-20T15:00:00.000Z',
      timeZone: 'Asia/Tokyo',
    });
  });

  it('follows daylight saving: a New York day in March can be 23 hours', () => {
    // 2026-03-08 02:00 EST → 03:00 EDT: the day starts at 05:00Z and the next at 04:00Z.
    expect(dayStart('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(dayStart('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isDay('2026-02-29')).toBe(false);
    expect(todayIn('Asia/Tokyo', NOW)).toBe('2026-11-26');
  });
});

import {
  MISSING,
  formatChange,
  formatDay,
  formatCurrency,
  formatDateTime,
  formatTime,
  formatDecimal,
  formatDuration,
  formatInteger,
  formatMultiple,
  formatPerMinute,
  formatPercent,
} from './format';

// Every expected string below is worked out by hand from the input, not copied from a run.

describe('formatInteger', () => {
  it('groups thousands and rounds to whole units', () => {
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(12345)).toBe('12,345');
    expect(formatInteger(1234567.6)).toBe('1,234,568');
  });

  it('shows the dash for missing or non-finite values, never 0', () => {
    expect(formatInteger(null)).toBe(MISSING);
    expect(formatInteger(undefined)).toBe(MISSING);
    expect(formatInteger(Number.NaN)).toBe(MISSING);
    expect(formatInteger(Number.POSITIVE_INFINITY)).toBe(MISSING);
    expect(MISSING).toBe('—');
  });
});

describe('formatDecimal', () => {
  it('keeps a fixed number of digits', () => {
    expect(formatDecimal(12.34)).toBe('12.3');
    expect(formatDecimal(7)).toBe('7.0');
    expect(formatDecimal(1234.5, 2)).toBe('1,234.50');
    expect(formatDecimal(null)).toBe('—');
  });
});

describe('formatPercent', () => {
  it('turns a fraction into a percentage with one decimal', () => {
    expect(formatPercent(0.125)).toBe('12.5%');
    expect(formatPercent(1)).toBe('100.0%');
    // 2/3 = 0.6666… → 66.666…% → 66.7%
    expect(formatPercent(2 / 3)).toBe('66.7%');
  });

  it('keeps a real zero apart from a ratio with no denominator', () => {
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('formatPerMinute', () => {
  it('labels the unit', () => {
    expect(formatPerMinute(3.2)).toBe('3.2 / min');
    expect(formatPerMinute(12)).toBe('12.0 / min');
    expect(formatPerMinute(null)).toBe('—');
  });
});

describe('formatMultiple', () => {
  it('shows one amount over another with two decimals, × in English and 倍 in Japanese', () => {
    // 600 s / 400 s = 1.5
    expect(formatMultiple(600 / 400)).toBe('1.50×');
    // 900 / 700 = 1.2857… → 1.29
    expect(formatMultiple(900 / 700, 'ja')).toBe('1.29倍');
    expect(formatMultiple(null)).toBe('—');
  });
});

describe('formatCurrency', () => {
  it('uses no decimals for JPY (its minor unit is 0)', () => {
    expect(formatCurrency(1200, 'JPY')).toBe('¥1,200');
    // 12,345.6 rounds up to 12,346
    expect(formatCurrency(12345.6, 'JPY')).toBe('¥12,346');
    expect(formatCurrency(1200, 'jpy')).toBe('¥1,200');
  });

  it('uses two decimals for USD and EUR', () => {
    expect(formatCurrency(12.5, 'USD')).toBe('$12.50');
    expect(formatCurrency(0, 'USD')).toBe('$0.00');
    expect(formatCurrency(1234.5, 'EUR')).toBe('€1,234.50');
  });

  it('falls back to number + code for a malformed currency, and the dash for null', () => {
    expect(formatCurrency(1234.5, 'XX')).toBe('1,234.50 XX');
    expect(formatCurrency(null, 'JPY')).toBe('—');
  });
});

describe('formatDuration', () => {
  it('shows seconds under a minute', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45)).toBe('45s');
  });

  it('shows minutes and zero-padded seconds under an hour', () => {
    // 245 s = 4 × 60 + 5
    expect(formatDuration(245)).toBe('4m 05s');
    // 59.6 s rounds to 60 s = 1 minute
    expect(formatDuration(59.6)).toBe('1m 00s');
  });

  it('shows hours and minutes from an hour up', () => {
    // 3725 s = 3600 + 2 × 60 + 5 → seconds cut off
    expect(formatDuration(3725)).toBe('1h 02m');
    // 86400 s = 24 h
    expect(formatDuration(86400)).toBe('24h 00m');
    // 10,360,000 s = 2,877 h (10,357,200 s) + 46 min (2,760 s) + 40 s; hours are grouped
    expect(formatDuration(10_360_000)).toBe('2,877h 46m');
  });

  it('shows the dash for null', () => {
    expect(formatDuration(null)).toBe('—');
  });
});

describe('formatTime', () => {
  it('reads an instant to the second on the chosen wall clock', () => {
    // 11:32:30.250 UTC is 20:32:30 in Tokyo (UTC+9), 06:32:30 in New York (UTC−5 in November)
    expect(formatTime('2026-11-22T11:32:30.250Z', 'Asia/Tokyo', { seconds: true })).toBe('20:32:30');
    expect(formatTime('2026-11-22T11:32:30.250Z', 'America/New_York', { seconds: true })).toBe('06:32:30');
    expect(formatTime(null, 'Asia/Tokyo', { seconds: true })).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('shows the instant on the brand wall clock with its offset', () => {
    // 10:30 UTC + 9 h = 19:30 in Tokyo
    expect(formatDateTime('2025-01-14T10:30:00Z', 'Asia/Tokyo')).toBe('Jan 14, 2025 19:30 GMT+9');
    // 20:00 UTC + 9 h = 05:00 the next day in Tokyo
    expect(formatDateTime('2025-01-14T20:00:00Z', 'Asia/Tokyo')).toBe('Jan 15, 2025 05:00 GMT+9');
    // January in New York is EST, UTC−5: 10:30 → 05:30
    expect(formatDateTime('2025-01-14T10:30:00Z', 'America/New_York')).toBe('Jan 14, 2025 05:30 GMT-5');
    // July is EDT, UTC−4: 16:00 → 12:00
    expect(formatDateTime('2025-07-01T16:00:00Z', 'America/New_York')).toBe('Jul 1, 2025 12:00 GMT-4');
  });

  it('reads an input offset correctly', () => {
    // 19:30 at +09:00 is 10:30 UTC, which is 16:00 at +05:30
    expect(formatDateTime('2025-01-14T19:30:00+09:00', 'Asia/Kolkata')).toBe('Jan 14, 2025 16:00 GMT+5:30');
  });

  it('falls back to labelled UTC for an unknown zone, and the dash for a bad instant', () => {
    expect(formatDateTime('2025-01-14T10:30:00Z', 'Not/AZone')).toBe('Jan 14, 2025 10:30 UTC');
    expect(formatDateTime('not a date', 'Asia/Tokyo')).toBe('—');
    expect(formatDateTime(null, 'Asia/Tokyo')).toBe('—');
  });
});

describe('Japanese formatting', () => {
  it('groups digits, writes the yen sign full-width and never shows yen decimals', () => {
    expect(formatInteger(12345, 'ja')).toBe('12,345');
    // ja-JP uses the full-width ￥ (U+FFE5); 4,400.4 rounds to 4,400
    expect(formatCurrency(4400.4, 'JPY', 'ja')).toBe('￥4,400');
    expect(formatPercent(2 / 3, 'ja')).toBe('66.7%');
  });

  it('writes durations and dates the Japanese way', () => {
    // 245 s = 4 min 5 s; 3,725 s = 1 h 2 min
    expect(formatDuration(245, 'ja')).toBe('4分05秒');
    expect(formatDuration(3725, 'ja')).toBe('1時間02分');
    // 11:00 UTC + 9 h
    expect(formatDateTime('2026-11-20T11:00:00Z', 'Asia/Tokyo', 'ja')).toBe('2026/11/20 20:00 GMT+9');
  });
});

describe('formatChange', () => {
  it('signs the change so a fall reads at a glance', () => {
    expect(formatChange(0.25)).toBe('+25.0%');
    expect(formatChange(-0.125)).toBe('-12.5%');
    expect(formatChange(0)).toBe('0.0%');
    expect(formatChange(null)).toBe('—');
  });
});

describe('formatDay', () => {
  it('shows a day the API bucketed as that same calendar day, in either language', () => {
    expect(formatDay('2026-11-20')).toBe('Nov 20, 2026');
    expect(formatDay('2026-11-20', 'ja')).toBe('2026/11/20');
    expect(formatDay('2026-11-20', 'en', true)).toBe('Nov 20');
    expect(formatDay('20-11-2026')).toBe('—');
  });
});

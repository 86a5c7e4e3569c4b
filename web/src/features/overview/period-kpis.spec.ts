import { baselineCheck, formatPeriodKpi, median, relativeChange } from './period-kpis';

describe('relativeChange', () => {
  it('is (value − previous) / previous', () => {
    // (6 − 4) / 4
    expect(relativeChange(6, 4)).toBe(0.5);
    expect(relativeChange(2, 4)).toBe(-0.5);
  });

  it('has no value without a base: previous missing or 0', () => {
    expect(relativeChange(6, 0)).toBeNull();
    expect(relativeChange(6, null)).toBeNull();
    expect(relativeChange(null, 4)).toBeNull();
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones, ignoring missing', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, 5, undefined])).toBe(5);
    expect(median([null])).toBeNull();
  });
});

describe('baselineCheck (the 4-week median flag)', () => {
  it('compares a rate directly with the weekly median', () => {
    // weekly conversion 0.02, 0.03, 0.04, 0.05 → median 0.035; 0.03 is below
    expect(baselineCheck('conversionRate', 0.03, [0.02, 0.03, 0.04, 0.05], 28)).toEqual({
      median: 0.035,
      below: true,
    });
    expect(baselineCheck('conversionRate', 0.04, [0.02, 0.03, 0.04, 0.05], 28).below).toBe(false);
  });

  it('compares a count per week: 28 days of 3,600 views is 900 a week', () => {
    // weekly views 800, 1000, 1000, 1200 → median 1000; 3,600 × 7 / 28 = 900 < 1000
    expect(baselineCheck('views', 3600, [800, 1000, 1000, 1200], 28).below).toBe(true);
    // 4,400 × 7 / 28 = 1,100 ≥ 1,000
    expect(baselineCheck('views', 4400, [800, 1000, 1000, 1200], 28).below).toBe(false);
  });

  it('never flags without a baseline or a value', () => {
    expect(baselineCheck('engagementRate', 0.1, [null, null, null, null], 7)).toEqual({ median: null, below: false });
    expect(baselineCheck('engagementRate', null, [0.5, 0.5], 7).below).toBe(false);
  });
});

describe('formatPeriodKpi', () => {
  it('formats each KPI by its kind and language', () => {
    expect(formatPeriodKpi('views', 12345, 'JPY', 'en')).toBe('12,345');
    expect(formatPeriodKpi('revenue', 4400, 'JPY', 'en')).toBe('¥4,400');
    // 135 s
    expect(formatPeriodKpi('avgWatchSeconds', 135, 'JPY', 'en')).toBe('2m 15s');
    expect(formatPeriodKpi('avgWatchSeconds', 135, 'JPY', 'ja')).toBe('2分15秒');
    expect(formatPeriodKpi('conversionRate', 1 / 3, 'JPY', 'en')).toBe('33.3%');
    expect(formatPeriodKpi('chatRate', 0.15, 'JPY', 'ja')).toBe('0.2 件/分');
    expect(formatPeriodKpi('gpm', null, 'JPY', 'en')).toBe('—');
  });
});

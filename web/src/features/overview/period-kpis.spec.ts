import { formatPeriodKpi, historyCheck, median, relativeChange } from './period-kpis';

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

describe('historyCheck (the flag against the 4 previous periods of equal length)', () => {
  it('compares a rate with the median of the previous periods', () => {
    // conversion 0.02, 0.03, 0.04, 0.05 → median (0.03 + 0.04) / 2 = 0.035; 0.03 is below, 0.04 is not
    expect(historyCheck(0.03, [0.02, 0.03, 0.04, 0.05])).toEqual({ median: 0.035, below: true });
    expect(historyCheck(0.04, [0.02, 0.03, 0.04, 0.05]).below).toBe(false);
  });

  it('compares a 28-day total with the 28-day totals before it, as they are', () => {
    // views of the four previous 28-day periods 3,200, 4,000, 4,000, 4,800 → median 4,000
    expect(historyCheck(3600, [3200, 4000, 4000, 4800])).toEqual({ median: 4000, below: true });
    expect(historyCheck(4400, [3200, 4000, 4000, 4800])).toEqual({ median: 4000, below: false });
    // Nothing is rescaled to a week: 3,600 against weekly-sized values 800 … 1,200 (median 1,000) is above.
    expect(historyCheck(3600, [800, 1000, 1000, 1200])).toEqual({ median: 1000, below: false });
  });

  it('leaves out periods without sessions (null rates): the median of the others', () => {
    // 0.5 and 0.1 remain → (0.1 + 0.5) / 2 = 0.3; 0.2 is below
    expect(historyCheck(0.2, [null, 0.5, 0.1, null])).toEqual({ median: 0.3, below: true });
  });

  it('never flags without a median or a value, nor a value equal to the median', () => {
    expect(historyCheck(0.1, [null, null, null, null])).toEqual({ median: null, below: false });
    expect(historyCheck(null, [0.5, 0.5, 0.5, 0.5])).toEqual({ median: 0.5, below: false });
    expect(historyCheck(0.5, [0.5, 0.5, 0.5, 0.5]).below).toBe(false);
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

/** @jest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import { setLang } from '../../../lib/i18n';
import { PeriodKpiCard } from './PeriodKpiCard';

const text = (testId: string): string | null | undefined => screen.queryByTestId(testId)?.textContent;

beforeEach(() => setLang('en'));

describe('PeriodKpiCard', () => {
  it('shows the value, the previous value and the signed change', () => {
    // (6 − 4) / 4 = +50%
    render(<PeriodKpiCard name="views" value={6} previous={4} currency="JPY" />);
    expect(text('kpi-views')).toBe('6');
    expect(text('kpi-views-previous')).toBe('prev. 4');
    expect(text('kpi-views-change')).toBe('▲ +50.0%');
    expect(screen.getByTestId('kpi-views-change').classList.contains('kpi__change--up')).toBe(true);
  });

  it('shows a dash, not ∞ or 0, when the previous period had nothing', () => {
    render(<PeriodKpiCard name="revenue" value={4400} previous={0} currency="JPY" />);
    expect(text('kpi-revenue')).toBe('¥4,400');
    expect(text('kpi-revenue-previous')).toBe('prev. ¥0');
    expect(text('kpi-revenue-change')).toBe('—');
  });

  it('hides the comparison when compare is off', () => {
    render(<PeriodKpiCard name="views" value={6} currency="JPY" />);
    expect(screen.queryByTestId('kpi-views-previous')).toBeNull();
    expect(screen.queryByTestId('kpi-views-change')).toBeNull();
  });

  it('flags a KPI below the median of its 4 previous periods, and says which median, in both languages', () => {
    render(
      <PeriodKpiCard
        name="conversionRate"
        value={0.03}
        previous={0.04}
        currency="JPY"
        belowMedian={{ median: 0.035, periodDays: 28 }}
      />,
    );
    expect(screen.getByTestId('kpi-card-conversionRate').classList.contains('kpi--flagged')).toBe(true);
    expect(text('kpi-conversionRate-flag')).toBe('⚑ Below the median of the 4 previous 28-day periods (3.5%)');
    expect(text('kpi-conversionRate-change')).toBe('▼ -25.0%');
    act(() => setLang('ja'));
    expect(text('kpi-conversionRate-flag')).toBe('⚑ 直前4期間(28日間ずつ)の中央値(3.5%)を下回っています');
  });

  it('does not flag a fall too small to read: value and median the same once formatted', () => {
    // 5.12% and 5.14% both read 5.1%; 948 s and 948.4 s both read 15m 48s.
    render(
      <PeriodKpiCard
        name="conversionRate"
        value={0.0512}
        currency="JPY"
        belowMedian={{ median: 0.0514, periodDays: 7 }}
      />,
    );
    render(
      <PeriodKpiCard
        name="avgWatchSeconds"
        value={948}
        currency="JPY"
        belowMedian={{ median: 948.4, periodDays: 7 }}
      />,
    );
    expect(screen.queryByTestId('kpi-conversionRate-flag')).toBeNull();
    expect(screen.queryByTestId('kpi-avgWatchSeconds-flag')).toBeNull();
    expect(screen.getByTestId('kpi-card-conversionRate').classList.contains('kpi--flagged')).toBe(false);
  });

  it('formats the median like the value: a currency total as money', () => {
    render(
      <PeriodKpiCard name="revenue" value={90_000} currency="JPY" belowMedian={{ median: 120_000, periodDays: 7 }} />,
    );
    expect(text('kpi-revenue-flag')).toBe('⚑ Below the median of the 4 previous 7-day periods (¥120,000)');
  });
});

/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
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

  it('flags a KPI below the brand 4-week median, and says which median', () => {
    render(<PeriodKpiCard name="conversionRate" value={0.03} previous={0.04} currency="JPY" belowMedian={0.035} />);
    expect(screen.getByTestId('kpi-card-conversionRate').classList.contains('kpi--flagged')).toBe(true);
    expect(text('kpi-conversionRate-flag')).toBe('⚑ Below the 4-week median (3.5%)');
    expect(text('kpi-conversionRate-change')).toBe('▼ -25.0%');
  });
});

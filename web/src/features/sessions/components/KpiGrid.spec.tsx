/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import { setLang } from '../../../lib/i18n';
import { SESSION_KPIS, type KpiName } from '../kpi.catalog';
import { buildMetrics } from '../sessions.fixtures';
import { KpiGrid } from './KpiGrid';

const kpiValue = (name: KpiName): string | null => screen.getByTestId(`kpi-${name}`).textContent;

beforeEach(() => setLang('en'));

describe('KpiGrid', () => {
  it('renders one card per session KPI, labelled with its METRICS.md name', () => {
    render(<KpiGrid metrics={buildMetrics()} currency="JPY" />);
    const names = Object.keys(SESSION_KPIS) as KpiName[];
    expect(names).toHaveLength(25);
    for (const name of names) {
      const card = screen.getByTestId(`kpi-card-${name}`);
      expect(within(card).getByText(name, { selector: '.kpi__label' })).toBeTruthy();
    }
  });

  it('shows a dash for undefined ratios and a real 0 for zero counts', () => {
    render(<KpiGrid metrics={buildMetrics()} currency="JPY" />);
    expect(kpiValue('conversionRate')).toBe('—');
    expect(screen.getByTestId('kpi-conversionRate').title).toBe('Not defined: the denominator is 0');
    expect(kpiValue('averageOrderValue')).toBe('—');
    expect(kpiValue('orders')).toBe('0');
    expect(kpiValue('revenue')).toBe('¥0');
  });

  it('formats each KPI by its kind', () => {
    // A session with 200 viewers, 30 buyers, 36 orders worth ¥54,000 in total.
    const metrics = buildMetrics({
      uniqueViewers: 200,
      avgConcurrentViewers: 42.25,
      totalWatchSeconds: 200 * 245,
      avgWatchSeconds: 245,
      chatRate: 3.2,
      buyers: 30,
      orders: 36,
      revenue: 54000,
      conversionRate: 30 / 200,
      averageOrderValue: 54000 / 36,
      revenuePerViewer: 54000 / 200,
      gpm: (54000 / 200) * 1000,
      medianResponseSeconds: 38,
    });
    render(<KpiGrid metrics={metrics} currency="JPY" />);
    expect(kpiValue('uniqueViewers')).toBe('200');
    // 42.25 → one decimal; Intl rounds half away from zero → 42.3
    expect(kpiValue('avgConcurrentViewers')).toBe('42.3');
    // 49,000 s = 13 h 36 m 40 s
    expect(kpiValue('totalWatchSeconds')).toBe('13h 36m');
    expect(kpiValue('avgWatchSeconds')).toBe('4m 05s');
    expect(kpiValue('chatRate')).toBe('3.2 / min');
    // 30 / 200 = 0.15
    expect(kpiValue('conversionRate')).toBe('15.0%');
    // 54,000 / 36 = 1,500
    expect(kpiValue('averageOrderValue')).toBe('¥1,500');
    // 54,000 / 200 = 270; × 1000 = 270,000
    expect(kpiValue('revenuePerViewer')).toBe('¥270');
    expect(kpiValue('gpm')).toBe('¥270,000');
    expect(kpiValue('medianResponseSeconds')).toBe('38s');
  });
});

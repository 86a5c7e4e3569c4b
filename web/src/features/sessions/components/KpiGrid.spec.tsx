import { renderToStaticMarkup } from 'react-dom/server';
import { SESSION_KPIS, type KpiName } from '../kpi.catalog';
import { buildMetrics } from '../sessions.fixtures';
import { KpiGrid } from './KpiGrid';

function kpiValue(html: string, name: KpiName): string | undefined {
  return new RegExp(`data-testid="kpi-${name}"[^>]*>([^<]*)<`).exec(html)?.[1];
}

describe('KpiGrid', () => {
  it('renders one card per session KPI, labelled with its METRICS.md name', () => {
    const html = renderToStaticMarkup(<KpiGrid metrics={buildMetrics()} currency="JPY" />);
    const names = Object.keys(SESSION_KPIS) as KpiName[];
    expect(names).toHaveLength(25);
    for (const name of names) {
      expect(html).toContain(`data-testid="kpi-card-${name}"`);
      expect(html).toContain(`<div class="kpi__label">${name}</div>`);
    }
  });

  it('shows a dash for undefined ratios and a real 0 for zero counts', () => {
    const html = renderToStaticMarkup(<KpiGrid metrics={buildMetrics()} currency="JPY" />);
    expect(kpiValue(html, 'conversionRate')).toBe('—');
    expect(kpiValue(html, 'averageOrderValue')).toBe('—');
    expect(kpiValue(html, 'orders')).toBe('0');
    expect(kpiValue(html, 'revenue')).toBe('¥0');
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
    const html = renderToStaticMarkup(<KpiGrid metrics={metrics} currency="JPY" />);
    expect(kpiValue(html, 'uniqueViewers')).toBe('200');
    // 42.25 → one decimal; Intl rounds half away from zero → 42.3
    expect(kpiValue(html, 'avgConcurrentViewers')).toBe('42.3');
    // 49,000 s = 13 h 36 m 40 s
    expect(kpiValue(html, 'totalWatchSeconds')).toBe('13h 36m');
    expect(kpiValue(html, 'avgWatchSeconds')).toBe('4m 05s');
    expect(kpiValue(html, 'chatRate')).toBe('3.2 / min');
    // 30 / 200 = 0.15
    expect(kpiValue(html, 'conversionRate')).toBe('15.0%');
    // 54,000 / 36 = 1,500
    expect(kpiValue(html, 'averageOrderValue')).toBe('¥1,500');
    // 54,000 / 200 = 270; × 1000 = 270,000
    expect(kpiValue(html, 'revenuePerViewer')).toBe('¥270');
    expect(kpiValue(html, 'gpm')).toBe('¥270,000');
    expect(kpiValue(html, 'medianResponseSeconds')).toBe('38s');
  });
});

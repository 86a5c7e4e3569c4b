/** @jest-environment jsdom */
import { act, render, screen, within } from '@testing-library/react';
import { KPI_CATALOGUE } from '@lc/contract/kpi';
import { setLang } from '../../../lib/i18n';
import { SESSION_KPIS, type KpiName } from '../kpi.catalog';
import { buildMetrics } from '../sessions.fixtures';
import { KpiGrid } from './KpiGrid';

const kpiValue = (name: KpiName): string | null => screen.getByTestId(`kpi-${name}`).textContent;

beforeEach(() => setLang('en'));

describe('KpiGrid', () => {
  it('renders one card per session KPI, labelled and defined from the KPI catalogue', () => {
    render(<KpiGrid metrics={buildMetrics()} currency="JPY" />);
    const names = Object.keys(SESSION_KPIS) as KpiName[];
    expect(names).toHaveLength(31);
    for (const name of names) {
      const card = screen.getByTestId(`kpi-card-${name}`);
      expect(within(card).getByText(KPI_CATALOGUE[name].label.en, { selector: '.kpi__label' })).toBeTruthy();
    }
    const gpm = screen.getByTestId('kpi-card-gpm');
    expect(within(gpm).getByText('revenue / uniqueViewers × 1000', { selector: '.kpi__hint' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Audience',
      'Engagement',
      'Commerce',
    ]);
  });

  it('speaks Japanese throughout: labels, definitions, group titles and the missing-value note', () => {
    render(<KpiGrid metrics={buildMetrics()} currency="JPY" />);
    act(() => setLang('ja'));
    const card = (name: KpiName) => screen.getByTestId(`kpi-card-${name}`);
    expect(within(card('uniqueViewers')).getByText('ユニーク視聴者', { selector: '.kpi__label' })).toBeTruthy();
    expect(
      within(card('commenters')).getByText('コメントした視聴者の数(重複なし)', { selector: '.kpi__hint' }),
    ).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      '視聴者',
      'エンゲージメント',
      '売上・購買',
    ]);
    expect(screen.getByTestId('kpi-conversionRate').title).toBe('分母が0のため算出できません');
    // No raw identifier or English sentence left on any card: every label and hint holds kana or kanji
    // (GPM, an acronym Japanese marketers use as is, aside).
    const texts = [...document.querySelectorAll('.kpi__label, .kpi__hint')].map((el) => el.textContent ?? '');
    expect(texts.filter((text) => text !== 'GPM' && !/[\u3040-\u30ff\u4e00-\u9fff]/.test(text))).toEqual([]);
  });

  it('shows the peer benchmark beside the KPIs that have one, in English and Japanese, nothing elsewhere', () => {
    const benchmarks = new Map([
      ['comments', { band: 'from200to499' as const, bandMin: 200, bandMax: 499, percentile: 72.4, peers: 1240 }],
    ]);
    render(<KpiGrid metrics={buildMetrics()} currency="JPY" benchmarks={benchmarks} />);
    expect(screen.getByTestId('kpi-comments-benchmark').textContent).toBe(
      'beats 72 % of streams with 200–499 viewers (last 90 days, 1,240 streams)',
    );
    expect(document.querySelectorAll('.kpi__benchmark')).toHaveLength(1);
    expect(screen.queryByTestId('kpi-revenue-benchmark')).toBeNull();
    act(() => setLang('ja'));
    expect(screen.getByTestId('kpi-comments-benchmark').textContent).toBe(
      '視聴者200〜499人の配信の72%を上回る(過去90日・1,240配信)',
    );
  });

  it('shows no benchmark line when there are none', () => {
    render(<KpiGrid metrics={buildMetrics()} currency="JPY" />);
    expect(document.querySelectorAll('.kpi__benchmark')).toHaveLength(0);
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

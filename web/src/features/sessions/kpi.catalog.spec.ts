import { translator } from '../../lib/i18n';
import { KPI_GROUPS, kpisInGroup, SESSION_KPIS } from './kpi.catalog';

describe('the session KPI cards', () => {
  it('take their definitions (METRICS.md wording, and Japanese) and units from the KPI catalogue', () => {
    expect(SESSION_KPIS.gpm).toEqual({
      unit: 'currency',
      group: 'commerce',
      definition: {
        en: 'revenue / uniqueViewers × 1000',
        ja: '売上 ÷ ユニーク視聴者 × 1000(視聴者1,000人あたりの売上)',
      },
    });
    expect(SESSION_KPIS.peakConcurrentViewers.definition.en).toBe(
      "Max over the session's minutes of the viewers watching",
    );
    expect(SESSION_KPIS.avgConcurrentViewers.unit).toBe('decimal');
    expect(SESSION_KPIS.chatRate.unit).toBe('perMinute');
    expect(SESSION_KPIS.medianResponseSeconds.unit).toBe('seconds');
  });

  it('groups the 31 cards: 6 audience, 12 engagement, 13 commerce', () => {
    expect(kpisInGroup('audience')).toEqual([
      'uniqueViewers',
      'peakConcurrentViewers',
      'avgConcurrentViewers',
      'totalWatchSeconds',
      'avgWatchSeconds',
      'lateJoiners',
    ]);
    expect(kpisInGroup('engagement')).toHaveLength(12);
    // Follows and shares are engagement; net revenue and refunds sit next to revenue.
    expect(kpisInGroup('engagement').slice(-3)).toEqual(['follows', 'followRate', 'shares']);
    expect(kpisInGroup('commerce')).toHaveLength(13);
    expect(kpisInGroup('commerce').slice(4, 8)).toEqual(['revenue', 'netRevenue', 'refunds', 'refundRate']);
  });

  it('title every group in both languages', () => {
    expect(KPI_GROUPS.map((group) => translator('en')(`kpiGroup_${group}`))).toEqual([
      'Audience',
      'Engagement',
      'Commerce',
    ]);
    expect(KPI_GROUPS.map((group) => translator('ja')(`kpiGroup_${group}`))).toEqual([
      '視聴者',
      'エンゲージメント',
      '売上・購買',
    ]);
  });
});

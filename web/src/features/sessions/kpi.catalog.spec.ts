import { kpisInGroup, SESSION_KPIS } from './kpi.catalog';

describe('the session KPI cards', () => {
  it('take their definitions and units from the KPI catalogue (METRICS.md wording)', () => {
    expect(SESSION_KPIS.gpm).toEqual({
      unit: 'currency',
      group: 'commerce',
      definition: 'revenue / uniqueViewers × 1000',
    });
    expect(SESSION_KPIS.peakConcurrentViewers.definition).toBe(
      "Max over the session's minutes of the viewers watching",
    );
    expect(SESSION_KPIS.avgConcurrentViewers.unit).toBe('decimal');
    expect(SESSION_KPIS.chatRate.unit).toBe('perMinute');
    expect(SESSION_KPIS.medianResponseSeconds.unit).toBe('seconds');
  });

  it('groups the 25 cards: 6 audience, 9 engagement, 10 commerce', () => {
    expect(kpisInGroup('audience')).toEqual([
      'uniqueViewers',
      'peakConcurrentViewers',
      'avgConcurrentViewers',
      'totalWatchSeconds',
      'avgWatchSeconds',
      'lateJoiners',
    ]);
    expect(kpisInGroup('engagement')).toHaveLength(9);
    expect(kpisInGroup('commerce')).toHaveLength(10);
  });
});

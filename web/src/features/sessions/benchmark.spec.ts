import { translator } from '../../lib/i18n';
import { benchmarkSentence, benchmarksByKpi, type Benchmark } from './benchmark';

const band200: Benchmark = { band: 'from200to499', bandMin: 200, bandMax: 499, percentile: 71.6, peers: 1240 };
const under50: Benchmark = { band: 'under50', bandMin: 0, bandMax: 49, percentile: 50, peers: 30 };
const top: Benchmark = { band: 'from2000', bandMin: 2000, bandMax: null, percentile: 0.4, peers: 31 };

describe('benchmark sentence', () => {
  it('says where the session stands in English: rounded percent, band from its edges, peers', () => {
    const t = translator('en');
    // 71.6 rounds to 72; 1240 with a thousands separator
    expect(benchmarkSentence(band200, t, 'en')).toBe(
      'beats 72 % of streams with 200–499 viewers (last 90 days, 1,240 streams)',
    );
    // the lowest band reads from its upper edge + 1 (49 + 1 = 50), the open top band from its lower edge
    expect(benchmarkSentence(under50, t, 'en')).toBe(
      'beats 50 % of streams with fewer than 50 viewers (last 90 days, 30 streams)',
    );
    expect(benchmarkSentence(top, t, 'en')).toBe(
      'beats 0 % of streams with 2,000 or more viewers (last 90 days, 31 streams)',
    );
  });

  it('says it in Japanese', () => {
    const t = translator('ja');
    expect(benchmarkSentence(band200, t, 'ja')).toBe('視聴者200〜499人の配信の72%を上回る(過去90日・1,240配信)');
    expect(benchmarkSentence(under50, t, 'ja')).toBe('視聴者50人未満の配信の50%を上回る(過去90日・30配信)');
    expect(benchmarkSentence(top, t, 'ja')).toBe('視聴者2,000人以上の配信の0%を上回る(過去90日・31配信)');
  });

  it('keeps only the KPIs that have a benchmark', () => {
    const map = benchmarksByKpi([
      { kpi: 'comments', benchmark: band200 },
      { kpi: 'revenue', benchmark: null },
    ]);
    expect([...map.keys()]).toEqual(['comments']);
    expect(benchmarksByKpi(undefined).size).toBe(0);
  });
});

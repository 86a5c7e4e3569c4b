import { translator } from '../../lib/i18n';
import { toCsv } from '../export/csv';
import { sourceBars, sourceLabel, trafficSourcesCsv, type TrafficSource } from './traffic-sources';

const row = (source: string, viewers: number, buyers: number, revenue: number): TrafficSource => ({
  source,
  viewers,
  engagedViewers: buyers,
  buyers,
  revenue,
  conversionRate: viewers > 0 ? buyers / viewers : null,
  avgWatchSeconds: 300,
  currency: 'JPY',
});

/** M1's sources (docs/FIXTURE.md): ad 2 viewers, follower 2, share 1, unknown 2 (w4's first join had none, w5 never joined). */
const M1 = [row('unknown', 2, 2, 16500), row('ad', 2, 1, 8000), row('follower', 2, 1, 8000), row('share', 1, 1, 8000)];

describe('traffic source bars', () => {
  it('orders sources by viewers, then by name, each bar a share of the largest', () => {
    const bars = sourceBars(M1, null);
    expect(bars.map((b) => [b.source, b.fraction, b.previousFraction])).toEqual([
      ['ad', 1, null],
      ['follower', 1, null],
      ['unknown', 1, null],
      ['share', 0.5, null],
    ]);
  });

  it('puts the previous period on the same scale, keeping a source seen only before', () => {
    // Previous period: follower 4, organic 1. The largest of either period is 4.
    const bars = sourceBars(M1, [row('follower', 4, 1, 3000), row('organic', 1, 0, 0)]);
    expect(
      bars.map((b) => [b.source, b.current?.viewers ?? 0, b.fraction, b.previous?.viewers ?? 0, b.previousFraction]),
    ).toEqual([
      ['ad', 2, 0.5, 0, 0],
      ['follower', 2, 0.5, 4, 1],
      ['unknown', 2, 0.5, 0, 0],
      ['share', 1, 0.25, 0, 0],
      ['organic', 0, 0, 1, 0.25],
    ]);
  });

  it('has no bars without viewers', () => {
    expect(sourceBars([], null)).toEqual([]);
  });
});

describe('traffic source names', () => {
  it("translates METRICS.md's sources and unknown, and shows any other as sent", () => {
    const en = translator('en');
    const ja = translator('ja');
    expect(['follower', 'ad', 'share', 'organic', 'unknown', 'line_live'].map((s) => sourceLabel(s, en))).toEqual([
      'Followers',
      'Ads',
      'Shares',
      'Organic',
      'Unknown',
      'line_live',
    ]);
    expect(['follower', 'ad', 'share', 'organic', 'unknown'].map((s) => sourceLabel(s, ja))).toEqual([
      'フォロワー',
      '広告',
      'シェア',
      '自然流入',
      '不明',
    ]);
  });

  it('writes the CSV with the source as sent, not translated', () => {
    expect(toCsv(trafficSourcesCsv([row('ad', 2, 1, 8000)])).split('\r\n')).toEqual([
      'source,viewers,engagedViewers,buyers,revenue,conversionRate,avgWatchSeconds,currency',
      'ad,2,1,1,8000,0.5,300,JPY',
      '',
    ]);
  });
});

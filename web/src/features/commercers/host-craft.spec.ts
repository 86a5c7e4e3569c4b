import { MISSING } from '../../lib/format';
import { translator } from '../../lib/i18n';
import { hostCraftItems, type HostCraftMetrics } from './host-craft';

// Every expected string is worked out by hand from the period's sums, not copied from a run.

/**
 * A host's period: 40 viewer comments, 26 answered within 120 s; 7 recaps; 24 late joiners, 9 of whom
 * saw a recap within 300 s — watching 10 206 s in all — and 15 who did not, watching 12 150 s.
 */
const PERIOD: HostCraftMetrics = {
  commentResponseRate: 26 / 40,
  recaps: 7,
  recapCoverage: 9 / 24,
  recapLift: 10_206 / 9 / (12_150 / 15),
};

const valuesOf = (metrics: HostCraftMetrics, lang: 'en' | 'ja' = 'en') =>
  Object.fromEntries(hostCraftItems(metrics, translator(lang), lang).map((item) => [item.name, item.value]));
const missingOf = (metrics: HostCraftMetrics) =>
  Object.fromEntries(hostCraftItems(metrics, translator('en'), 'en').map((item) => [item.name, item.missing]));

describe('hostCraftItems', () => {
  it('formats response rate, recaps, coverage and lift in the card order', () => {
    expect(valuesOf(PERIOD)).toEqual({
      // 26 / 40 = 0.65
      commentResponseRate: '65.0%',
      recaps: '7',
      // 9 / 24 = 0.375
      recapCoverage: '37.5%',
      // (10 206 / 9) / (12 150 / 15) = 1 134 / 810 = 1.4
      recapLift: '1.40×',
    });
    expect(hostCraftItems(PERIOD, translator('en'), 'en').map((item) => item.name)).toEqual([
      'commentResponseRate',
      'recaps',
      'recapCoverage',
      'recapLift',
    ]);
  });

  it('labels and defines each KPI from the KPI catalogue, in Japanese too', () => {
    const en = hostCraftItems(PERIOD, translator('en'), 'en');
    expect(en.map((item) => item.label)).toEqual(['Comment response rate', 'Recaps', 'Recap coverage', 'Recap lift']);
    expect(en[2].definition).toBe('Σ covered late joiners / Σ lateJoiners');
    const ja = hostCraftItems(PERIOD, translator('ja'), 'ja');
    expect(ja.map((item) => item.label)).toEqual(['コメント返信率', 'おさらい回数', 'おさらい到達率', 'おさらい効果']);
    expect(ja[2].definition).toBe('おさらいを見られた途中参加者の合計 ÷ 途中参加者の合計');
    expect(valuesOf(PERIOD, 'ja')).toEqual({
      commentResponseRate: '65.0%',
      recaps: '7',
      recapCoverage: '37.5%',
      recapLift: '1.40倍',
    });
  });

  it('keeps a real zero apart from a missing value, and says why a value is missing', () => {
    // 2 late joiners, neither saw a recap (there was none): coverage 0 / 2 = 0, and the lift has no covered group.
    const neverRecaps: HostCraftMetrics = { commentResponseRate: 2 / 3, recaps: 0, recapCoverage: 0, recapLift: null };
    expect(valuesOf(neverRecaps)).toEqual({
      commentResponseRate: '66.7%',
      recaps: '0',
      recapCoverage: '0.0%',
      recapLift: MISSING,
    });
    expect(missingOf(neverRecaps)).toEqual({
      commentResponseRate: null,
      recaps: null,
      recapCoverage: null,
      recapLift: 'No late joiner saw a recap, so there is no one to compare.',
    });

    // 3 late joiners, all caught by a recap: coverage 3 / 3 = 1, no uncovered group to compare with.
    const allCovered: HostCraftMetrics = { commentResponseRate: null, recaps: 2, recapCoverage: 1, recapLift: null };
    expect(valuesOf(allCovered)).toMatchObject({ commentResponseRate: MISSING, recapCoverage: '100.0%' });
    expect(missingOf(allCovered)).toMatchObject({
      commentResponseRate: 'No viewer comments, so no response rate.',
      recapLift: 'Every late joiner saw a recap, so there is no one to compare with.',
    });

    // No late joiners at all: neither coverage nor lift has a denominator.
    const noLate: HostCraftMetrics = { commentResponseRate: 0, recaps: 1, recapCoverage: null, recapLift: null };
    expect(valuesOf(noLate)).toMatchObject({ commentResponseRate: '0.0%', recapCoverage: MISSING });
    expect(missingOf(noLate)).toMatchObject({
      recapCoverage: 'No late joiners in this period, so no recap coverage or lift.',
      recapLift: 'No late joiners in this period, so no recap coverage or lift.',
    });
  });
});

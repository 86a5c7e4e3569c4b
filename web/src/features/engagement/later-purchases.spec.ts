import { translator } from '../../lib/i18n';
import { laterAnswer, type LaterFigures } from './later-purchases';

const en = translator('en');
const ja = translator('ja');

// 62 of 200 engaged non-buyers bought later (31 %), 10 of 100 passive ones (10 %): lift 0.31 / 0.10 = 3.1
const figures: LaterFigures = {
  engagedNonBuyers: 200,
  passiveNonBuyers: 100,
  laterConversionEngaged: 62 / 200,
  laterConversionPassive: 10 / 100,
  engagementLift: 62 / 200 / (10 / 100),
  laterRevenue: 93_000,
  windowOpen: false,
};

describe('laterAnswer', () => {
  it('answers with the lift in one decimal, in English and Japanese', () => {
    expect(laterAnswer(figures, en, 'en')).toBe(
      'Engaged viewers who did not buy bought later at 3.1× the rate of passive ones (28 days).',
    );
    expect(laterAnswer(figures, ja, 'ja')).toBe(
      '購入しなかったエンゲージ視聴者は、非エンゲージ視聴者の3.1倍の割合で後日購入しました(28日間)。',
    );
  });

  it('says there are no passive non-buyers to compare with when the lift is null for that reason', () => {
    const none = { ...figures, passiveNonBuyers: 0, laterConversionPassive: null, engagementLift: null };
    expect(laterAnswer(none, en, 'en')).toBe(
      'Every viewer who did not buy was engaged: there are no passive ones to compare them with (28 days).',
    );
    expect(laterAnswer(none, ja, 'ja')).toBe(
      '購入しなかった視聴者は全員エンゲージしていたため、比べる非エンゲージ視聴者がいません(28日間)。',
    );
  });

  it('says no passive non-buyer bought later when their rate is 0, with the engaged rate', () => {
    // 62 / 200 = 31.0 %; 0 / 100 passive: the lift would divide by 0
    const zero = { ...figures, laterConversionPassive: 0, engagementLift: null };
    expect(laterAnswer(zero, en, 'en')).toBe(
      'Engaged viewers who did not buy bought later at 31.0%; no passive one did, so there is no ratio (28 days).',
    );
  });

  it('tells apart no engaged non-buyers, nobody buying later and nobody left without buying', () => {
    // 1 of 2 passive non-buyers bought later: 50.0 %
    const noEngaged = {
      ...figures,
      engagedNonBuyers: 0,
      laterConversionEngaged: null,
      laterConversionPassive: 0.5,
      engagementLift: null,
    };
    expect(laterAnswer(noEngaged, en, 'en')).toBe(
      'No engaged viewer left without buying: passive ones bought later at 50.0% (28 days).',
    );
    const nobody = { ...figures, laterConversionEngaged: 0, laterConversionPassive: 0, engagementLift: null };
    expect(laterAnswer(nobody, en, 'en')).toBe(
      'No viewer who left without buying has bought in a later session yet (28 days).',
    );
    const allBought = { ...noEngaged, passiveNonBuyers: 0, laterConversionPassive: null };
    expect(laterAnswer(allBought, ja, 'ja')).toBe(
      '購入しなかった視聴者がいないため、後日購入を追う対象がありません(28日間)。',
    );
  });
});

/** @jest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import { setLang } from '../../../lib/i18n';
import { LaterPurchasesCard } from './LaterPurchasesCard';

const text = (testId: string): string | null | undefined => screen.queryByTestId(testId)?.textContent;

beforeEach(() => setLang('en'));

describe('LaterPurchasesCard', () => {
  // 3 of 4 engaged non-buyers bought later (75.0 %), 3 of 5 passive ones (60.0 %): lift 0.75 / 0.6 = 1.25
  const figures = {
    engagedNonBuyers: 4,
    passiveNonBuyers: 5,
    laterConversionEngaged: 3 / 4,
    laterConversionPassive: 3 / 5,
    engagementLift: 3 / 4 / (3 / 5),
    laterRevenue: 9100,
    windowOpen: true,
  };

  it('shows the answer, the two rates, the lift, the later revenue and the open window', () => {
    render(<LaterPurchasesCard figures={figures} currency="JPY" />);
    expect(text('later-answer')).toBe(
      'Engaged viewers who did not buy bought later at 1.3× the rate of passive ones (28 days).',
    );
    expect(text('kpi-laterConversionEngaged')).toBe('75.0%');
    expect(text('kpi-laterConversionPassive')).toBe('60.0%');
    expect(text('kpi-engagementLift')).toBe('1.25×');
    expect(text('kpi-laterRevenue')).toBe('¥9,100');
    expect(text('later-window-open')).toContain('Window still open');
  });

  it('speaks Japanese, and shows no open mark once the window has closed', () => {
    render(<LaterPurchasesCard figures={{ ...figures, windowOpen: false }} currency="JPY" />);
    act(() => setLang('ja'));
    expect(text('later-answer')).toBe(
      '購入しなかったエンゲージ視聴者は、非エンゲージ視聴者の1.3倍の割合で後日購入しました(28日間)。',
    );
    expect(text('kpi-engagementLift')).toBe('1.25倍');
    expect(screen.queryByTestId('later-window-open')).toBeNull();
  });
});

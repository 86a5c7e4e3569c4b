/** @jest-environment jsdom */
import { act, render, screen, within } from '@testing-library/react';
import { setLang } from '../../../lib/i18n';
import { HostCraftCard } from './HostCraftCard';

const text = (testId: string): string | null | undefined => screen.queryByTestId(testId)?.textContent;

beforeEach(() => setLang('en'));

describe('HostCraftCard', () => {
  // 12 of 16 comments answered; 3 recaps; 5 of 8 late joiners caught, watching 900 s on average against 600 s.
  const metrics = { commentResponseRate: 12 / 16, recaps: 3, recapCoverage: 5 / 8, recapLift: 900 / 600 };

  it('shows the four KPIs under a title that says why they matter', () => {
    render(<HostCraftCard metrics={metrics} />);
    const card = screen.getByTestId('host-craft');
    expect(within(card).getByRole('heading', { level: 2 }).textContent).toBe('Host craft');
    expect(within(card).getByText('Hosts who answer and recap keep late joiners longer.')).toBeTruthy();
    // 12 / 16 = 75.0%; 5 / 8 = 62.5%; 900 / 600 = 1.50
    expect(text('kpi-commentResponseRate')).toBe('75.0%');
    expect(text('kpi-recaps')).toBe('3');
    expect(text('kpi-recapCoverage')).toBe('62.5%');
    expect(text('kpi-recapLift')).toBe('1.50×');
  });

  it('speaks Japanese, and explains a missing lift on the card', () => {
    render(<HostCraftCard metrics={{ ...metrics, recapCoverage: 0, recapLift: null }} />);
    act(() => setLang('ja'));
    const card = screen.getByTestId('host-craft');
    expect(within(card).getByRole('heading', { level: 2 }).textContent).toBe('配信スキル');
    expect(
      within(card).getByText('コメントに返信し、おさらいをする配信者ほど、途中参加者が長く視聴します。'),
    ).toBeTruthy();
    expect(within(screen.getByTestId('kpi-card-recapCoverage')).getByText('おさらい到達率')).toBeTruthy();
    expect(text('kpi-recapLift')).toBe('—');
    expect(screen.getByTestId('kpi-recapLift').getAttribute('title')).toBe(
      'おさらいを見た途中参加者がいないため、比べられません。',
    );
  });
});

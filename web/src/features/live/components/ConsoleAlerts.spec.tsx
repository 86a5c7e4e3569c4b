/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLang } from '../../../lib/i18n';
import { ALERTS_SHOWN, type LiveAlert, type LiveState } from '../live-console';
import { alertAt, liveStateWith } from '../live-state.testing';
import { AlertBanner, AlertsPanel, BANNERS_SHOWN } from './ConsolePanels';

/** Today's alerts: what raised each one, the latest few before "show all", and the banner of new ones. */

const START = Date.UTC(2026, 10, 22, 11, 0);

const alert = (kind: LiveAlert['kind'], minute: number, fields: Partial<LiveAlert> = {}): LiveAlert =>
  alertAt(START, kind, minute, fields);

const state = (alerts: LiveAlert[]): LiveState => liveStateWith(START, 40, alerts);

const details = () => screen.getAllByTestId('alert-detail').map((d) => d.textContent);

describe('the alerts panel', () => {
  beforeEach(() => setLang('en'));

  it('says what raised each alert, newest first, in English and Japanese', () => {
    const alerts = [
      // 63 of 90: (63 − 90) / 90 = −30.0 %
      alert('viewer_drop', 5, { watching: 63, watchingBefore: 90 }),
      alert('chat_spike', 10, { comments: 12, usualComments: 3.5 }),
      alert('recap_due', 11, { waiting: 2, minutesSinceRecap: null }),
      alert('question_waiting', 17, { question: { eventId: 'q0', viewerId: 'r01', text: 'Is it washable?' } }),
      alert('question_waiting', 17, { question: { eventId: 'q1', viewerId: 'r04', text: '色違いはありますか？' } }),
      alert('recap_due', 25, { waiting: 3, minutesSinceRecap: 10 }),
    ];
    const { unmount } = render(<AlertsPanel live={state(alerts)} zone="Asia/Tokyo" />);
    expect(details()).toEqual([
      '3 waiting · 10 min since the last recap',
      '“色違いはありますか？” — r04',
      '“Is it washable?” — r01',
      '2 waiting · no recap yet',
      '12 comments against a usual 3.5 a minute',
      'Watching 90 → 63 (-30.0%)',
    ]);
    unmount();
    setLang('ja');
    const again = render(<AlertsPanel live={state(alerts)} zone="Asia/Tokyo" />);
    expect(details()).toEqual([
      '3人が待機中 · 前回のまとめから10分',
      '「色違いはありますか？」— r04さん',
      '「Is it washable?」— r01さん',
      '2人が待機中 · まとめはまだありません',
      'コメント 12 件（普段は1分あたり 3.5 件）',
      '視聴中 90 → 63（-30.0%）',
    ]);
    again.unmount();
  });

  it(`lists the latest ${ALERTS_SHOWN} and the rest on demand`, async () => {
    const alerts = Array.from({ length: ALERTS_SHOWN + 3 }, (_, i) =>
      alert('question_waiting', i + 1, { question: { eventId: `q${i}`, viewerId: 'v1', text: `Q${i}?` } }),
    );
    render(<AlertsPanel live={state(alerts)} zone="Asia/Tokyo" />);
    expect(screen.getByTestId('console-alerts').textContent).toContain(`Today's alerts (${ALERTS_SHOWN + 3})`);
    expect(screen.getAllByTestId('alert-item')).toHaveLength(ALERTS_SHOWN);
    // newest first: the last question (minute ALERTS_SHOWN + 3) heads the list
    expect(details()[0]).toBe(`“Q${ALERTS_SHOWN + 2}?” — v1`);
    await userEvent.click(screen.getByRole('button', { name: `Show all ${ALERTS_SHOWN + 3}` }));
    expect(screen.getAllByTestId('alert-item')).toHaveLength(ALERTS_SHOWN + 3);
    expect(details().at(-1)).toBe('“Q0?” — v1');
    await userEvent.click(screen.getByRole('button', { name: `Show the latest ${ALERTS_SHOWN}` }));
    expect(screen.getAllByTestId('alert-item')).toHaveLength(ALERTS_SHOWN);
  });
});

describe('the banner of new alerts', () => {
  beforeEach(() => setLang('en'));

  it(`shows the newest ${BANNERS_SHOWN} and counts the older new ones, which "dismiss all" takes down with them`, async () => {
    const shown = [1, 2, 3, 4, 5].map((minute) => ({
      key: `q@${minute}`,
      alert: alert('question_waiting', minute, {
        question: { eventId: `q${minute}`, viewerId: `v${minute}`, text: 'Size?' },
      }),
    }));
    const dismissed: (string | undefined)[] = [];
    render(<AlertBanner shown={shown} zone="UTC" onDismiss={(key) => dismissed.push(key)} />);
    const items = screen.getAllByTestId('alert-dismiss').map((b) => b.closest('li')?.textContent);
    // minutes 3, 4 and 5 (11:03 … 11:05 UTC), oldest first as they came; 1 and 2 are counted
    expect(items).toEqual([
      '!Question waitingMinute 3 · 11:03 — “Size?” — v3Dismiss',
      '!Question waitingMinute 4 · 11:04 — “Size?” — v4Dismiss',
      '!Question waitingMinute 5 · 11:05 — “Size?” — v5Dismiss',
    ]);
    expect(screen.getByTestId('alert-banner-more').textContent).toBe(
      '2 earlier new alerts: in the list belowDismiss all',
    );
    await userEvent.click(screen.getAllByTestId('alert-dismiss')[0]);
    await userEvent.click(screen.getByTestId('alert-dismiss-all'));
    expect(dismissed).toEqual(['q@3', undefined]);
  });

  it('counts one older new alert in the singular', () => {
    const shown = [1, 2, 3, 4].map((minute) => ({
      key: `q@${minute}`,
      alert: alert('question_waiting', minute, {
        question: { eventId: `q${minute}`, viewerId: `v${minute}`, text: 'Size?' },
      }),
    }));
    render(<AlertBanner shown={shown} zone="UTC" onDismiss={() => undefined} />);
    expect(screen.getByTestId('alert-banner-more').textContent).toBe(
      '1 earlier new alert: in the list belowDismiss all',
    );
  });

  it('has no count line while the new alerts fit', () => {
    const shown = [{ key: 'd@4', alert: alert('viewer_drop', 4, { watching: 14, watchingBefore: 20 }) }];
    render(<AlertBanner shown={shown} zone="UTC" onDismiss={() => undefined} />);
    expect(screen.getAllByTestId('alert-dismiss')).toHaveLength(1);
    expect(screen.queryByTestId('alert-banner-more')).toBeNull();
    // 14 of 20: −30.0 %
    expect(screen.getByTestId('alert-banner').textContent).toContain('Minute 4 · 11:04 — Watching 20 → 14 (-30.0%)');
  });
});

/** @jest-environment jsdom */
import { act, renderHook } from '@testing-library/react';
import type { LiveAlert, LiveState } from '../live-console';
import { alertAt, liveStateWith } from '../live-state.testing';
import { seenStorageKey, useAlertBanner, type BannerSession } from './useAlertBanner';

/** The banner's alerts kept per session of a brand: two brands' sessions named S0 in one tab. */

const START = Date.UTC(2026, 10, 22, 11, 0);

const alert = (kind: LiveAlert['kind'], minute: number): LiveAlert => alertAt(START, kind, minute);
const state = (minute: number, alerts: LiveAlert[]): LiveState => liveStateWith(START, minute, alerts);

const b1 = { brandId: 'b1', id: 'S0' };
const b2 = { brandId: 'b2', id: 'S0' };
const shownKeys = (shown: readonly { key: string }[]) => shown.map((item) => item.key);

beforeEach(() => sessionStorage.clear());

describe('useAlertBanner', () => {
  it("keeps each brand's session's bannered alerts apart, in the tab and across its reloads", () => {
    // b1's S0 at minute 10: a chat spike at 9 is fresh (within FRESH_MINUTES = 2), a drop at 4 is not
    const first = renderHook(({ session, live }) => useAlertBanner(session, live), {
      initialProps: {
        session: b1 as BannerSession | null,
        live: state(10, [alert('viewer_drop', 4), alert('chat_spike', 9)]),
      },
    });
    expect(shownKeys(first.result.current.shown)).toEqual(['chat_spike@9']);
    expect(JSON.parse(sessionStorage.getItem(seenStorageKey(b1)) ?? 'null')).toEqual(['viewer_drop@4', 'chat_spike@9']);

    // b2's S0 in the same tab, with an alert of the same kind and minute: its own first look, so it is
    // bannered (b1's seen keys do not hide it) and its old drop at 3 is not
    first.rerender({ session: b2, live: state(10, [alert('viewer_drop', 3), alert('chat_spike', 9)]) });
    expect(shownKeys(first.result.current.shown)).toEqual(['chat_spike@9']);
    expect(JSON.parse(sessionStorage.getItem(seenStorageKey(b2)) ?? 'null')).toEqual(['viewer_drop@3', 'chat_spike@9']);
    expect(JSON.parse(sessionStorage.getItem(seenStorageKey(b1)) ?? 'null')).toEqual(['viewer_drop@4', 'chat_spike@9']);
    first.unmount();

    // a reload of b1's console: what it bannered stays down, a new alert goes up however old its minute
    const reload = renderHook(({ session, live }) => useAlertBanner(session, live), {
      initialProps: { session: null as BannerSession | null, live: null as LiveState | null },
    });
    expect(reload.result.current.shown).toEqual([]);
    reload.rerender({
      session: b1,
      live: state(12, [alert('viewer_drop', 4), alert('chat_spike', 9), alert('recap_due', 5)]),
    });
    expect(shownKeys(reload.result.current.shown)).toEqual(['recap_due@5']);
    act(() => reload.result.current.dismiss());
    expect(reload.result.current.shown).toEqual([]);
  });

  it('keys the storage by brand and id, so ids with dots do not meet', () => {
    expect(seenStorageKey({ brandId: 'a.b', id: 'c' })).not.toBe(seenStorageKey({ brandId: 'a', id: 'b.c' }));
    expect(seenStorageKey(b1)).not.toBe(seenStorageKey(b2));
  });
});

import { useEffect, useState } from 'react';
import {
  BANNER_MS,
  dismissBanner,
  emptyBanner,
  expireBanner,
  receiveAlerts,
  type BannerState,
  type LiveState,
} from '../live-console';

/** The session whose alerts a banner raises: a session id names a session within its brand. */
export interface BannerSession {
  brandId: string;
  id: string;
}

/** The tab-storage key of a session's bannered alerts: brand and id, so two brands' same-id sessions keep their own. */
export const seenStorageKey = (session: BannerSession): string =>
  `lc.liveAlertsSeen.${JSON.stringify([session.brandId, session.id])}`;

// The alerts already bannered survive a reload of the tab, so a reload does not raise them again.
function loadSeen(key: string): string[] | null {
  try {
    const raw = sessionStorage.getItem(key);
    const parsed: unknown = raw === null ? null : JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : null;
  } catch {
    return null;
  }
}

function saveSeen(key: string, seen: ReadonlySet<string>): void {
  try {
    sessionStorage.setItem(key, JSON.stringify([...seen]));
  } catch {
    // Without storage, a reload may banner an alert again: harmless.
  }
}

interface Banner {
  /** The storage key of the session it is for; null until the session is known. */
  key: string | null;
  state: BannerState;
  /** The next push is this tab's first look at the session; after a reload the stored keys decide. */
  firstLook: boolean;
}

function bannerFor(key: string | null): Banner {
  const stored = key === null ? null : loadSeen(key);
  return { key, state: emptyBanner(stored ?? []), firstLook: stored === null };
}

/** The banner of new alerts of `session` (null until it is known): each alert once, up for BANNER_MS or until dismissed. */
export function useAlertBanner(session: BannerSession | null, live: LiveState | null) {
  const key = session ? seenStorageKey(session) : null;
  const [kept, setBanner] = useState(() => bannerFor(key));
  let banner = kept;
  if (banner.key !== key) {
    // another session (or the first answer): its own stored keys, adjusted during render
    banner = bannerFor(key);
    setBanner(banner);
  }

  useEffect(() => {
    if (!live) return;
    setBanner((previous) => ({
      ...previous,
      state: receiveAlerts(previous.state, live.alerts, {
        nowMs: Date.now(),
        currentMinute: live.minute,
        firstLook: previous.firstLook,
      }),
      firstLook: false,
    }));
  }, [live]);

  // kept once a push was looked at: a reload before the first push is still a first look
  useEffect(() => {
    if (banner.key !== null && !banner.firstLook) saveSeen(banner.key, banner.state.seen);
  }, [banner.key, banner.firstLook, banner.state.seen]);

  const up = banner.state.shown.length > 0;
  useEffect(() => {
    if (!up) return;
    const timer = setInterval(
      () => setBanner((previous) => ({ ...previous, state: expireBanner(previous.state, Date.now()) })),
      BANNER_MS / 12,
    );
    return () => clearInterval(timer);
  }, [up]);

  return {
    shown: banner.state.shown,
    dismiss: (alertKey?: string) =>
      setBanner((previous) => ({ ...previous, state: dismissBanner(previous.state, alertKey) })),
  };
}

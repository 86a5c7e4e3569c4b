import { useEffect, useRef, useState } from 'react';
import {
  BANNER_MS,
  dismissBanner,
  emptyBanner,
  expireBanner,
  receiveAlerts,
  type BannerState,
  type LiveState,
} from '../live-console';

const storageKey = (sessionId: string): string => `lc.liveAlertsSeen.${sessionId}`;

// The alerts already bannered survive a reload of the tab, so a reload does not raise them again.
function loadSeen(sessionId: string): string[] | null {
  try {
    const raw = sessionStorage.getItem(storageKey(sessionId));
    const parsed: unknown = raw === null ? null : JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : null;
  } catch {
    return null;
  }
}

function saveSeen(sessionId: string, seen: ReadonlySet<string>): void {
  try {
    sessionStorage.setItem(storageKey(sessionId), JSON.stringify([...seen]));
  } catch {
    // Without storage, a reload may banner an alert again: harmless.
  }
}

/** The banner of new alerts: each alert once, up for BANNER_MS or until dismissed. */
export function useAlertBanner(sessionId: string, live: LiveState | null) {
  const stored = useRef(loadSeen(sessionId));
  const [state, setState] = useState<BannerState>(() => emptyBanner(stored.current ?? []));
  // The first look is the first push of this tab for this session; after a reload the stored keys decide.
  const firstLook = useRef(stored.current === null);

  useEffect(() => {
    if (!live) return;
    const options = { nowMs: Date.now(), currentMinute: live.minute, firstLook: firstLook.current };
    firstLook.current = false;
    setState((previous) => receiveAlerts(previous, live.alerts, options));
  }, [live]);

  useEffect(() => saveSeen(sessionId, state.seen), [sessionId, state.seen]);

  const up = state.shown.length > 0;
  useEffect(() => {
    if (!up) return;
    const timer = setInterval(() => setState((previous) => expireBanner(previous, Date.now())), BANNER_MS / 12);
    return () => clearInterval(timer);
  }, [up]);

  return {
    shown: state.shown,
    dismiss: (key?: string) => setState((previous) => dismissBanner(previous, key)),
  };
}

import { useEffect, useState, useSyncExternalStore } from 'react';
import { skipToken, useQuery, useSubscription } from '@apollo/client/react';
import { getLiveConnection, subscribeLiveConnection } from '../../../app/live-link';
import { LIVE_CONSOLE_QUERY, LIVE_CONSOLE_SUBSCRIPTION } from '../live.queries';

/** How often the console asks over HTTP while no push can arrive (the socket is down or not up yet). */
export const LIVE_POLL_MS = 2000;

/**
 * While pushes arrive, a slow HTTP refresh still runs: the server pushes when the session's
 * numbers change, and on a quiet stream time alone moves things (a question's wait passes 60 s,
 * the minutes since the last recap grow).
 */
export const PUSHED_REFRESH_MS = 15_000;

/** After the server refused or ended the subscription with an error, it is asked again this much later. */
export const RESUBSCRIBE_MS = 10_000;

/**
 * While the session is not found, it is looked for again this often: a producer opens the console as the
 * stream starts, and a session appears a second or so after its first events reach the server.
 */
export const MISSING_POLL_MS = 5000;

/**
 * push: the subscription delivers; connecting: not yet, HTTP meanwhile; lost: the socket or the
 * subscription failed, HTTP every 2 s until it is back.
 */
export type LiveTransport = 'push' | 'connecting' | 'lost';

/** What the last answer said of the session: live, over, or not found (yet). */
type Found = 'live' | 'over' | 'missing';

/** What an answer says (none yet: live, so the first seconds already refresh). */
function foundOf(session: { isLive: boolean } | null | undefined): Found {
  if (session === undefined) return 'live';
  if (session === null) return 'missing';
  return session.isLive ? 'live' : 'over';
}

/** How often the console asks over HTTP (0: not at all, once the session is over). */
function pollIntervalOf(found: Found, transport: LiveTransport): number {
  if (found === 'missing') return MISSING_POLL_MS;
  if (found === 'over') return 0;
  return transport === 'push' ? PUSHED_REFRESH_MS : LIVE_POLL_MS;
}

/** `brandId`: the session's brand when the URL names it (a session id names a session within its brand). */
export function useLiveSession(id: string, brandId: string | null) {
  const connection = useSyncExternalStore(subscribeLiveConnection, getLiveConnection, getLiveConnection);
  // Assume live until the first answer says otherwise, so the first seconds already refresh.
  const [found, setFound] = useState<Found>('live');
  const isLive = found === 'live';
  const [subscriptionError, setSubscriptionError] = useState<unknown>(null);

  const subscription = useSubscription(
    LIVE_CONSOLE_SUBSCRIPTION,
    isLive
      ? { variables: { id, brandId }, onError: setSubscriptionError, onData: () => setSubscriptionError(null) }
      : skipToken,
  );

  let transport: LiveTransport;
  if (subscriptionError || connection === 'down') transport = 'lost';
  else if (connection === 'connected' && subscription.data) transport = 'push';
  else transport = 'connecting';

  const pollInterval = pollIntervalOf(found, transport);
  const query = useQuery(LIVE_CONSOLE_QUERY, { variables: { id, brandId }, pollInterval });

  const session = query.data?.session;
  const answer = foundOf(session);
  // The subscription stops once the session turns out to be over or missing (the server would refuse it);
  // polling stops once it is over, and while it is missing looks again every MISSING_POLL_MS.
  useEffect(() => setFound(answer), [answer]);

  const { restart } = subscription;
  useEffect(() => {
    if (!subscriptionError || !isLive) return;
    const timer = setTimeout(() => {
      setSubscriptionError(null);
      restart();
    }, RESUBSCRIBE_MS);
    return () => clearTimeout(timer);
  }, [subscriptionError, isLive, restart]);

  return { ...query, transport: isLive ? transport : null };
}

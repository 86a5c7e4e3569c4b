import { useEffect, useRef, useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { describeApiError } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { recapClientId, type RecapAttempt } from '../live-console';
import { RECORD_RECAP_MUTATION } from '../live.queries';

/** After a recap is recorded the button rests this long, so a double click cannot record a second one. */
export const RECAP_REST_MS = 3000;

/**
 * A random UUID. crypto.randomUUID exists only in secure contexts; a console opened over plain
 * HTTP on a studio LAN still has getRandomValues, so the id is built from that there.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The recap button's state and action. The attempt lives in a ref as well as in state: a second
 * click can arrive before React has re-rendered the button as disabled, and must see "sending".
 */
export function useRecordRecap(sessionId: string, brandId: string | null, onRecorded: () => void) {
  const { lang } = useI18n();
  const [mutate] = useMutation(RECORD_RECAP_MUTATION);
  const [attempt, setAttemptState] = useState<RecapAttempt>({ status: 'idle' });
  const current = useRef<RecapAttempt>(attempt);
  const setAttempt = (next: RecapAttempt): void => {
    current.current = next;
    setAttemptState(next);
  };
  const [resting, setResting] = useState(false);

  useEffect(() => {
    if (attempt.status !== 'recorded') return;
    setResting(true);
    const timer = setTimeout(() => setResting(false), RECAP_REST_MS);
    return () => clearTimeout(timer);
  }, [attempt]);

  const record = async (): Promise<void> => {
    const clientId = recapClientId(current.current, newClientId);
    if (clientId === null) return;
    setAttempt({ status: 'sending', clientId });
    try {
      const { data } = await mutate({ variables: { sessionId, brandId, clientId } });
      if (!data) throw new Error('no answer');
      setAttempt({ status: 'recorded', clientId, at: data.recordRecap.at });
      onRecorded();
    } catch (error) {
      setAttempt({ status: 'failed', clientId, reason: describeApiError(error, lang).title });
    }
  };

  return { attempt, busy: attempt.status === 'sending' || resting, record };
}

import { createHash } from 'node:crypto';
import { fromClickHouseTime, toClickHouseTime } from '@lc/clickhouse';
import type { AlertDeliveryRow } from '../../repositories/alert-delivery.repository.js';
import type { LiveAlertDto } from '../live/dtos/live.dto.js';
import type { AlertKind } from '../live/live.rules.js';

/**
 * What an alert delivery is, as pure functions: its key, its message, its idempotency key and
 * the schedule of its attempts. docs/ARCHITECTURE.md, "Alerts outward".
 */

/** Attempts of one delivery before it is given up ('failed'). */
export const MAX_ATTEMPTS = 8;
/** The wait after the first failed attempt; doubled after each further one (1 s, 2 s, 4 s …) up to the cap. */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 60_000;

/** The message's name of each alert (METRICS.md "Live"). */
export const ALERT_LABELS: Record<AlertKind, string> = {
  viewer_drop: 'Viewer drop',
  chat_spike: 'Chat spike',
  question_waiting: 'Question waiting',
  recap_due: 'Recap due',
};

/** One occurrence of an alert: a session, a kind and the minute it was raised in. */
export const alertKey = (sessionId: string, kind: string, minute: number): string => `${sessionId}|${kind}|${minute}`;

/** An alert as the live state has it (the fields of its kind filled). */
export type AlertFacts = Omit<LiveAlertDto, 'at' | 'question'> & {
  question: Pick<NonNullable<LiveAlertDto['question']>, 'viewerId' | 'text'> | null;
};

/** What raised an alert, in words: `watching 90 → 63 (−30 %)`. */
export function alertDetail(alert: AlertFacts): string {
  switch (alert.kind as AlertKind) {
    case 'viewer_drop': {
      const [now, before] = [alert.watching ?? 0, alert.watchingBefore ?? 0];
      const change = before > 0 ? Math.round((100 * (now - before)) / before) : 0;
      return `watching ${before} → ${now} (${change < 0 ? '−' : '+'}${Math.abs(change)} %)`;
    }
    case 'chat_spike':
      return `${alert.comments ?? 0} viewer comments against a usual ${alert.usualComments ?? 0} a minute`;
    case 'question_waiting':
      return alert.question ? `"${alert.question.text}" from ${alert.question.viewerId}` : '';
    case 'recap_due':
      return (
        `${alert.waiting ?? 0} viewers waiting, ` +
        (alert.minutesSinceRecap === null ? 'no recap yet' : `${alert.minutesSinceRecap} minutes since the last recap`)
      );
  }
}

/**
 * The Slack-style `text` of the alerts of one key (one kind, one minute: several questions due in a
 * minute are one delivery): `[Brand X] Viewer drop at minute 12 in "Evening live": watching 90 → 63 (−30 %)`.
 */
export function alertText(brandName: string, sessionTitle: string, alerts: readonly AlertFacts[]): string {
  const [first] = alerts;
  const details = alerts.map(alertDetail).filter((d) => d !== '');
  return (
    `[${brandName}] ${ALERT_LABELS[first.kind as AlertKind]} at minute ${first.minute} in "${sessionTitle}"` +
    (details.length > 0 ? `: ${details.join('; ')}` : '')
  );
}

/** The same for every attempt of one delivery, before and after a restart: receivers drop repeats by it. */
export function idempotencyKey(row: Pick<AlertDeliveryRow, 'brand_id' | 'webhook_id' | 'alert_key'>): string {
  return createHash('sha256')
    .update(JSON.stringify([row.brand_id, row.webhook_id, row.alert_key]))
    .digest('hex')
    .slice(0, 32);
}

/**
 * Whether a webhook takes an alert: registering a webhook does not replay the session so far, only
 * alerts whose minute ends after it was created.
 */
export const alertAfterRegistration = (alertAtMs: number, webhookCreatedMs: number): boolean =>
  alertAtMs + 60_000 > webhookCreatedMs;

/** The wait before the next attempt after `attempts` failed ones. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

/** What one POST came to: a response with its status, or none (refused, reset, timed out). */
export type AttemptOutcome = { status: number } | { error: string };

/** A delivery's row after an attempt at `now`: delivered on 2xx, else retried later or, after the last attempt, failed. */
export function afterAttempt(row: AlertDeliveryRow, outcome: AttemptOutcome, now: Date): AlertDeliveryRow {
  const attempts = row.attempts + 1;
  const status = 'status' in outcome ? outcome.status : null;
  if (status !== null && status >= 200 && status < 300)
    return {
      ...row,
      state: 'delivered',
      attempts,
      last_status: status,
      last_error: '',
      delivered_at: toClickHouseTime(now),
      next_attempt_at: null,
    };
  const error = 'error' in outcome ? outcome.error : `HTTP ${status}`;
  const exhausted = attempts >= MAX_ATTEMPTS;
  return {
    ...row,
    state: exhausted ? 'failed' : 'pending',
    attempts,
    last_status: status,
    last_error: error,
    next_attempt_at: exhausted ? null : toClickHouseTime(now.getTime() + retryDelayMs(attempts)),
  };
}

/** The JSON body POSTed for a delivery: Slack's `text` plus the alert's fields. */
export function deliveryBody(row: AlertDeliveryRow): Record<string, string | number> {
  return {
    text: row.text,
    brandId: row.brand_id,
    sessionId: row.session_id,
    kind: row.kind,
    minute: Number(row.minute),
    at: fromClickHouseTime(row.alert_at).toISOString(),
    idempotencyKey: idempotencyKey(row),
  };
}

import { liveAlert } from '@lc/contract/testing';
import type { AlertDeliveryRow } from '../../repositories/alert-delivery.repository.js';
import {
  MAX_ATTEMPTS,
  afterAttempt,
  alertAfterRegistration,
  alertKey,
  alertText,
  deliveryBody,
  idempotencyKey,
  retryDelayMs,
  type AlertFacts,
} from './alert-delivery.rules.js';

const pending: AlertDeliveryRow = {
  brand_id: 'b1',
  webhook_id: 'w1',
  alert_key: alertKey('S1', 'viewer_drop', 12),
  session_id: 'S1',
  kind: 'viewer_drop',
  minute: 12,
  alert_at: '2026-11-30 20:12:00.000',
  text: '[Sakura] Viewer drop at minute 12 in "Evening live"',
  state: 'pending',
  attempts: 0,
  last_status: null,
  last_error: '',
  created_at: '2026-11-30 20:13:05.000',
  delivered_at: null,
  next_attempt_at: '2026-11-30 20:13:05.000',
};
const NOW = new Date('2026-11-30T20:13:05.000Z');

/** An alert of `kind` at `minute` with the given fields of its kind. */
const facts = (kind: string, minute: number, fields: Partial<AlertFacts>): AlertFacts =>
  liveAlert(kind, minute, fields) as AlertFacts;

describe('alert deliveries', () => {
  it('keys an alert by session, kind and minute, and names it and what raised it in the message', () => {
    expect(alertKey('S1', 'chat_spike', 3)).toBe('S1|chat_spike|3');
    // −27 / 90 = −30 %
    expect(alertText('Sakura', 'Evening live', [facts('viewer_drop', 12, { watching: 63, watchingBefore: 90 })])).toBe(
      '[Sakura] Viewer drop at minute 12 in "Evening live": watching 90 → 63 (−30 %)',
    );
    expect(alertText('B', 'x', [facts('chat_spike', 14, { comments: 35, usualComments: 9.5 })])).toBe(
      '[B] Chat spike at minute 14 in "x": 35 viewer comments against a usual 9.5 a minute',
    );
    expect(alertText('B', 'x', [facts('recap_due', 40, { waiting: 24, minutesSinceRecap: 12 })])).toBe(
      '[B] Recap due at minute 40 in "x": 24 viewers waiting, 12 minutes since the last recap',
    );
    expect(alertText('B', 'x', [facts('recap_due', 10, { waiting: 3, minutesSinceRecap: null })])).toBe(
      '[B] Recap due at minute 10 in "x": 3 viewers waiting, no recap yet',
    );
    // two questions due in one minute: one delivery naming both
    const question = (viewerId: string, text: string) => facts('question_waiting', 7, { question: { viewerId, text } });
    expect(alertText('B', 'x', [question('v11', 'サイズは?'), question('v33', '色は？')])).toBe(
      '[B] Question waiting at minute 7 in "x": "サイズは?" from v11; "色は？" from v33',
    );
  });

  it('gives every attempt of a delivery the same idempotency key, and other deliveries other keys', () => {
    const key = idempotencyKey(pending);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const retried: AlertDeliveryRow = { ...pending, attempts: 3, state: 'failed' };
    expect(idempotencyKey(retried)).toBe(key);
    expect(idempotencyKey({ ...pending, webhook_id: 'w2' })).not.toBe(key);
    expect(idempotencyKey({ ...pending, alert_key: alertKey('S1', 'viewer_drop', 13) })).not.toBe(key);
    // fields are kept apart: ('a|b', 'c') is not ('a', 'b|c')
    expect(idempotencyKey({ brand_id: 'a|b', webhook_id: 'c', alert_key: 'k' })).not.toBe(
      idempotencyKey({ brand_id: 'a', webhook_id: 'b|c', alert_key: 'k' }),
    );
  });

  it('sends Slack-style text plus the alert fields and the idempotency key', () => {
    expect(deliveryBody(pending)).toEqual({
      text: '[Sakura] Viewer drop at minute 12 in "Evening live"',
      brandId: 'b1',
      sessionId: 'S1',
      kind: 'viewer_drop',
      minute: 12,
      at: '2026-11-30T20:12:00.000Z',
      idempotencyKey: idempotencyKey(pending),
    });
  });

  it('takes alerts whose minute ends after the webhook was created', () => {
    const at = Date.parse('2026-11-30T20:12:00Z');
    expect(alertAfterRegistration(at, at + 59_999)).toBe(true);
    expect(alertAfterRegistration(at, at + 60_000)).toBe(false);
    expect(alertAfterRegistration(at, at - 3_600_000)).toBe(true);
  });

  it('waits 1 s, 2 s, 4 s … after each failed attempt, at most 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(retryDelayMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('is delivered on any 2xx', () => {
    expect(afterAttempt(pending, { status: 204 }, NOW)).toEqual({
      ...pending,
      state: 'delivered',
      attempts: 1,
      last_status: 204,
      delivered_at: '2026-11-30 20:13:05.000',
      next_attempt_at: null,
    });
  });

  it('is retried after a failed attempt, with the status or the network error', () => {
    expect(afterAttempt(pending, { status: 500 }, NOW)).toEqual({
      ...pending,
      attempts: 1,
      last_status: 500,
      last_error: 'HTTP 500',
      next_attempt_at: '2026-11-30 20:13:06.000',
    });
    const second = afterAttempt({ ...pending, attempts: 1 }, { error: 'ECONNREFUSED' }, NOW);
    expect(second).toMatchObject({
      state: 'pending',
      attempts: 2,
      last_status: null,
      last_error: 'ECONNREFUSED',
      next_attempt_at: '2026-11-30 20:13:07.000',
    });
    // a redirect is not followed: it is a failed attempt
    expect(afterAttempt(pending, { status: 302 }, NOW).state).toBe('pending');
  });

  it(`fails for good after attempt ${MAX_ATTEMPTS}`, () => {
    const last = afterAttempt({ ...pending, attempts: MAX_ATTEMPTS - 1 }, { status: 503 }, NOW);
    expect(last).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, last_status: 503, next_attempt_at: null });
  });
});

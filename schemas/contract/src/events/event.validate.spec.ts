import { validateEvent } from './event.validate.js';

const base = { eventId: 'e1', sessionId: 's1', occurredAt: '2026-11-20T20:00:00+09:00' };

describe('validateEvent accepts the contract', () => {
  it.each([
    [
      {
        ...base,
        type: 'session_start',
        commercerId: 'c1',
        commercerName: 'Aki',
        commercerKind: 'professional',
        title: 'Winter coats',
        platform: 'tiktok',
      },
    ],
    [{ ...base, type: 'session_end' }],
    [{ ...base, type: 'join', viewerId: 'v1', source: 'ad' }],
    [{ ...base, type: 'join', viewerId: 'v1' }],
    [{ ...base, type: 'leave', viewerId: 'v1' }],
    [{ ...base, type: 'dwell', viewerId: 'v1', seconds: 300 }],
    [{ ...base, type: 'comment', viewerId: 'v1', author: 'viewer', text: 'かわいい!' }],
    [{ ...base, type: 'comment', author: 'host', replyTo: 'e0' }],
    [{ ...base, type: 'like', viewerId: 'v1', count: 1000, stamp: 'heart' }],
    [{ ...base, type: 'cart_add', viewerId: 'v1', productId: 'p1', quantity: 2, unitPrice: '12.50', currency: 'USD' }],
    [
      {
        ...base,
        type: 'purchase',
        viewerId: 'v1',
        orderId: 'o1',
        currency: 'JPY',
        items: [{ productId: 'p1', quantity: 1, unitPrice: 1200 }],
      },
    ],
  ])('%o', (event) => {
    expect(validateEvent(event)).toMatchObject({ ok: true });
  });

  it('reads ISO-8601 with offset and epoch milliseconds as the same instant', () => {
    const iso = validateEvent({ ...base, type: 'session_end' });
    const epoch = validateEvent({ ...base, type: 'session_end', occurredAt: Date.UTC(2026, 10, 20, 11, 0, 0) });
    expect(iso.ok && epoch.ok && iso.event.occurredAt === epoch.event.occurredAt).toBe(true);
  });
});

describe('validateEvent rejects with the field and the reason', () => {
  const errorsOf = (event: unknown) => {
    const result = validateEvent(event, {
      now: Date.parse('2026-11-20T12:00:00Z'),
      maxFutureMs: 300_000,
      maxAgeMs: 86_400_000,
    });
    if (result.ok) throw new Error('expected a rejection');
    return result.errors;
  };

  it.each([
    ['not an object', 42, [{ field: '(event)', message: 'must be a JSON object' }]],
    [
      'unknown type',
      { ...base, type: 'tip' },
      [{ field: 'type', message: expect.stringContaining('must be one of session_start') }],
    ],
    ['missing type', { ...base }, [{ field: 'type', message: 'is required' }]],
    [
      'negative like count',
      { ...base, type: 'like', viewerId: 'v', count: -3 },
      [{ field: 'count', message: 'must be at least 1' }],
    ],
    [
      'dwell over 300 s',
      { ...base, type: 'dwell', viewerId: 'v', seconds: 301 },
      [{ field: 'seconds', message: 'must be at most 300' }],
    ],
    [
      'fractional dwell',
      { ...base, type: 'dwell', viewerId: 'v', seconds: 1.5 },
      [{ field: 'seconds', message: 'must be a whole number' }],
    ],
    [
      'text over 500 chars',
      { ...base, type: 'comment', viewerId: 'v', author: 'viewer', text: 'x'.repeat(501) },
      [{ field: 'text', message: 'must be at most 500 characters' }],
    ],
    [
      'viewer comment without viewer',
      { ...base, type: 'comment', author: 'viewer' },
      [{ field: 'viewerId', message: 'is required when author is "viewer"' }],
    ],
    ['missing viewerId', { ...base, type: 'join' }, [{ field: 'viewerId', message: 'is required' }]],
    [
      'timestamp without offset',
      { ...base, type: 'session_end', occurredAt: '2026-11-20T20:00:00' },
      [{ field: 'occurredAt', message: expect.stringContaining('with a time zone offset') }],
    ],
    [
      'timestamp in the future',
      { ...base, type: 'session_end', occurredAt: '2026-11-20T12:10:00Z' },
      [{ field: 'occurredAt', message: 'is more than 300 s in the future' }],
    ],
    [
      'timestamp too old',
      { ...base, type: 'session_end', occurredAt: '2026-11-18T12:00:00Z' },
      [{ field: 'occurredAt', message: 'is more than 1 days old' }],
    ],
    [
      'bad currency',
      { ...base, type: 'cart_add', viewerId: 'v', productId: 'p', quantity: 1, unitPrice: '1', currency: 'yen' },
      [{ field: 'currency', message: expect.stringContaining('ISO-4217') }],
    ],
    [
      'bad item price',
      {
        ...base,
        type: 'purchase',
        viewerId: 'v',
        orderId: 'o',
        currency: 'JPY',
        items: [
          { productId: 'p', quantity: 1, unitPrice: '1' },
          { productId: 'q', quantity: 1, unitPrice: '-5' },
        ],
      },
      [{ field: 'items[1].unitPrice', message: expect.stringContaining('amount of 0 or more') }],
    ],
    [
      'empty items',
      { ...base, type: 'purchase', viewerId: 'v', orderId: 'o', currency: 'JPY', items: [] },
      [{ field: 'items', message: 'must list at least one item' }],
    ],
    [
      'unknown field',
      { ...base, type: 'leave', viewerId: 'v', brandId: 'other' },
      [{ field: 'brandId', message: 'is not a field of this event type' }],
    ],
    [
      'wrong kind',
      {
        ...base,
        type: 'session_start',
        commercerId: 'c',
        commercerName: 'n',
        commercerKind: 'robot',
        title: 't',
        platform: 'p',
      },
      [{ field: 'commercerKind', message: 'must be "professional" or "in_house"' }],
    ],
  ])('%s', (_name, event, errors) => {
    expect(errorsOf(event)).toEqual(errors);
  });

  it('keeps the eventId of a rejected event so the client can match it', () => {
    const result = validateEvent({ ...base, type: 'like', viewerId: 'v', count: 0 });
    expect(result).toEqual({ ok: false, eventId: 'e1', errors: [{ field: 'count', message: 'must be at least 1' }] });
  });
});

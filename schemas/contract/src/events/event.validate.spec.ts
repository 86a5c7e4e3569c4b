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
    [{ ...base, type: 'refund', orderId: 'o1', amount: '12.50', currency: 'USD' }],
    [{ ...base, type: 'refund', orderId: 'o1', amount: 0.0001, currency: 'JPY' }],
    [{ ...base, type: 'follow', viewerId: 'v1' }],
    [{ ...base, type: 'share', viewerId: 'v1', channel: 'line' }],
    [{ ...base, type: 'share', viewerId: 'v1' }],
    [{ ...base, type: 'product_pin', productId: 'p1', productName: 'Wool coat' }],
    [{ ...base, type: 'product_pin', productId: 'p1' }],
    [{ ...base, type: 'product_unpin', productId: 'p1' }],
    [{ ...base, type: 'product_impression', viewerId: 'v1', productId: 'p1' }],
    [{ ...base, type: 'product_click', viewerId: 'v1', productId: 'p1' }],
    [{ ...base, type: 'recap', text: 'For those just joining: the coat is 20 % off until 21:00' }],
    [{ ...base, type: 'recap' }],
  ])('%o', (event) => {
    expect(validateEvent(event)).toMatchObject({ ok: true });
  });

  it('gives the new types their fields as sent, the refund amount as its decimal string', () => {
    expect(validateEvent({ ...base, type: 'refund', orderId: 'o1', amount: 12.5, currency: 'USD' })).toEqual({
      ok: true,
      event: {
        eventId: 'e1',
        occurredAt: Date.UTC(2026, 10, 20, 11, 0, 0),
        sessionId: 's1',
        type: 'refund',
        orderId: 'o1',
        amount: '12.5',
        currency: 'USD',
      },
    });
    expect(validateEvent({ ...base, type: 'product_pin', productId: 'p1', productName: '' })).toMatchObject({
      ok: true,
      event: { productId: 'p1', productName: '' },
    });
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
    [
      'unknown type, listing the merchandise types',
      { ...base, type: 'gift' },
      [
        {
          field: 'type',
          message: expect.stringContaining(
            'purchase, refund, follow, share, product_pin, product_unpin, product_impression, product_click, recap (got "gift")',
          ),
        },
      ],
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
      'refund of 0',
      { ...base, type: 'refund', orderId: 'o', amount: 0, currency: 'JPY' },
      [{ field: 'amount', message: 'must be more than 0' }],
    ],
    [
      'refund of "0.00"',
      { ...base, type: 'refund', orderId: 'o', amount: '0.00', currency: 'JPY' },
      [{ field: 'amount', message: 'must be more than 0' }],
    ],
    [
      'negative refund',
      { ...base, type: 'refund', orderId: 'o', amount: -5, currency: 'JPY' },
      [{ field: 'amount', message: 'must be a finite amount of more than 0' }],
    ],
    [
      'refund with five decimals',
      { ...base, type: 'refund', orderId: 'o', amount: '1.00001', currency: 'JPY' },
      [
        {
          field: 'amount',
          message: 'must be an amount of more than 0 with at most 4 decimals, e.g. "1200" or "12.50"',
        },
      ],
    ],
    [
      'refund without order',
      { ...base, type: 'refund', amount: '5', currency: 'JPY' },
      [{ field: 'orderId', message: 'is required' }],
    ],
    [
      'refund naming a viewer',
      { ...base, type: 'refund', viewerId: 'v', orderId: 'o', amount: '5', currency: 'JPY' },
      [{ field: 'viewerId', message: 'is not a field of this event type' }],
    ],
    ['follow without viewer', { ...base, type: 'follow' }, [{ field: 'viewerId', message: 'is required' }]],
    [
      'share channel over 64 chars',
      { ...base, type: 'share', viewerId: 'v', channel: 'x'.repeat(65) },
      [{ field: 'channel', message: 'must be at most 64 characters' }],
    ],
    [
      'empty share channel',
      { ...base, type: 'share', viewerId: 'v', channel: '' },
      [{ field: 'channel', message: 'must not be empty' }],
    ],
    [
      'product_click without product',
      { ...base, type: 'product_click', viewerId: 'v' },
      [{ field: 'productId', message: 'is required' }],
    ],
    [
      'product_impression without viewer',
      { ...base, type: 'product_impression', productId: 'p' },
      [{ field: 'viewerId', message: 'is required' }],
    ],
    [
      'product_pin naming a viewer',
      { ...base, type: 'product_pin', viewerId: 'v', productId: 'p' },
      [{ field: 'viewerId', message: 'is not a field of this event type' }],
    ],
    [
      'product name over 200 chars',
      { ...base, type: 'product_pin', productId: 'p', productName: 'x'.repeat(201) },
      [{ field: 'productName', message: 'must be at most 200 characters' }],
    ],
    [
      'product_unpin naming a viewer',
      { ...base, type: 'product_unpin', viewerId: 'v', productId: 'p' },
      [{ field: 'viewerId', message: 'is not a field of this event type' }],
    ],
    [
      'recap over 500 chars',
      { ...base, type: 'recap', text: 'x'.repeat(501) },
      [{ field: 'text', message: 'must be at most 500 characters' }],
    ],
    [
      'recap naming a viewer',
      { ...base, type: 'recap', viewerId: 'v' },
      [{ field: 'viewerId', message: 'is not a field of this event type' }],
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

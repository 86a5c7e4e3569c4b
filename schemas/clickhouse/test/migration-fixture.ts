import type { LiveEventInput } from '@lc/contract';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 10, minute)).toISOString();

/**
 * A small session stored before a migration (the data-step tests): a start, two joins, and v1's one
 * order of 2 × 1500. No session_end, so it is live.
 */
export function sessionBeforeUpgrade(title: string): LiveEventInput[] {
  const base = { sessionId: 'U1', occurredAt: at(0) };
  return [
    {
      ...base,
      eventId: 'u-start',
      type: 'session_start',
      commercerId: 'c1',
      commercerName: 'Host',
      commercerKind: 'in_house',
      title,
      platform: 'app',
    },
    { ...base, eventId: 'u-join-1', type: 'join', viewerId: 'v1', occurredAt: at(1) },
    { ...base, eventId: 'u-join-2', type: 'join', viewerId: 'v2', occurredAt: at(1) },
    {
      ...base,
      eventId: 'u-buy-1',
      type: 'purchase',
      viewerId: 'v1',
      occurredAt: at(5),
      orderId: 'o1',
      items: [{ productId: 'p1', quantity: 2, unitPrice: '1500' }],
      currency: 'JPY',
    },
  ];
}

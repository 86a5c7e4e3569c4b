import { validateEvent } from '@lc/contract';
import { fromClickHouseTime, toClickHouseTime } from './clickhouse.time.js';
import { lineAmount, sumAmounts, toEventRow } from './event.row.js';

const base = { eventId: 'e1', sessionId: 's1', occurredAt: '2026-11-20T20:00:00+09:00' };

describe('event rows', () => {
  it('computes amounts exactly in decimal: 3 × 0.1 is 0.3 and 2 × 1200 + 500.5 is 2900.5', () => {
    expect(lineAmount(3, '0.1')).toBe('0.3');
    expect(sumAmounts([lineAmount(2, '1200'), lineAmount(1, '500.5')])).toBe('2900.5');
  });

  it('takes the brand from the caller, never the body, and defaults the stamp to like', () => {
    const result = validateEvent({ ...base, type: 'like', viewerId: 'v', count: 3 });
    if (!result.ok) throw new Error('valid');
    expect(toEventRow(result.event, 'brand-a')).toMatchObject({
      brand_id: 'brand-a',
      stamp: 'like',
      like_count: 3,
      occurred_at: '2026-11-20 11:00:00.000',
    });
  });
});

describe('event rows of the merchandise events', () => {
  const rowOf = (event: Record<string, unknown>) => {
    const result = validateEvent({ ...base, ...event });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const row = toEventRow(result.event, 'brand-a');
    // Only the columns this type fills: the others stay at their defaults in ClickHouse.
    const { brand_id, session_id, event_id, occurred_at, ...own } = row;
    expect({ brand_id, session_id, event_id, occurred_at }).toEqual({
      brand_id: 'brand-a',
      session_id: 's1',
      event_id: 'e1',
      occurred_at: '2026-11-20 11:00:00.000',
    });
    return own;
  };

  it('puts a refund in order_id, amount (the decimal string as sent) and currency, with no viewer', () => {
    expect(rowOf({ type: 'refund', orderId: 'o-7', amount: '1200.50', currency: 'JPY' })).toEqual({
      type: 'refund',
      viewer_id: '',
      order_id: 'o-7',
      amount: '1200.50',
      currency: 'JPY',
    });
    expect(rowOf({ type: 'refund', orderId: 'o-7', amount: 12.5, currency: 'USD' })).toMatchObject({ amount: '12.5' });
  });

  it('keeps only the viewer of a follow, and the channel of a share (empty when not sent)', () => {
    expect(rowOf({ type: 'follow', viewerId: 'v1' })).toEqual({ type: 'follow', viewer_id: 'v1' });
    expect(rowOf({ type: 'share', viewerId: 'v1', channel: 'line' })).toEqual({
      type: 'share',
      viewer_id: 'v1',
      channel: 'line',
    });
    expect(rowOf({ type: 'share', viewerId: 'v1' })).toEqual({ type: 'share', viewer_id: 'v1', channel: '' });
  });

  it('puts the product of pins, unpins, impressions and clicks in product_id, a pin also its name', () => {
    expect(rowOf({ type: 'product_pin', productId: 'coat', productName: 'Wool coat' })).toEqual({
      type: 'product_pin',
      viewer_id: '',
      product_id: 'coat',
      product_name: 'Wool coat',
    });
    expect(rowOf({ type: 'product_pin', productId: 'coat' })).toEqual({
      type: 'product_pin',
      viewer_id: '',
      product_id: 'coat',
      product_name: '',
    });
    expect(rowOf({ type: 'product_unpin', productId: 'coat' })).toEqual({
      type: 'product_unpin',
      viewer_id: '',
      product_id: 'coat',
    });
    expect(rowOf({ type: 'product_impression', viewerId: 'v1', productId: 'coat' })).toEqual({
      type: 'product_impression',
      viewer_id: 'v1',
      product_id: 'coat',
    });
    expect(rowOf({ type: 'product_click', viewerId: 'v1', productId: 'coat' })).toEqual({
      type: 'product_click',
      viewer_id: 'v1',
      product_id: 'coat',
    });
  });

  it('puts the words of a recap in text (empty when not sent), with no viewer', () => {
    expect(rowOf({ type: 'recap', text: 'The coat is 20 % off' })).toEqual({
      type: 'recap',
      viewer_id: '',
      text: 'The coat is 20 % off',
    });
    expect(rowOf({ type: 'recap' })).toEqual({ type: 'recap', viewer_id: '', text: '' });
  });
});

describe('toClickHouseTime', () => {
  const reference = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

  it('formats like toISOString across days, years and the edges of its fast path', () => {
    const samples = [0, 999, 1000, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), 253_402_300_799_999];
    // 5 000 instants spread over 1970–2100 by a fixed odd stride (deterministic, every day part visited).
    for (let i = 0; i < 5_000; i++) samples.push((i * 820_488_961_327) % 4_102_444_800_000);
    for (const ms of [...samples, 253_402_300_800_000, -1, -86_400_001, 1.5, 1_700_000_000_000.7]) {
      expect(toClickHouseTime(ms)).toBe(reference(ms));
    }
  });

  it('gives 20:00 in Tokyo on 20 November 2026 as 11:00 UTC, from epoch ms or a Date alike', () => {
    expect(toClickHouseTime(Date.parse('2026-11-20T20:00:00+09:00'))).toBe('2026-11-20 11:00:00.000');
    expect(toClickHouseTime(new Date('2026-11-20T20:00:00.5+09:00'))).toBe('2026-11-20 11:00:00.500');
  });

  it('reads back what it writes', () => {
    expect(fromClickHouseTime('2026-11-20 11:00:00.250').toISOString()).toBe('2026-11-20T11:00:00.250Z');
  });
});

import type { LiveEvent } from '@lc/contract';
import { toClickHouseTime } from './clickhouse.time.js';

/** One row of the `events` table, ready for JSONEachRow. Column names match migrations/0002_events.sql and 0005. */
export interface EventRow {
  brand_id: string;
  session_id: string;
  event_id: string;
  type: LiveEvent['type'];
  occurred_at: string;
  viewer_id: string;
  commercer_id?: string;
  commercer_name?: string;
  commercer_kind?: string;
  title?: string;
  platform?: string;
  source?: string;
  channel?: string;
  seconds?: number;
  author?: string;
  text?: string;
  reply_to?: string;
  like_count?: number;
  stamp?: string;
  product_id?: string;
  product_name?: string;
  quantity?: number;
  unit_price?: string;
  currency?: string;
  order_id?: string;
  items?: { product_id: string; quantity: number; unit_price: string }[];
  /** cart_add: quantity × unitPrice; purchase: Σ items; refund: the money returned. */
  amount?: string;
}

/**
 * Exact decimal product/sum in units of 1/10000, so amounts never pick up
 * binary floating-point error before they reach the Decimal(18, 4) column.
 */
function toTenThousandths(amount: string): bigint {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole) * 10_000n + BigInt((fraction + '0000').slice(0, 4));
}
function fromTenThousandths(value: bigint): string {
  const whole = value / 10_000n;
  const fraction = (value % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}
export function lineAmount(quantity: number, unitPrice: string): string {
  return fromTenThousandths(BigInt(quantity) * toTenThousandths(unitPrice));
}
export function sumAmounts(amounts: readonly string[]): string {
  return fromTenThousandths(amounts.reduce((sum, a) => sum + toTenThousandths(a), 0n));
}

/** Maps a validated event to its row. The brand comes from the ingest key, never from the body. */
export function toEventRow(event: LiveEvent, brandId: string): EventRow {
  const row: EventRow = {
    brand_id: brandId,
    session_id: event.sessionId,
    event_id: event.eventId,
    type: event.type,
    occurred_at: toClickHouseTime(event.occurredAt),
    viewer_id: 'viewerId' in event && event.viewerId !== undefined ? event.viewerId : '',
  };
  switch (event.type) {
    case 'session_start':
      row.commercer_id = event.commercerId;
      row.commercer_name = event.commercerName;
      row.commercer_kind = event.commercerKind;
      row.title = event.title;
      row.platform = event.platform;
      break;
    case 'join':
      row.source = event.source ?? '';
      break;
    case 'dwell':
      row.seconds = event.seconds;
      break;
    case 'comment':
      row.author = event.author;
      row.text = event.text ?? '';
      row.reply_to = event.replyTo ?? '';
      break;
    case 'like':
      row.like_count = event.count;
      row.stamp = event.stamp ?? 'like';
      break;
    case 'cart_add':
      row.product_id = event.productId;
      row.quantity = event.quantity;
      row.unit_price = event.unitPrice;
      row.currency = event.currency;
      row.amount = lineAmount(event.quantity, event.unitPrice);
      break;
    case 'purchase':
      row.order_id = event.orderId;
      row.currency = event.currency;
      row.items = event.items.map((item) => ({
        product_id: item.productId,
        quantity: item.quantity,
        unit_price: item.unitPrice,
      }));
      row.amount = sumAmounts(event.items.map((item) => lineAmount(item.quantity, item.unitPrice)));
      break;
    case 'refund':
      row.order_id = event.orderId;
      row.amount = event.amount;
      row.currency = event.currency;
      break;
    case 'share':
      row.channel = event.channel ?? '';
      break;
    case 'product_pin':
      row.product_id = event.productId;
      row.product_name = event.productName ?? '';
      break;
    case 'product_unpin':
    case 'product_impression':
    case 'product_click':
      row.product_id = event.productId;
      break;
    case 'recap':
      row.text = event.text ?? '';
      break;
    case 'session_end':
    case 'leave':
    case 'follow':
      break;
  }
  return row;
}

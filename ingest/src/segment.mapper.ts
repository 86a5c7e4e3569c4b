import { EVENT_TYPES, type FieldError } from '@lc/contract';

/**
 * Segment HTTP tracking API → our event contract, so Segment and RudderStack
 * SDKs can send without code. Only `track` calls carry stream events.
 *
 * | Segment                     | event contract                          |
 * |-----------------------------|-----------------------------------------|
 * | messageId                   | eventId                                 |
 * | userId, else anonymousId    | viewerId (not for session events / host)|
 * | timestamp (else sentAt, originalTimestamp) | occurredAt               |
 * | event                       | type (table below)                      |
 * | properties.sessionId / session_id | sessionId                         |
 * | properties.product_id / productId | productId (cart_add, product_*)   |
 * | properties.name / productName | productName (product_pin)             |
 * | properties.order_id / orderId | orderId (purchase, refund)            |
 * | properties.total / amount   | amount (refund)                         |
 * | properties.share_via / channel | channel (share)                      |
 * | other properties            | the type's fields, same names           |
 *
 * cart_add, purchase, refund, share and the product_* events take only the properties they need
 * (Segment's specs carry more — sku, price, url… — which are dropped); the other types take every
 * property under its contract name, and refuse one they do not know.
 */
export const SEGMENT_EVENT_NAMES: Record<string, string> = {
  // Segment e-commerce spec
  'Product Added': 'cart_add',
  'Order Completed': 'purchase',
  'Order Refunded': 'refund',
  'Product Clicked': 'product_click',
  'Product Viewed': 'product_click', // the product's details (its card) opened
  'Product Shared': 'share',
  // readable names for the live-stream events
  'Live Session Started': 'session_start',
  'Live Session Ended': 'session_end',
  'Live Session Joined': 'join',
  'Live Session Left': 'leave',
  'Live Session Heartbeat': 'dwell',
  'Comment Posted': 'comment',
  'Reaction Sent': 'like',
  'Account Followed': 'follow',
  'Product Pinned': 'product_pin',
  'Product Unpinned': 'product_unpin',
  'Product Impression': 'product_impression',
  'Live Session Recapped': 'recap',
};

const OUR_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
/** Types the host or the shop sends: Segment's userId / anonymousId is not a viewer there. */
const NO_VIEWER = new Set(['session_start', 'session_end', 'refund', 'product_pin', 'product_unpin', 'recap']);
const PRODUCT_TYPES = new Set(['product_pin', 'product_unpin', 'product_impression', 'product_click']);

/** Where a contract field came from in the Segment message, for error messages. */
const FIELD_ORIGIN: Record<string, string> = {
  eventId: 'messageId',
  viewerId: 'userId',
  occurredAt: 'timestamp',
  type: 'event',
};

export type SegmentMapping =
  { ok: true; event: Record<string, unknown> } | { ok: false; eventId: string | null; errors: FieldError[] };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function mapItems(products: unknown): unknown {
  if (!Array.isArray(products)) return products;
  return products.map((p) =>
    isObject(p)
      ? {
          productId: p.product_id ?? p.productId ?? p.sku,
          quantity: p.quantity ?? 1,
          unitPrice: p.price ?? p.unitPrice,
        }
      : p,
  );
}

export function mapSegmentMessage(message: unknown, defaultType?: string): SegmentMapping {
  if (!isObject(message))
    return { ok: false, eventId: null, errors: [{ field: '(message)', message: 'must be a JSON object' }] };
  const eventId = typeof message.messageId === 'string' ? message.messageId : null;
  const callType = message.type ?? defaultType;
  if (callType !== 'track') {
    return {
      ok: false,
      eventId,
      errors: [{ field: 'type', message: `only "track" calls carry stream events (got ${JSON.stringify(callType)})` }],
    };
  }
  const name = message.event;
  const type =
    typeof name === 'string' ? (SEGMENT_EVENT_NAMES[name] ?? (OUR_TYPES.has(name) ? name : undefined)) : undefined;
  if (type === undefined) {
    return {
      ok: false,
      eventId,
      errors: [
        {
          field: 'event',
          message: `${JSON.stringify(name)} is not a live-commerce event; use one of ${Object.keys(SEGMENT_EVENT_NAMES).join(', ')} or the contract's type names`,
        },
      ],
    };
  }
  const properties: Json = isObject(message.properties) ? { ...message.properties } : {};
  const sessionId = properties.sessionId ?? properties.session_id;
  delete properties.sessionId;
  delete properties.session_id;
  const event: Json = {
    eventId: message.messageId,
    type,
    occurredAt: message.timestamp ?? message.originalTimestamp ?? message.sentAt,
    sessionId,
  };
  const isHost = type === 'comment' && properties.author === 'host';
  if (!NO_VIEWER.has(type) && !isHost) event.viewerId = message.userId ?? message.anonymousId;
  if (type === 'cart_add') {
    event.productId = properties.product_id ?? properties.productId;
    event.quantity = properties.quantity ?? 1;
    event.unitPrice = properties.price ?? properties.unitPrice;
    event.currency = properties.currency;
  } else if (type === 'purchase') {
    event.orderId = properties.order_id ?? properties.orderId;
    event.items = mapItems(properties.products ?? properties.items);
    event.currency = properties.currency;
  } else if (type === 'refund') {
    // Segment's Order Refunded: `total` is the money returned (a partial refund sends its part).
    event.orderId = properties.order_id ?? properties.orderId;
    event.amount = properties.total ?? properties.amount;
    event.currency = properties.currency;
  } else if (PRODUCT_TYPES.has(type)) {
    event.productId = properties.product_id ?? properties.productId;
    const productName = properties.name ?? properties.productName;
    if (type === 'product_pin' && productName !== undefined) event.productName = productName;
  } else if (type === 'share') {
    const channel = properties.share_via ?? properties.channel;
    if (channel !== undefined) event.channel = channel;
  } else {
    Object.assign(event, properties);
  }
  return { ok: true, event };
}

/** Renames contract fields in validation errors back to where they were in the Segment message. */
export function segmentFieldOf(field: string): string {
  if (FIELD_ORIGIN[field]) return FIELD_ORIGIN[field];
  if (field === 'sessionId') return 'properties.sessionId';
  if (field === '(event)') return '(message)';
  return `properties.${field}`;
}

import type { CommentEvent, LiveEvent } from './event.schema.js';

/**
 * A hand-written check of the common case — an event that the zod schemas of
 * event.schema.ts accept — that returns exactly what zod would return (same
 * values, same key order). It answers `undefined` at the first doubt, and the
 * caller then runs zod, which alone decides and words every rejection: so a
 * gap here can only cost speed, never change an answer. Kept in step with
 * event.schema.ts by event.fast-parse.spec.ts, which compares both on every
 * event type and on random inputs.
 *
 * Why it exists: zod's object parsing (a fresh context, issue arrays and
 * closures per field) was the largest share of the ingest server's CPU profile.
 */

type Input = Record<string, unknown>;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const MONEY = /^\d{1,14}(\.\d{1,4})?$/;
const ZERO = /^0+(\.0+)?$/;
const CURRENCY = /^[A-Z]{3}$/;

const isId = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 128;
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** occurredAt as epoch ms, or NaN when zod must judge it. */
function occurredAtOf(value: unknown): number {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : Number.NaN;
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value)) return Number.NaN;
  return Date.parse(value);
}

/** A money amount as its decimal string, or undefined when zod must judge it. */
function moneyOf(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return undefined;
    const text = String(value);
    return MONEY.test(text) ? text : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return MONEY.test(text) ? text : undefined;
}

/**
 * True when every own key of `input` is one of `allowed` and none holds
 * `undefined` (zod keeps such keys in its output; JSON never has them, so
 * leaving them to zod keeps this path simple).
 */
function onlyKeys(input: Input, allowed: ReadonlySet<string>): boolean {
  for (const key in input) {
    if (!allowed.has(key) || input[key] === undefined) return false;
  }
  return true;
}

const BASE_KEYS = ['eventId', 'occurredAt', 'sessionId', 'type'];
const keys = (...extra: string[]): ReadonlySet<string> => new Set([...BASE_KEYS, ...extra]);
const KEYS = {
  session_start: keys('commercerId', 'commercerName', 'commercerKind', 'title', 'platform'),
  session_end: keys(),
  join: keys('viewerId', 'source'),
  leave: keys('viewerId'),
  dwell: keys('viewerId', 'seconds'),
  comment: keys('viewerId', 'author', 'text', 'replyTo'),
  like: keys('viewerId', 'count', 'stamp'),
  cart_add: keys('viewerId', 'productId', 'quantity', 'unitPrice', 'currency'),
  purchase: keys('viewerId', 'orderId', 'items', 'currency'),
  refund: keys('orderId', 'amount', 'currency'),
  follow: keys('viewerId'),
  share: keys('viewerId', 'channel'),
  product_pin: keys('productId', 'productName'),
  product_unpin: keys('productId'),
  product_impression: keys('viewerId', 'productId'),
  product_click: keys('viewerId', 'productId'),
  recap: keys('text'),
} as const satisfies Record<LiveEvent['type'], ReadonlySet<string>>;
const ITEM_KEYS: ReadonlySet<string> = new Set(['productId', 'quantity', 'unitPrice']);

/** The validated event, or undefined when only zod can say (invalid, or unusual). `type` is already known valid. */
export function fastParseEvent(type: LiveEvent['type'], input: Input): LiveEvent | undefined {
  if (!onlyKeys(input, KEYS[type])) return undefined;
  const { eventId, sessionId } = input;
  if (!isId(eventId) || !isId(sessionId)) return undefined;
  const occurredAt = occurredAtOf(input.occurredAt);
  if (Number.isNaN(occurredAt)) return undefined;
  // Literal objects in the schema's key order: the output matches zod's, key for key.
  switch (type) {
    case 'session_start': {
      const { commercerId, commercerName, commercerKind, title, platform } = input;
      if (!isId(commercerId) || !isText(commercerName, 200) || !isText(title, 500)) return undefined;
      if (commercerKind !== 'professional' && commercerKind !== 'in_house') return undefined;
      if (typeof platform !== 'string' || platform.length < 1 || platform.length > 64) return undefined;
      return { eventId, occurredAt, sessionId, type, commercerId, commercerName, commercerKind, title, platform };
    }
    case 'session_end':
      return { eventId, occurredAt, sessionId, type };
    case 'join': {
      const { viewerId, source } = input;
      if (!isId(viewerId)) return undefined;
      if (source === undefined) return { eventId, occurredAt, sessionId, viewerId, type };
      if (!isText(source, 64)) return undefined;
      return { eventId, occurredAt, sessionId, viewerId, type, source };
    }
    case 'leave': {
      const { viewerId } = input;
      if (!isId(viewerId)) return undefined;
      return { eventId, occurredAt, sessionId, viewerId, type };
    }
    case 'dwell': {
      const { viewerId, seconds } = input;
      if (!isId(viewerId) || !isWhole(seconds, 1, 300)) return undefined;
      return { eventId, occurredAt, sessionId, viewerId, type, seconds };
    }
    case 'comment': {
      const { viewerId, author, text, replyTo } = input;
      if (author === 'viewer') {
        if (!isId(viewerId)) return undefined;
      } else if (author !== 'host' || viewerId !== undefined) {
        return undefined;
      }
      if (text !== undefined && !isText(text, 500)) return undefined;
      if (replyTo !== undefined && !isId(replyTo)) return undefined;
      const event: CommentEvent =
        viewerId === undefined
          ? { eventId, occurredAt, sessionId, type, author }
          : { eventId, occurredAt, sessionId, type, viewerId, author };
      // Optional fields only when sent, after the others, as zod does.
      if (text !== undefined) event.text = text;
      if (replyTo !== undefined) event.replyTo = replyTo;
      return event;
    }
    case 'like': {
      const { viewerId, count, stamp } = input;
      if (!isId(viewerId) || !isWhole(count, 1, 1000)) return undefined;
      if (stamp === undefined) return { eventId, occurredAt, sessionId, viewerId, type, count };
      if (typeof stamp !== 'string' || stamp.length < 1 || stamp.length > 64) return undefined;
      return { eventId, occurredAt, sessionId, viewerId, type, count, stamp };
    }
    case 'cart_add': {
      const { viewerId, productId, quantity, currency } = input;
      const unitPrice = moneyOf(input.unitPrice);
      if (!isId(viewerId) || !isId(productId) || !isWhole(quantity, 1, 100_000) || unitPrice === undefined)
        return undefined;
      if (typeof currency !== 'string' || !CURRENCY.test(currency)) return undefined;
      return { eventId, occurredAt, sessionId, viewerId, type, productId, quantity, unitPrice, currency };
    }
    case 'purchase': {
      const { viewerId, orderId, items, currency } = input;
      if (!isId(viewerId) || !isId(orderId) || !Array.isArray(items)) return undefined;
      if (items.length < 1 || items.length > 200) return undefined;
      if (typeof currency !== 'string' || !CURRENCY.test(currency)) return undefined;
      const parsed: { productId: string; quantity: number; unitPrice: string }[] = [];
      for (const item of items as unknown[]) {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
        const record = item as Input;
        if (!onlyKeys(record, ITEM_KEYS)) return undefined;
        const { productId, quantity } = record;
        const unitPrice = moneyOf(record.unitPrice);
        if (!isId(productId) || !isWhole(quantity, 1, 100_000) || unitPrice === undefined) return undefined;
        parsed.push({ productId, quantity, unitPrice });
      }
      return { eventId, occurredAt, sessionId, viewerId, type, orderId, items: parsed, currency };
    }
    case 'refund': {
      const { orderId, currency } = input;
      const amount = moneyOf(input.amount);
      if (!isId(orderId) || amount === undefined || ZERO.test(amount)) return undefined;
      if (typeof currency !== 'string' || !CURRENCY.test(currency)) return undefined;
      return { eventId, occurredAt, sessionId, type, orderId, amount, currency };
    }
    case 'follow': {
      const { viewerId } = input;
      if (!isId(viewerId)) return undefined;
      return { eventId, occurredAt, sessionId, viewerId, type };
    }
    case 'share': {
      const { viewerId, channel } = input;
      if (!isId(viewerId)) return undefined;
      if (channel === undefined) return { eventId, occurredAt, sessionId, viewerId, type };
      if (typeof channel !== 'string' || channel.length < 1 || channel.length > 64) return undefined;
      return { eventId, occurredAt, sessionId, viewerId, type, channel };
    }
    case 'product_pin': {
      const { productId, productName } = input;
      if (!isId(productId)) return undefined;
      if (productName === undefined) return { eventId, occurredAt, sessionId, type, productId };
      if (!isText(productName, 200)) return undefined;
      return { eventId, occurredAt, sessionId, type, productId, productName };
    }
    case 'product_unpin': {
      const { productId } = input;
      if (!isId(productId)) return undefined;
      return { eventId, occurredAt, sessionId, type, productId };
    }
    case 'product_impression':
    case 'product_click': {
      const { viewerId, productId } = input;
      if (!isId(viewerId) || !isId(productId)) return undefined;
      return { eventId, occurredAt, sessionId, viewerId, type, productId };
    }
    case 'recap': {
      const { text } = input;
      if (text === undefined) return { eventId, occurredAt, sessionId, type };
      if (!isText(text, 500)) return undefined;
      return { eventId, occurredAt, sessionId, type, text };
    }
  }
}

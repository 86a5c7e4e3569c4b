import { z } from 'zod';

/**
 * The ingest contract of METRICS.md ("Events"), as zod schemas. Every message
 * is written for a person reading an ingest response: it names what the field
 * must be, not what zod's internals saw.
 */

export const EVENT_TYPES = [
  'session_start',
  'session_end',
  'join',
  'leave',
  'dwell',
  'comment',
  'like',
  'cart_add',
  'purchase',
  'refund',
  'follow',
  'share',
  'product_pin',
  'product_unpin',
  'product_impression',
  'product_click',
  'recap',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const COMMERCER_KINDS = ['professional', 'in_house'] as const;
export type CommercerKind = (typeof COMMERCER_KINDS)[number];

const id = (what: string) =>
  z
    .string({ error: `must be a string (${what})` })
    .min(1, { error: 'must not be empty' })
    .max(128, { error: 'must be at most 128 characters' });

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

/** ISO-8601 with an explicit offset (`Z` or `+09:00`), or epoch milliseconds. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
export const occurredAtSchema = z
  .union([z.string(), z.number()], { error: 'must be an ISO-8601 timestamp with offset or epoch milliseconds' })
  .transform((value, ctx) => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || !Number.isInteger(value) || value < 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a non-negative whole number of epoch milliseconds' });
        return z.NEVER;
      }
      return value;
    }
    if (!ISO_WITH_OFFSET.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be ISO-8601 with a time zone offset, e.g. 2026-11-26T20:00:00+09:00',
      });
      return z.NEVER;
    }
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date and time' });
      return z.NEVER;
    }
    return ms;
  });

/** Money in the currency's major unit, as a decimal string or a number; at most 4 decimals. */
const MONEY = /^\d{1,14}(\.\d{1,4})?$/;
const ZERO = /^0+(\.0+)?$/;
/** `positive`: 0 is refused as well (a refund of nothing is no refund). */
function moneyAmount(positive: boolean) {
  const least = positive ? 'more than 0' : '0 or more';
  return z.union([z.string(), z.number()], { error: 'must be a decimal string or number' }).transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value.trim();
    if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) {
      ctx.addIssue({ code: 'custom', message: `must be a finite amount of ${least}` });
      return z.NEVER;
    }
    if (!MONEY.test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an amount of ${least} with at most 4 decimals, e.g. "1200" or "12.50"`,
      });
      return z.NEVER;
    }
    if (positive && ZERO.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'must be more than 0' });
      return z.NEVER;
    }
    return text;
  });
}
export const moneySchema = moneyAmount(false);
export const positiveMoneySchema = moneyAmount(true);

const currencySchema = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO-4217 code of three capital letters, e.g. JPY' });

const base = {
  eventId: id('the client-made unique event id'),
  occurredAt: occurredAtSchema,
  sessionId: id('the session id'),
};
const viewer = { viewerId: id('the pseudonymous viewer id') };

export const sessionStartSchema = z.strictObject({
  ...base,
  type: z.literal('session_start'),
  commercerId: id('the commercer id'),
  commercerName: z.string({ error: 'must be a string' }).max(200, { error: 'must be at most 200 characters' }),
  commercerKind: z.enum(COMMERCER_KINDS, { error: 'must be "professional" or "in_house"' }),
  title: z.string({ error: 'must be a string' }).max(500, { error: 'must be at most 500 characters' }),
  platform: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(64),
});
export const sessionEndSchema = z.strictObject({ ...base, type: z.literal('session_end') });
export const joinSchema = z.strictObject({
  ...base,
  ...viewer,
  type: z.literal('join'),
  source: z.string({ error: 'must be a string' }).max(64, { error: 'must be at most 64 characters' }).optional(),
});
export const leaveSchema = z.strictObject({ ...base, ...viewer, type: z.literal('leave') });
export const dwellSchema = z.strictObject({
  ...base,
  ...viewer,
  type: z.literal('dwell'),
  seconds: wholeNumber(1, 300),
});
export const commentSchema = z
  .strictObject({
    ...base,
    type: z.literal('comment'),
    viewerId: id('the pseudonymous viewer id').optional(),
    author: z.enum(['viewer', 'host'], { error: 'must be "viewer" or "host"' }),
    text: z.string({ error: 'must be a string' }).max(500, { error: 'must be at most 500 characters' }).optional(),
    replyTo: id('the eventId of the comment answered').optional(),
  })
  .superRefine((c, ctx) => {
    if (c.author === 'viewer' && c.viewerId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['viewerId'], message: 'is required when author is "viewer"' });
    }
    if (c.author === 'host' && c.viewerId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['viewerId'], message: 'must be absent when author is "host"' });
    }
  });
export const likeSchema = z.strictObject({
  ...base,
  ...viewer,
  type: z.literal('like'),
  count: wholeNumber(1, 1000),
  stamp: z
    .string({ error: 'must be a string' })
    .min(1, { error: 'must not be empty' })
    .max(64, { error: 'must be at most 64 characters' })
    .optional(),
});
export const cartAddSchema = z.strictObject({
  ...base,
  ...viewer,
  type: z.literal('cart_add'),
  productId: id('the product id'),
  quantity: wholeNumber(1, 100_000),
  unitPrice: moneySchema,
  currency: currencySchema,
});
export const purchaseItemSchema = z.strictObject({
  productId: id('the product id'),
  quantity: wholeNumber(1, 100_000),
  unitPrice: moneySchema,
});
export const purchaseSchema = z.strictObject({
  ...base,
  ...viewer,
  type: z.literal('purchase'),
  orderId: id('the order id'),
  items: z
    .array(purchaseItemSchema, { error: 'must be a list of items' })
    .min(1, { error: 'must list at least one item' })
    .max(200, { error: 'must list at most 200 items' }),
  currency: currencySchema,
});

export const refundSchema = z.strictObject({
  ...base,
  type: z.literal('refund'),
  orderId: id('the order id'),
  amount: positiveMoneySchema,
  currency: currencySchema,
});
export const followSchema = z.strictObject({ ...base, ...viewer, type: z.literal('follow') });
export const shareSchema = z.strictObject({
  ...base,
  ...viewer,
  type: z.literal('share'),
  channel: z
    .string({ error: 'must be a string' })
    .min(1, { error: 'must not be empty' })
    .max(64, { error: 'must be at most 64 characters' })
    .optional(),
});
export const productPinSchema = z.strictObject({
  ...base,
  type: z.literal('product_pin'),
  productId: id('the product id'),
  productName: z.string({ error: 'must be a string' }).max(200, { error: 'must be at most 200 characters' }).optional(),
});
export const productUnpinSchema = z.strictObject({
  ...base,
  type: z.literal('product_unpin'),
  productId: id('the product id'),
});
export const productImpressionSchema = z.strictObject({
  ...base,
  ...viewer,
  type: z.literal('product_impression'),
  productId: id('the product id'),
});
export const productClickSchema = z.strictObject({
  ...base,
  ...viewer,
  type: z.literal('product_click'),
  productId: id('the product id'),
});
export const recapSchema = z.strictObject({
  ...base,
  type: z.literal('recap'),
  text: z.string({ error: 'must be a string' }).max(500, { error: 'must be at most 500 characters' }).optional(),
});

export const SCHEMA_BY_TYPE = {
  session_start: sessionStartSchema,
  session_end: sessionEndSchema,
  join: joinSchema,
  leave: leaveSchema,
  dwell: dwellSchema,
  comment: commentSchema,
  like: likeSchema,
  cart_add: cartAddSchema,
  purchase: purchaseSchema,
  refund: refundSchema,
  follow: followSchema,
  share: shareSchema,
  product_pin: productPinSchema,
  product_unpin: productUnpinSchema,
  product_impression: productImpressionSchema,
  product_click: productClickSchema,
  recap: recapSchema,
} as const satisfies Record<EventType, z.ZodType>;

export type SessionStartEvent = z.output<typeof sessionStartSchema>;
export type SessionEndEvent = z.output<typeof sessionEndSchema>;
export type JoinEvent = z.output<typeof joinSchema>;
export type LeaveEvent = z.output<typeof leaveSchema>;
export type DwellEvent = z.output<typeof dwellSchema>;
export type CommentEvent = z.output<typeof commentSchema>;
export type LikeEvent = z.output<typeof likeSchema>;
export type CartAddEvent = z.output<typeof cartAddSchema>;
export type PurchaseEvent = z.output<typeof purchaseSchema>;
export type RefundEvent = z.output<typeof refundSchema>;
export type FollowEvent = z.output<typeof followSchema>;
export type ShareEvent = z.output<typeof shareSchema>;
export type ProductPinEvent = z.output<typeof productPinSchema>;
export type ProductUnpinEvent = z.output<typeof productUnpinSchema>;
export type ProductImpressionEvent = z.output<typeof productImpressionSchema>;
export type ProductClickEvent = z.output<typeof productClickSchema>;
export type RecapEvent = z.output<typeof recapSchema>;
/** A validated event: `occurredAt` is epoch milliseconds, amounts are decimal strings. */
export type LiveEvent =
  | SessionStartEvent
  | SessionEndEvent
  | JoinEvent
  | LeaveEvent
  | DwellEvent
  | CommentEvent
  | LikeEvent
  | CartAddEvent
  | PurchaseEvent
  | RefundEvent
  | FollowEvent
  | ShareEvent
  | ProductPinEvent
  | ProductUnpinEvent
  | ProductImpressionEvent
  | ProductClickEvent
  | RecapEvent;
/** What a client sends (timestamps as ISO strings or epoch ms, amounts as strings or numbers). */
export type LiveEventInput = z.input<(typeof SCHEMA_BY_TYPE)[EventType]>;

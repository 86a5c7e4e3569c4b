import type { LiveEvent } from '@lc/contract';
import type { Random } from './random.js';

/**
 * Refunds as a shop sends them: on about 3 % of a session's orders, later in
 * the stream or when it ends (returns are booked when the shop processes
 * them), with no viewer id. Some are partial — one line of the order, or a
 * goodwill discount — and now and then a second refund follows the first;
 * an order's refunds never add up to more than its amount.
 */

export interface SimOrder {
  orderId: string;
  /** ms from the session start. */
  paidAt: number;
  items: readonly { productId: string; quantity: number; unitPrice: string }[];
}

export interface RefundContext {
  sessionId: string;
  startMs: number;
  durationMs: number;
  currency: string;
}

export const REFUND_RATE = 0.03;
const AT_END_CHANCE = 0.5;
const SECOND_REFUND_CHANCE = 0.15;
/** A goodwill refund is a round share of the order (a damaged box, a late delivery). */
const GOODWILL_SHARES = [0.1, 0.2, 0.3, 0.5] as const;

export function refundEvents(rng: Random, orders: readonly SimOrder[], context: RefundContext): LiveEvent[] {
  // Rounded up or down at random, so the rate holds on average even for sessions of a dozen orders.
  const count = Math.min(orders.length, Math.floor(orders.length * REFUND_RATE + rng.next()));
  const events: LiveEvent[] = [];
  for (const order of rng.sample(orders, count)) {
    const decimals = Math.max(...order.items.map((item) => fractionDigits(item.unitPrice)));
    const lines = order.items.map((item) => item.quantity * toMinor(item.unitPrice, decimals));
    const total = lines.reduce((sum, line) => sum + line, 0);
    const kind = rng.weighted<'full' | 'line' | 'goodwill'>([
      ['full', 55],
      ['line', lines.length > 1 || order.items[0].quantity > 1 ? 25 : 0],
      ['goodwill', 20],
    ]);
    const first =
      kind === 'full'
        ? total
        : kind === 'line'
          ? // One line returned, or one unit of a single line of several units.
            lines.length > 1
            ? rng.pick(lines)
            : toMinor(order.items[0].unitPrice, decimals)
          : Math.max(1, Math.round(total * rng.pick(GOODWILL_SHARES)));
    const amounts = [first];
    // The rest returned later, or half of it: an order's refunds never exceed its amount.
    if (first < total && rng.chance(SECOND_REFUND_CHANCE)) {
      const rest = total - first;
      amounts.push(rng.chance(0.5) ? rest : Math.max(1, Math.round(rest / 2)));
    }
    let after = order.paidAt;
    for (const amount of amounts) {
      after = refundTime(rng, after, context.durationMs);
      events.push({
        eventId: '',
        type: 'refund',
        occurredAt: context.startMs + after,
        sessionId: context.sessionId,
        orderId: order.orderId,
        amount: fromMinor(amount, decimals),
        currency: context.currency,
      });
    }
  }
  return events;
}

/** Some time after `after` and no later than the session's end: minutes later, or in the closing seconds. */
function refundTime(rng: Random, after: number, durationMs: number): number {
  const earliest = after + 180_000;
  const at =
    rng.chance(AT_END_CHANCE) || earliest >= durationMs
      ? durationMs - rng.int(0, 30_000)
      : rng.int(earliest, durationMs);
  return Math.min(durationMs, Math.max(after + 1_000, at));
}

function fractionDigits(amount: string): number {
  const dot = amount.indexOf('.');
  return dot < 0 ? 0 : amount.length - dot - 1;
}

/** "12.5" with 2 decimals → 1250: whole minor units, so partial amounts never pick up float error. */
function toMinor(amount: string, decimals: number): number {
  const [whole, fraction = ''] = amount.split('.');
  return Number(whole) * 10 ** decimals + Number((fraction + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

function fromMinor(minor: number, decimals: number): string {
  if (decimals === 0) return String(minor);
  const text = String(minor).padStart(decimals + 1, '0');
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}
